namespace LeveragedTokens.Exports.Reconciliation;

/// <summary>One pool over a period: blocks inclusive, times half-open [From, To) in UTC; all optional.</summary>
public sealed record ReconciliationQuery
{
    public required long ChainId { get; init; }
    public required string Pool { get; init; }
    public long? FromBlock { get; init; }
    public long? ToBlock { get; init; }
    public DateTime? FromTime { get; init; }
    public DateTime? ToTime { get; init; }

    internal bool InPeriod(long block, DateTime time) =>
        (FromBlock is null || block >= FromBlock) && (ToBlock is null || block <= ToBlock)
        && (FromTime is null || time >= FromTime.Value.ToUniversalTime()) && (ToTime is null || time < ToTime.Value.ToUniversalTime());

    internal bool BeforeEnd(long block, DateTime time) =>
        (ToBlock is null || block <= ToBlock) && (ToTime is null || time < ToTime.Value.ToUniversalTime());
}
