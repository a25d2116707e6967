using LeveragedTokens.Chain;

namespace LeveragedTokens.Indexer.Sync;

/// <summary>
/// Compares the stored unfinalized window with the node's chain. The stored tip still being the
/// node's block at that height means no reorg; otherwise the newest height where both agree is
/// the common ancestor.
/// </summary>
public sealed class ReorgDetector(ChainRpc rpc, ILogger<ReorgDetector> logger)
{
    /// <summary>Null when the stored tip is still on the node's chain, else the common ancestor.</summary>
    public async Task<(long Number, string? Hash)?> FindForkAsync(long indexed, string? indexedHash, long head,
        SortedDictionary<long, string> window, CancellationToken ct)
    {
        var tipHash = window.GetValueOrDefault(indexed) ?? indexedHash;
        if (tipHash is null) return null; // below the window: final by assumption, nothing to compare
        if (indexed <= head)
        {
            var tip = await rpc.HeaderAsync(indexed, ct);
            if (tip is not null && tip.Hash == tipHash) return null;
        }
        foreach (var (number, hash) in window.Reverse())
        {
            if (number > Math.Min(indexed, head)) continue;
            var header = await rpc.HeaderAsync(number, ct);
            if (header is not null && header.Hash == hash)
            {
                logger.LogWarning("Reorg: stored block {Indexed} is no longer on the chain; common ancestor {Ancestor}", indexed, number);
                return (number, hash);
            }
        }
        var oldest = window.Count > 0 ? window.Keys.First() - 1 : indexed - 1;
        logger.LogError("Reorg deeper than the stored window ({Count} blocks): rewinding to block {Oldest}", window.Count, oldest);
        return (oldest, null);
    }

}
