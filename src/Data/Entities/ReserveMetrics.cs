namespace LeveragedTokens.Data.Entities;

/// <summary>A pool's hourly ReserveMetricsPublished log.</summary>
public sealed class ReserveMetrics : ChainLogRow
{
    public required string PoolAddress { get; set; }
    public required long Hour { get; set; }
    public required BigInteger ReserveBalance { get; set; }
    public required BigInteger MarkPrice { get; set; }
    public required BigInteger ReserveValue { get; set; }
    public required BigInteger TokenSupplyValue { get; set; }
    public required BigInteger FloorValue { get; set; }
    /// <summary>floor/reserve in bps; 10000 = at the floor; uint256.max when the reserve is empty.</summary>
    public required BigInteger UtilizationBps { get; set; }
    /// <summary>reserveValue - floorValue, signed.</summary>
    public required BigInteger BufferDepth { get; set; }
}
