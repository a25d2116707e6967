namespace LeveragedTokens.Staff.Alerts;

/// <summary>Per chain: the last block whose rows the rules have seen. Moves in the same transaction as the alerts.</summary>
public sealed class AlertEvaluationCursor
{
    public required long ChainId { get; set; }
    public long EvaluatedBlock { get; set; } = -1;
    public DateTime EvaluatedAt { get; set; }
}
