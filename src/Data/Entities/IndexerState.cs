namespace LeveragedTokens.Data.Entities;

/// <summary>
/// One row per chain: the checkpoint (moved in the same transaction as the rows it covers)
/// and the status the web app shows.
/// </summary>
public sealed class IndexerState
{
    public required long ChainId { get; set; }
    /// <summary>Highest block whose logs are all stored; -1 before the first batch.</summary>
    public long IndexedBlock { get; set; } = -1;
    public string? IndexedBlockHash { get; set; }
    public long HeadBlock { get; set; }
    public int Confirmations { get; set; }
    /// <summary>Host/process of the instance holding the writer lock.</summary>
    public string? WriterInstance { get; set; }
    public double EventsPerSecond { get; set; }
    public long ReorgCount { get; set; }
    public string? LastError { get; set; }
    public DateTime? LastErrorAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
