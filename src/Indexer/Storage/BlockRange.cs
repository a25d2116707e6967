using LeveragedTokens.Chain;

namespace LeveragedTokens.Indexer.Storage;

/// <summary>
/// A contiguous stretch of blocks ready to store: its rows, and the headers of its blocks that
/// fall in the unfinalized window (empty for deep backfill ranges).
/// </summary>
public sealed record BlockRange(long From, long To, Decoding.ChainBatch Batch, IReadOnlyList<BlockHeader> WindowHeaders)
{
    /// <summary>Hash of block To when known (window ranges), so the next poll can check it.</summary>
    public string? ToHash => WindowHeaders.Count > 0 && WindowHeaders[^1].Number == To ? WindowHeaders[^1].Hash : null;
}
