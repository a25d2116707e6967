namespace LeveragedTokens.Data.Entities;

/// <summary>
/// A block header the indexer has seen inside the unfinalized window; the parent-hash chain
/// of these rows is how a reorg is detected.
/// </summary>
public sealed class IndexedBlock
{
    public required long ChainId { get; set; }
    public required long Number { get; set; }
    public required string Hash { get; set; }
    public required string ParentHash { get; set; }
    public required DateTime Timestamp { get; set; }
}
