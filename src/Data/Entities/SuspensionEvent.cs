namespace LeveragedTokens.Data.Entities;

/// <summary>A RebalancingSuspended (IsSuspended = true) or RebalancingResumed log of a pool.</summary>
public sealed class SuspensionEvent : ChainLogRow
{
    public required string PoolAddress { get; set; }
    public required bool IsSuspended { get; set; }
    public required BigInteger ReserveValue { get; set; }
    public required BigInteger FloorValue { get; set; }
}
