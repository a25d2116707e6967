namespace LeveragedTokens.Staff.Alerts;

public enum AlertActionKind : short { Fired = 0, Acknowledged = 1, Snoozed = 2, Unsnoozed = 3, Resolved = 4 }

/// <summary>
/// One entry of an alert's trail: the rule firing and resolving it, staff acknowledging, snoozing and
/// un-snoozing it. Appended in the same transaction as the change, never updated or deleted, so a second
/// acknowledgement or snooze keeps the first one's who, when and note.
/// </summary>
public sealed class AlertAction
{
    /// <summary>The actor of the rule's own entries (firing and resolution on chain evidence).</summary>
    public const string Rule = "rule";

    public long Id { get; set; }
    public long AlertId { get; set; }
    public required AlertActionKind Kind { get; set; }
    public required string By { get; set; }
    public required DateTime At { get; set; }
    /// <summary>The alert's state before and after, e.g. "open" → "acknowledged", "not snoozed" → "until 2026-01-02T10:00:00Z".</summary>
    public string? Before { get; set; }
    public string? After { get; set; }
    public string? Comment { get; set; }
}
