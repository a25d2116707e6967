using System.Globalization;
using System.Text;
using LeveragedTokens.Data.Exports;
using LeveragedTokens.Staff.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeveragedTokens.Staff;

/// <summary>
/// Everything staff and the rules did, oldest first, for auditors: every alert's trail (fired, acknowledged,
/// snoozed, un-snoozed, resolved) and every threshold change, each with who, when, before → after and the comment.
/// </summary>
public sealed class StaffTrail(IDbContextFactory<StaffDbContext> staffDb)
{
    public static readonly string[] CsvColumns =
        ["at", "actor", "action", "alert_id", "chain_id", "subject", "subject_label", "condition", "before", "after", "comment"];

    public sealed record Entry(
        DateTime At, string Actor, string Action, long? AlertId, long? ChainId, string Subject, string? SubjectLabel, string Condition,
        string? Before, string? After, string? Comment);

    public async Task<IReadOnlyList<Entry>> ReadAsync(CancellationToken ct)
    {
        await using var staff = await staffDb.CreateDbContextAsync(ct);
        var alertEntries = await staff.AlertActions.AsNoTracking()
            .Join(staff.Alerts, action => action.AlertId, alert => alert.Id, (action, alert) => new { action, alert.ChainId, alert.Subject, alert.SubjectLabel, alert.ConditionKey })
            .ToListAsync(ct);
        var thresholdChanges = await staff.ThresholdChanges.AsNoTracking().ToListAsync(ct);
        return alertEntries
            .Select(e => new Entry(e.action.At, e.action.By, e.action.Action, e.action.AlertId, e.ChainId,
                e.Subject, e.SubjectLabel, e.ConditionKey, e.action.Before, e.action.After, e.action.Comment))
            .Concat(thresholdChanges.Select(c => new Entry(c.ChangedAt, c.ChangedBy, "threshold changed", null, null, c.Scope, null,
                c.Key.ToString(), Value(c.OldValue), Value(c.NewValue), c.Reason)))
            .OrderBy(e => e.At).ThenBy(e => e.AlertId).ToList();
    }

    public async Task<string> ToCsvAsync(CancellationToken ct)
    {
        var csv = new StringBuilder().Append(string.Join(',', CsvColumns)).Append("\r\n");
        foreach (var e in await ReadAsync(ct))
            CsvField.AppendLine(csv,
                [
                    e.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), e.Actor, e.Action,
                    e.AlertId?.ToString(CultureInfo.InvariantCulture), e.ChainId?.ToString(CultureInfo.InvariantCulture),
                    e.Subject, e.SubjectLabel, e.Condition, e.Before, e.After, e.Comment,
                ],
                isText: i => i is not (3 or 4));
        return csv.ToString();
    }

    /// <summary>A threshold's own value, or "default" when the scope had none (the default applied).</summary>
    private static string Value(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "default";
}
