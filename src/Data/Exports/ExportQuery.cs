namespace LeveragedTokens.Data.Exports;

/// <summary>What an export holds. Each dataset has its own fixed, versioned column list.</summary>
public enum ExportDataset
{
    /// <summary>Rebalanced logs of tokens.</summary>
    Rebalances,
    /// <summary>ReserveDrawn, FeesAllocated and CapitalInjected logs of pools.</summary>
    ReserveLedger,
    /// <summary>ReserveMetricsPublished logs of pools.</summary>
    ReserveMetrics,
}

/// <summary>
/// Filters of one export. Blocks are inclusive, times half-open [From, To) in UTC.
/// Token narrows rebalances to that token and the pool datasets to that token's pool;
/// Pool narrows rebalances to the tokens the pool backs.
/// </summary>
public sealed record ExportQuery
{
    public ExportDataset Dataset { get; init; } = ExportDataset.Rebalances;
    public long? ChainId { get; init; }
    public string? Token { get; init; }
    public string? Pool { get; init; }
    public long? FromBlock { get; init; }
    public long? ToBlock { get; init; }
    public DateTime? FromTime { get; init; }
    public DateTime? ToTime { get; init; }
    /// <summary>Row cap for the public quick export; null = every row.</summary>
    public int? MaxRows { get; init; }
}
