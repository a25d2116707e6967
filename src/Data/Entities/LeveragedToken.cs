namespace LeveragedTokens.Data.Entities;

/// <summary>A token series, from the registry's TokenRegistered log. Thresholds are immutable on chain.</summary>
public sealed class LeveragedToken : ChainLogRow
{
    public required string Address { get; set; }
    public required string PoolAddress { get; set; }
    public required string Symbol { get; set; }
    public required bool IsLong { get; set; }
    public required BigInteger TargetLeverage { get; set; }
    public required BigInteger MinLeverage { get; set; }
    public required BigInteger MaxLeverage { get; set; }
    public required long FallbackIntervalSeconds { get; set; }
}
