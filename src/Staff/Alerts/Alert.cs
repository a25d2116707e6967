namespace LeveragedTokens.Staff.Alerts;

/// <summary>
/// One firing of a condition, with the evidence of the moment it fired. At most one alert per
/// (chain, condition key) is unresolved at a time (a partial unique index enforces it).
/// </summary>
public sealed class Alert
{
    public long Id { get; set; }
    public required long ChainId { get; set; }
    public required AlertKind Kind { get; set; }
    public required AlertSeverity Severity { get; set; }
    /// <summary>Kind and subject, e.g. "ReserveNearFloor:0xpool".</summary>
    public required string ConditionKey { get; set; }
    /// <summary>Pool or token address (lower-case), or "chain".</summary>
    public required string Subject { get; set; }
    public required string SubjectLabel { get; set; }
    public required string Message { get; set; }

    // Evidence at the moment it fired.
    public decimal? Value { get; set; }
    public decimal? Threshold { get; set; }
    public required string Unit { get; set; }
    public required long FiredBlock { get; set; }
    public string? FiredTxHash { get; set; }
    /// <summary>Chain time of the evidence (UTC).</summary>
    public required DateTime FiredAt { get; set; }
    public required string ChartLink { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public string? AcknowledgedBy { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public string? AcknowledgementNote { get; set; }

    public DateTime? SnoozedUntil { get; set; }
    public string? SnoozedBy { get; set; }

    public long? ResolvedBlock { get; set; }
    public string? ResolvedTxHash { get; set; }
    /// <summary>Chain time at which the condition cleared.</summary>
    public DateTime? ResolvedAt { get; set; }

    /// <summary>Entries appended with the alert's changes; read back with <see cref="AlertDesk.TrailsAsync"/>.</summary>
    public List<AlertAction> Actions { get; } = [];

    public AlertStatus StatusAt(DateTime now) =>
        ResolvedAt is not null ? AlertStatus.Resolved
        : SnoozedUntil > now ? AlertStatus.Snoozed
        : AcknowledgedAt is not null ? AlertStatus.Acknowledged
        : AlertStatus.Open;
}
