using LeveragedTokens.Chain;

using LeveragedTokens.Indexer.Options;
using LeveragedTokens.Indexer.Rpc;
using LeveragedTokens.Indexer.Storage;
using Microsoft.Extensions.Options;

namespace LeveragedTokens.Indexer.Sync;

/// <summary>
/// One poll of the chain: check the stored tip against the node (rewind on a reorg), backfill
/// finalized ranges concurrently, then read the unfinalized window block by block. Every step
/// stores its rows and moves the checkpoint in one transaction, so it can stop anywhere.
/// </summary>
public sealed class ChainSyncer(
    ChainRpc rpc, LogFetcher fetcher, TailReader tail, ReorgDetector reorgs, BatchBuilder builder,
    BatchWriter writer, ReorgRewinder rewinder, ChainStateStore store, SyncProgress progress, NewChainData newData,
    IOptions<ChainOptions> options, ILogger<ChainSyncer> logger)
{
    // Blocks read at once near the head (at most: dense blocks make it the span the log answers allow).
    private const int TailChunk = 200;
    // Decoded ranges waiting for the database: enough to keep COPY busy, few enough to keep memory flat.
    private const int StoreQueueCapacity = 2;
    private readonly ChainOptions _options = options.Value;
    private Watchlist? _watch;

    public long ChainId { get; private set; }

    public sealed record PollResult(long Head, long IndexedBlock)
    {
        public bool CaughtUp(int confirmations) => IndexedBlock >= Head - confirmations;
    }

    public async Task InitializeAsync(long chainId, CancellationToken ct)
    {
        ChainId = chainId;
        await store.EnsureAsync(chainId, _options.StartBlock, _options.Confirmations, ct);
        await ReloadWatchlistAsync(ct);
    }

    public async Task<PollResult> PollAsync(CancellationToken ct)
    {
        var head = await rpc.TipAsync(ct);
        var checkpoint = await store.LoadAsync(ChainId, ct);
        var window = await store.LoadWindowAsync(ChainId, ct);

        if (await reorgs.FindForkAsync(checkpoint.IndexedBlock, checkpoint.IndexedBlockHash, head, window, ct) is { } fork)
        {
            await rewinder.RewindAsync(ChainId, checkpoint.IndexedBlock, fork.Number, fork.Hash, ct);
            newData.Raise();
            await ReloadWatchlistAsync(ct);
            checkpoint = await store.LoadAsync(ChainId, ct);
            window = await store.LoadWindowAsync(ChainId, ct);
        }

        var windowStart = Math.Max(_options.StartBlock, head - _options.ReorgWindow + 1);
        if (checkpoint.IndexedBlock + 1 < windowStart)
            checkpoint = await BackfillAsync(checkpoint.IndexedBlock, windowStart - 1, head, ct);

        while (checkpoint.IndexedBlock < head)
        {
            var from = checkpoint.IndexedBlock + 1;
            var to = Math.Min(head, from + Math.Min(TailChunk, fetcher.Range.Span) - 1);
            var parent = window.GetValueOrDefault(checkpoint.IndexedBlock) ?? checkpoint.IndexedBlockHash;
            var read = await tail.ReadAsync(from, to, parent, _watch!.Addresses, ct);
            if (read is null) break; // the chain moved: the next poll starts with a reorg check
            var headers = read.Headers.ToDictionary(h => h.Number);
            var (batch, discovered) = await builder.BuildAsync(ChainId, _watch, from, to, read.Logs, logs => VerifyForkAsync(logs, headers), ct);
            // New addresses: read the stretch again with them in the filter, so their logs get
            // the same header and bloom checks as everything else near the head.
            if (discovered) continue;
            await writer.WriteAsync(ChainId, checkpoint.IndexedBlock, new BlockRange(from, to, batch, read.Headers), head, _options.ReorgWindow, ct);
            progress.Stored(batch.LogCount);
            newData.Raise();
            checkpoint = new ChainStateStore.Checkpoint(to, headers[to].Hash);
            window[to] = headers[to].Hash;
        }

        await store.UpdateStatusAsync(ChainId, head, progress.EventsPerSecond, ct);
        await RecordNodesAsync(ct);
        return new PollResult(head, checkpoint.IndexedBlock);
    }

    /// <summary>Each node's health as the RPC client sees it now (also after a failed poll: an outage shows per node).</summary>
    public Task RecordNodesAsync(CancellationToken ct) => store.UpdateNodesAsync(ChainId, rpc.Nodes.Snapshot(), ct);

    private async Task<ChainStateStore.Checkpoint> BackfillAsync(long indexed, long target, long head, CancellationToken ct)
    {
        var start = indexed;
        logger.LogInformation("Backfilling blocks {From}-{To}", indexed + 1, target);
        while (indexed < target)
        {
            // Each range is stored while the next ones are fetched and decoded; discovering addresses
            // stops the fetches (prefetched ranges miss the new addresses) and resumes after what is stored.
            var writes = new BatchWriteQueue(StoreQueueCapacity, async range =>
            {
                await writer.WriteAsync(ChainId, indexed, range, head, _options.ReorgWindow, ct);
                indexed = range.To;
                progress.Stored(range.Batch.LogCount);
                newData.Raise();
                progress.Backfilling(start, indexed, target);
            });
            try
            {
                await RangePipeline.RunAsync(fetcher, indexed + 1, target, _watch!.Addresses, _options.FetchConcurrency, async range =>
                {
                    var (batch, discovered) = await builder.BuildAsync(ChainId, _watch, range.From, range.To, range.Logs, null, ct);
                    await writes.AddAsync(new BlockRange(range.From, range.To, batch, []), ct);
                    if (discovered) logger.LogInformation("Watching {Count} addresses from block {Block}", _watch.Count, range.To + 1);
                    return !discovered;
                }, ct);
            }
            finally
            {
                await writes.CompleteAsync();
            }
            await store.UpdateStatusAsync(ChainId, head, progress.EventsPerSecond, ct);
        }
        return new ChainStateStore.Checkpoint(indexed, null);
    }

    private static Task VerifyForkAsync(List<RpcLog> logs, Dictionary<long, BlockHeader> headers)
    {
        foreach (var log in logs)
        {
            if (headers.TryGetValue(log.BlockNumber, out var h) && h.Hash != log.BlockHash)
                throw new ChainMovedException(log.BlockNumber);
        }
        return Task.CompletedTask;
    }

    private async Task ReloadWatchlistAsync(CancellationToken ct)
    {
        var watch = new Watchlist(_options.NormalizedRegistry, _options.StartBlock);
        foreach (var (address, block, isPool) in await store.LoadRegisteredAsync(ChainId, ct))
            watch.Add(address, block, isPool ? Decoding.WatchRole.Pool : Decoding.WatchRole.Token);
        _watch = watch.Seal();
    }
}

/// <summary>Logs arrived from another fork than the headers read a moment before: poll again.</summary>
public sealed class ChainMovedException(long block) : Exception($"The chain moved at block {block} while it was being read.");
