using System.Numerics;

namespace LeveragedTokens.Data.Entities;

/// <summary>
/// A pool's hour, rolled up from its ledger entries by the indexer's hourly job.
/// Derived data: recomputed from the source rows, never written by the chain pipeline.
/// </summary>
public sealed class PoolHourly
{
    public required long ChainId { get; set; }
    public required string PoolAddress { get; set; }
    /// <summary>Start of the hour (UTC) of the source rows' block time.</summary>
    public required DateTime Hour { get; set; }
    /// <summary>Sums of the hour's ReserveDrawn entries: underlying units and quote value.</summary>
    public required BigInteger ReserveDrawnAmount { get; set; }
    public required BigInteger ReserveDrawnValue { get; set; }
    public required BigInteger FeesAllocated { get; set; }
    public required BigInteger CapitalInjected { get; set; }
    /// <summary>Ledger entries of any kind in the hour.</summary>
    public required int EntryCount { get; set; }
}
