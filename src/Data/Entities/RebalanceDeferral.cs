namespace LeveragedTokens.Data.Entities;

public enum DeferralReason : short { PoolSuspended = 0, ReserveCannotCover = 1 }

public sealed class RebalanceDeferral : ChainLogRow
{
    public required string TokenAddress { get; set; }
    public required DeferralReason Reason { get; set; }
    public required BigInteger Leverage { get; set; }
    public required BigInteger MarkPrice { get; set; }
}
