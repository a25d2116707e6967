using LeveragedTokens.Staff.Persistence;
using LeveragedTokens.Stress;
using Microsoft.EntityFrameworkCore;

namespace LeveragedTokens.Staff.Thresholds;

public sealed record ThresholdView(string Scope, ThresholdKey Key, decimal? OwnValue, decimal Effective, string? UpdatedBy, DateTime? UpdatedAt);

/// <summary>Reads and edits thresholds; every edit writes its audit row in the same transaction.</summary>
public sealed class ThresholdEditor(IDbContextFactory<StaffDbContext> staffDb, TimeProvider clock) : IRunwayWindows
{
    public async Task<IReadOnlyList<ThresholdView>> ListAsync(IEnumerable<string> scopes, CancellationToken ct)
    {
        await using var staff = await staffDb.CreateDbContextAsync(ct);
        var rows = await staff.Thresholds.AsNoTracking().ToListAsync(ct);
        var set = new ThresholdSet(rows);
        return [.. scopes.Prepend(ThresholdDefaults.GlobalScope).Distinct().SelectMany(scope => Enum.GetValues<ThresholdKey>().Select(key =>
        {
            var own = rows.FirstOrDefault(r => r.Scope == scope && r.Key == key);
            return new ThresholdView(scope, key, own?.Value, set.Get(scope, key), own?.UpdatedBy, own?.UpdatedAt);
        }))];
    }

    /// <summary>The value in force for a scope ("{chainId}:{address}"): its own, else its address's legacy one, else the global one, else the default.</summary>
    public async Task<decimal> EffectiveAsync(string scope, ThresholdKey key, CancellationToken ct)
    {
        await using var staff = await staffDb.CreateDbContextAsync(ct);
        return new ThresholdSet(await staff.Thresholds.AsNoTracking().Where(t => t.Key == key).ToListAsync(ct)).Get(scope, key);
    }

    /// <summary>RunwayWindowHours in force per pool address of one chain, read once: the stress report's runway window.</summary>
    public async Task<Func<string, decimal>> RunwayWindowsAsync(long chainId, CancellationToken ct)
    {
        await using var staff = await staffDb.CreateDbContextAsync(ct);
        var set = new ThresholdSet(await staff.Thresholds.AsNoTracking().Where(t => t.Key == ThresholdKey.RunwayWindowHours).ToListAsync(ct), chainId);
        return pool => set.Get(pool, ThresholdKey.RunwayWindowHours);
    }

    public async Task<IReadOnlyList<ThresholdChange>> HistoryAsync(int take, CancellationToken ct)
    {
        await using var staff = await staffDb.CreateDbContextAsync(ct);
        return await staff.ThresholdChanges.AsNoTracking().OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id).Take(take).ToListAsync(ct);
    }

    /// <summary>Sets a scope's own value, or removes it (value null) so the global/default applies.</summary>
    public async Task<ThresholdChange?> SetAsync(string scope, ThresholdKey key, decimal? value, string changedBy, string? reason, CancellationToken ct)
    {
        scope = scope.Trim().ToLowerInvariant();
        if (!ThresholdScopes.IsWritable(scope))
            throw new ArgumentException("Scope is '*' or a pool/token of one chain, '{chainId}:0x{40 hex}' (a bare address no longer names a pool)", nameof(scope));
        // A margin of 0 turns hysteresis off; any other threshold of 0 would fire on everything.
        var isMargin = key == ThresholdKey.FloorClearMarginBps;
        if (value < 0 || value > 1_000_000_000 || (value == 0 && !isMargin))
            throw new ArgumentOutOfRangeException(nameof(value), isMargin ? "A margin is zero or positive" : "A threshold is positive");

        await using var staff = await staffDb.CreateDbContextAsync(ct);
        await using var tx = await staff.Database.BeginTransactionAsync(ct);
        var row = await staff.Thresholds.FirstOrDefaultAsync(t => t.Scope == scope && t.Key == key, ct);
        if (row?.Value == value) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var change = new ThresholdChange
        {
            Scope = scope, Key = key, OldValue = row?.Value, NewValue = value, ChangedBy = changedBy, ChangedAt = now, Reason = reason,
        };
        if (value is null)
            staff.Thresholds.Remove(row!);
        else if (row is null)
            staff.Thresholds.Add(new AlertThreshold { Scope = scope, Key = key, Value = value.Value, UpdatedBy = changedBy, UpdatedAt = now });
        else
        {
            row.Value = value.Value;
            row.UpdatedBy = changedBy;
            row.UpdatedAt = now;
        }
        staff.ThresholdChanges.Add(change);
        await staff.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return change;
    }
}
