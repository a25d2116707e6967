namespace LeveragedTokens.Data.Entities;

public enum RebalanceTrigger : short { LeverageOutOfBand = 0, TimeFallback = 1, Manual = 2 }

/// <summary>One Rebalanced log of a token. All amounts are the exact on-chain integers.</summary>
public sealed class Rebalance : ChainLogRow
{
    /// <summary>The token that rebalanced (same as ContractAddress; kept explicit for queries).</summary>
    public required string TokenAddress { get; set; }
    public required long RebalanceId { get; set; }
    public required RebalanceTrigger Trigger { get; set; }
    public required bool IsBuy { get; set; }
    public required BigInteger Amount { get; set; }
    public required BigInteger MarkPrice { get; set; }
    public required BigInteger ExecutionPrice { get; set; }
    public required BigInteger LeverageBefore { get; set; }
    public required BigInteger LeverageAfter { get; set; }
    public required BigInteger NavBefore { get; set; }
    public required BigInteger NavAfter { get; set; }
    /// <summary>navAfter - navBefore, signed (usually negative: the costs the reserve did not absorb).</summary>
    public required BigInteger NavDelta { get; set; }
    public required BigInteger SlippageCost { get; set; }
    public required BigInteger GasCost { get; set; }
    public required BigInteger ReserveDraw { get; set; }
}
