namespace LeveragedTokens.Staff.Alerts;

public enum AlertActionKind : short { Fired = 0, Acknowledged = 1, Snoozed = 2, Unsnoozed = 3, Resolved = 4 }

/// <summary>
/// One entry of an alert's trail: the rule firing and resolving it, staff acknowledging, snoozing and
/// un-snoozing it. Appended in the same transaction as the change and immutable, so a second
/// acknowledgement or snooze keeps the first one's who, when and note.
/// </summary>
/// <param name="Before">The alert's state before and after, e.g. "open" → "acknowledged", "not snoozed" → "until 2026-01-02T10:00:00Z".</param>
public sealed record AlertAction(AlertActionKind Kind, string By, DateTime At, string? Before, string? After, string? Comment)
{
    /// <summary>The actor of the rule's own entries (firing and resolution on chain evidence).</summary>
    public const string Rule = "rule";

    public long Id { get; init; }
    public long AlertId { get; init; }

    /// <summary>The kind as the API, the page and the auditors' CSV spell it ("acknowledged"); not a column.</summary>
    public string Action => Kind.ToString().ToLowerInvariant();

    /// <summary>The rule's own entry: its firing or resolution, at the evidence's chain time, with its block and message.</summary>
    public static AlertAction ByRule(AlertActionKind kind, Evidence evidence) =>
        new(kind, Rule, evidence.Time, null, kind == AlertActionKind.Fired ? "open" : "resolved", $"block {evidence.Block}: {evidence.Message}");
}
