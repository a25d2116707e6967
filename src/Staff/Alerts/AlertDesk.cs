using LeveragedTokens.Data.Sql;
using LeveragedTokens.Staff.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeveragedTokens.Staff.Alerts;

public sealed record AlertFilter(AlertStatus? Status = null, AlertSeverity? Severity = null, AlertKind? Kind = null, bool History = false, int Take = 200);

/// <summary>What risk staff do with alerts: list, acknowledge with a note, snooze.</summary>
public sealed class AlertDesk(IDbContextFactory<StaffDbContext> staffDb, TimeProvider clock)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<Alert>> ListAsync(AlertFilter filter, CancellationToken ct)
    {
        await using var staff = await staffDb.CreateDbContextAsync(ct);
        var now = Now;
        var query = staff.Alerts.AsNoTracking();
        query = filter.History ? query.Where(a => a.ResolvedAt != null) : query.Where(a => a.ResolvedAt == null);
        if (filter.Severity is { } severity) query = query.Where(a => a.Severity == severity);
        if (filter.Kind is { } kind) query = query.Where(a => a.Kind == kind);
        query = filter.Status switch
        {
            AlertStatus.Open => query.Where(a => a.ResolvedAt == null && a.AcknowledgedAt == null && !(a.SnoozedUntil > now)),
            AlertStatus.Acknowledged => query.Where(a => a.ResolvedAt == null && a.AcknowledgedAt != null && !(a.SnoozedUntil > now)),
            AlertStatus.Snoozed => query.Where(a => a.ResolvedAt == null && a.SnoozedUntil > now),
            AlertStatus.Resolved => query.Where(a => a.ResolvedAt != null),
            _ => query,
        };
        return await query.OrderByDescending(a => a.FiredAt).ThenByDescending(a => a.Id).Take(Math.Clamp(filter.Take, 1, 1000)).ToListAsync(ct);
    }

    public async Task<Alert?> GetAsync(long id, CancellationToken ct)
    {
        await using var staff = await staffDb.CreateDbContextAsync(ct);
        return await staff.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
    }

    /// <summary>Unresolved alerts that want attention: not acknowledged and not snoozed.</summary>
    public async Task<int> CountNeedingAttentionAsync(CancellationToken ct)
    {
        await using var staff = await staffDb.CreateDbContextAsync(ct);
        var now = Now;
        return await staff.Alerts.CountAsync(a => a.ResolvedAt == null && a.AcknowledgedAt == null && !(a.SnoozedUntil > now), ct);
    }

    public async Task<Alert?> AcknowledgeAsync(long id, string by, string note, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(note)) throw new ArgumentException("An acknowledgement needs a note", nameof(note));
        await using var staff = await staffDb.CreateDbContextAsync(ct);
        var alert = await staff.Alerts.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (alert is null) return null;
        var before = Describe(alert);
        alert.AcknowledgedBy = by;
        alert.AcknowledgedAt = Now;
        alert.AcknowledgementNote = note.Trim()[..Math.Min(note.Trim().Length, 2000)];
        alert.Actions.Add(new AlertAction(AlertActionKind.Acknowledged, by, Now, before, Describe(alert), alert.AcknowledgementNote));
        await staff.SaveChangesAsync(ct);
        await NotifyAsync(staff, ct);
        return alert;
    }

    /// <summary>Snoozes until a time (null lifts the snooze).</summary>
    public async Task<Alert?> SnoozeAsync(long id, string by, DateTime? until, CancellationToken ct)
    {
        if (until is { } u && u.ToUniversalTime() <= Now) throw new ArgumentException("Snooze until a time in the future", nameof(until));
        await using var staff = await staffDb.CreateDbContextAsync(ct);
        var alert = await staff.Alerts.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (alert is null) return null;
        var before = SnoozeState(alert.SnoozedUntil);
        alert.SnoozedUntil = until?.ToUniversalTime();
        alert.SnoozedBy = until is null ? null : by;
        alert.Actions.Add(new AlertAction(
            until is null ? AlertActionKind.Unsnoozed : AlertActionKind.Snoozed, by, Now, before, SnoozeState(alert.SnoozedUntil), Comment: null));
        await staff.SaveChangesAsync(ct);
        await NotifyAsync(staff, ct);
        return alert;
    }

    /// <summary>The trails of some alerts, each oldest first.</summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<AlertAction>>> TrailsAsync(IReadOnlyCollection<long> alertIds, CancellationToken ct)
    {
        await using var staff = await staffDb.CreateDbContextAsync(ct);
        var actions = await staff.AlertActions.AsNoTracking().Where(a => alertIds.Contains(a.AlertId)).OrderBy(a => a.Id).ToListAsync(ct);
        return actions.GroupBy(a => a.AlertId).ToDictionary(g => g.Key, g => (IReadOnlyList<AlertAction>)g.ToList());
    }

    /// <summary>The notifications of an alert and every attempt made to deliver them.</summary>
    public async Task<IReadOnlyList<Notifications.WebhookDelivery>> DeliveriesAsync(long alertId, CancellationToken ct)
    {
        await using var staff = await staffDb.CreateDbContextAsync(ct);
        return await staff.WebhookDeliveries.AsNoTracking().Include(d => d.Attempts)
            .Where(d => d.AlertId == alertId).OrderBy(d => d.Id).ToListAsync(ct);
    }

    /// <summary>Per alert: how its notifications went, e.g. "fired: delivered; resolved: pending (2 attempts)".</summary>
    public async Task<IReadOnlyDictionary<long, string>> DeliverySummariesAsync(IEnumerable<long> alertIds, CancellationToken ct)
    {
        var ids = alertIds.ToList();
        await using var staff = await staffDb.CreateDbContextAsync(ct);
        var rows = await staff.WebhookDeliveries.AsNoTracking().Where(d => ids.Contains(d.AlertId))
            .Select(d => new { d.AlertId, d.Event, d.EndpointName, d.Status, d.AttemptCount }).ToListAsync(ct);
        return rows.GroupBy(r => r.AlertId).ToDictionary(g => g.Key, g => string.Join("; ", g.Select(r =>
            $"{r.Event.ToString().ToLowerInvariant()} to {r.EndpointName}: {r.Status.ToString().ToLowerInvariant()}" +
            (r.AttemptCount > 1 ? $" ({r.AttemptCount} attempts)" : ""))));
    }

    private string Describe(Alert alert) => alert.StatusAt(Now).ToString().ToLowerInvariant();

    private static string SnoozeState(DateTime? until) =>
        until is { } u ? $"until {u.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}" : "not snoozed";

    private static Task NotifyAsync(StaffDbContext staff, CancellationToken ct) =>
        staff.Database.ExecuteSqlAsync(AlertSql.Changed("desk"), ct);
}
