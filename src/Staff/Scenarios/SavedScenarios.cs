using LeveragedTokens.Data;
using LeveragedTokens.Staff.Persistence;
using LeveragedTokens.Stress;
using Microsoft.EntityFrameworkCore;

namespace LeveragedTokens.Staff.Scenarios;

/// <summary>Risk staff's saved scenarios: listed, added (checked with the stress API's own parser) and deleted.</summary>
public sealed class SavedScenarios(IDbContextFactory<StaffDbContext> staffDb, IDbContextFactory<DashboardDbContext> chainDb, TimeProvider clock)
{
    public const int MaxNameLength = 100, MaxTextLength = 500;

    public async Task<IReadOnlyList<SavedScenario>> ListAsync(CancellationToken ct)
    {
        await using var staff = await staffDb.CreateDbContextAsync(ct);
        return await staff.SavedScenarios.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
    }

    /// <summary>Saves a scenario, or says why not (the API's 400 reason, a blank or taken name).</summary>
    public async Task<(SavedScenario? Saved, string? Error)> AddAsync(string name, string? shocks, string? path, int? hours, decimal liquidity, string by, CancellationToken ct)
    {
        name = name.Trim();
        if (name.Length is 0 or > MaxNameLength) return (null, $"A name of 1 to {MaxNameLength} characters.");
        if ((shocks?.Length ?? 0) > MaxTextLength || (path?.Length ?? 0) > MaxTextLength) return (null, $"At most {MaxTextLength} characters of scenario.");
        await using (var chain = await chainDb.CreateDbContextAsync(ct))
        {
            var underlyings = await chain.ReservePools.AsNoTracking().Select(p => p.Underlying).Distinct().ToListAsync(ct);
            if (ScenarioText.TryBuild(shocks, path, hours, liquidity, underlyings, out var error) is null) return (null, error);
        }
        await using var staff = await staffDb.CreateDbContextAsync(ct);
        if (await staff.SavedScenarios.AnyAsync(s => s.Name == name, ct)) return (null, $"A scenario named '{name}' exists.");
        var saved = new SavedScenario
        {
            Name = name, Shocks = Blank(shocks), Path = Blank(path), Hours = hours, Liquidity = liquidity, CreatedBy = by,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        staff.SavedScenarios.Add(saved);
        await staff.SaveChangesAsync(ct);
        return (saved, null);
    }

    /// <summary>Deletes a scenario; its open alert resolves at the next evaluation (the page queues one at once).</summary>
    public async Task<bool> DeleteAsync(long id, CancellationToken ct)
    {
        await using var staff = await staffDb.CreateDbContextAsync(ct);
        return await staff.SavedScenarios.Where(s => s.Id == id).ExecuteDeleteAsync(ct) > 0;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
