using Hangfire;
using LeveragedTokens.Chain;
using LeveragedTokens.Data.Sql;
using LeveragedTokens.Indexer.Options;
using LeveragedTokens.Indexer.Rpc;
using LeveragedTokens.Indexer.Storage;
using LeveragedTokens.Indexer.Sync;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LeveragedTokens.Indexer.Jobs;

/// <summary>
/// Re-reads the most recent stored blocks and compares them with the database. A node behind a
/// load balancer can answer inconsistently (a missing log, a stale fork); if the stored rows
/// differ from a fresh read, the job rewinds the checkpoint to just before the first difference
/// (compare-and-set, so it never races the writer) and the writer replays from there.
/// </summary>
public sealed class RecentWindowRescanJob(
    ChainRpc rpc, LogFetcher fetcher, ChainStateStore store, ReorgRewinder rewinder, NpgsqlDataSource dataSource,
    IOptions<ChainOptions> chain, IOptions<IndexerOptions> indexer, ILogger<RecentWindowRescanJob> logger)
{
    public const string Job = "indexer-rescan-recent-window";

    public static string JobId(long chainId) => ChainJobs.Id(Job, chainId);

    /// <param name="chainId">The chain the job was registered for; it runs from that chain's queue (<see cref="ChainJobs"/>).</param>
    [DisableConcurrentExecution("indexer-rescan-recent-window:{0}", 60)]
    public async Task<long?> RunAsync(long chainId, CancellationToken ct)
    {
        // A job on the wrong indexer (a queue misconfigured by hand) would compare one chain's rows with another's logs.
        var nodeChain = await rpc.ChainIdAsync(ct, RpcCallOptions.Check);
        if (nodeChain != chainId)
            throw new InvalidOperationException($"The re-scan of chain {chainId} ran on an indexer of chain {nodeChain}; it belongs on queue {ChainJobs.Queue(chainId)}.");
        var checkpoint = await store.LoadAsync(chainId, ct);
        var from = Math.Max(chain.Value.StartBlock, checkpoint.IndexedBlock - indexer.Value.RescanBlocks + 1);
        if (checkpoint.IndexedBlock < from) return null;

        var watch = new Watchlist(chain.Value.NormalizedRegistry, chain.Value.StartBlock);
        foreach (var (address, block, isPool) in await store.LoadRegisteredAsync(chainId, ct))
            watch.Add(address, block, isPool ? Decoding.WatchRole.Pool : Decoding.WatchRole.Token);
        watch.Seal();

        var fresh = (await fetcher.FetchAsync(from, checkpoint.IndexedBlock, watch.Addresses, ct))
            .Where(l => watch.Covers(l.Address, l.BlockNumber, out _))
            .Select(l => (l.BlockNumber, l.LogIndex, l.BlockHash)).ToHashSet();
        var stored = await StoredAsync(chainId, from, checkpoint.IndexedBlock, ct);

        var differing = fresh.Except(stored).Concat(stored.Except(fresh)).Select(x => x.Item1).ToList();
        if (differing.Count == 0) return null;
        var firstBad = differing.Min();
        logger.LogWarning("Re-scan of blocks {From}-{To} found {Count} differing logs from block {First}: rewinding to replay",
            from, checkpoint.IndexedBlock, differing.Count, firstBad);
        await rewinder.RewindAsync(chainId, checkpoint.IndexedBlock, firstBad - 1, null, ct);
        return firstBad;
    }

    private async Task<HashSet<(long BlockNumber, int LogIndex, string BlockHash)>> StoredAsync(long chainId, long from, long to, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(IndexerSql.StoredLogs);
        cmd.Parameters.AddWithValue("chain", chainId);
        cmd.Parameters.AddWithValue("from", from);
        cmd.Parameters.AddWithValue("to", to);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var set = new HashSet<(long, int, string)>();
        while (await reader.ReadAsync(ct)) set.Add((reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2)));
        return set;
    }
}
