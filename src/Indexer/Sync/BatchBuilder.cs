using LeveragedTokens.Chain;
using LeveragedTokens.Indexer.Decoding;
using LeveragedTokens.Indexer.Rpc;

namespace LeveragedTokens.Indexer.Sync;

/// <summary>
/// Decodes a fetched range and follows the registry: pools and tokens registered inside the
/// range are added to the watchlist and their logs from the registration block to the range's
/// end are fetched and decoded into the same batch.
/// </summary>
public sealed class BatchBuilder(LogFetcher fetcher)
{
    /// <summary>Returns the batch and whether the watchlist grew (prefetched ranges are then incomplete).</summary>
    public async Task<(ChainBatch Batch, bool Discovered)> BuildAsync(long chainId, Watchlist watch, long from, long to, List<RpcLog> logs,
        Func<List<RpcLog>, Task>? verify, CancellationToken ct)
    {
        var decoder = new LogDecoder(chainId);
        var batch = new ChainBatch();
        var discovered = false;
        var pending = logs;
        while (true)
        {
            int pools = batch.Pools.Count, tokens = batch.Tokens.Count;
            foreach (var log in pending)
            {
                if (watch.Covers(log.Address, log.BlockNumber, out var role)) decoder.Decode(log, role, batch);
            }
            var fresh = new List<(string Address, long Block)>();
            foreach (var pool in batch.Pools.Skip(pools))
                if (watch.Add(pool.Address, pool.BlockNumber, WatchRole.Pool)) fresh.Add((pool.Address, pool.BlockNumber));
            foreach (var token in batch.Tokens.Skip(tokens))
                if (watch.Add(token.Address, token.BlockNumber, WatchRole.Token)) fresh.Add((token.Address, token.BlockNumber));
            if (fresh.Count == 0) return (batch, discovered);

            discovered = true;
            var first = fresh.Min(f => f.Block);
            pending = await fetcher.FetchAsync(first, to, fresh.Select(f => f.Address).ToList(), ct);
            if (verify is not null) await verify(pending);
        }
    }
}
