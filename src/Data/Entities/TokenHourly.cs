using System.Numerics;

namespace LeveragedTokens.Data.Entities;

/// <summary>
/// A token's hour, rolled up from its rebalances and NAV snapshots by the indexer's hourly job.
/// Derived data: recomputed from the source rows, never written by the chain pipeline.
/// </summary>
public sealed class TokenHourly
{
    public required long ChainId { get; set; }
    public required string TokenAddress { get; set; }
    /// <summary>Start of the hour (UTC) of the source rows' block time.</summary>
    public required DateTime Hour { get; set; }
    /// <summary>NAV at the close of the hour: the last NavSnapshot's nav or Rebalance's navAfter in it.</summary>
    public required BigInteger Nav { get; set; }
    /// <summary>Leverage at the close of the hour, from the same row as <see cref="Nav"/>.</summary>
    public required BigInteger Leverage { get; set; }
    /// <summary>The log the close came from, (ChainId, CloseBlockNumber, CloseLogIndex), for traceability.</summary>
    public required long CloseBlockNumber { get; set; }
    public required int CloseLogIndex { get; set; }
    public required int RebalanceCount { get; set; }
    /// <summary>Sums over the hour's rebalances; zero in an hour with snapshots only.</summary>
    public required BigInteger NavDelta { get; set; }
    public required BigInteger SlippageCost { get; set; }
    public required BigInteger GasCost { get; set; }
    public required BigInteger ReserveDraw { get; set; }
}
