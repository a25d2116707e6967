namespace LeveragedTokens.Staff.Thresholds;

/// <summary>A threshold set for one pool or token of one chain (Scope format: <see cref="ThresholdScopes"/>) or for all ("*").</summary>
public sealed class AlertThreshold
{
    public long Id { get; set; }
    public required string Scope { get; set; }
    public required ThresholdKey Key { get; set; }
    public required decimal Value { get; set; }
    public required string UpdatedBy { get; set; }
    public required DateTime UpdatedAt { get; set; }
}

/// <summary>The audit trail of threshold edits: who, when, old, new. Never updated or deleted.</summary>
public sealed class ThresholdChange
{
    public long Id { get; set; }
    public required string Scope { get; set; }
    public required ThresholdKey Key { get; set; }
    /// <summary>Null when the scope had no own value (the default applied).</summary>
    public decimal? OldValue { get; set; }
    /// <summary>Null when the own value was removed (back to the default).</summary>
    public decimal? NewValue { get; set; }
    public required string ChangedBy { get; set; }
    public required DateTime ChangedAt { get; set; }
    public string? Reason { get; set; }
}
