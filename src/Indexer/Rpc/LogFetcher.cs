using LeveragedTokens.Indexer.Options;
using Microsoft.Extensions.Options;

namespace LeveragedTokens.Indexer.Rpc;

/// <summary>
/// Reads every log of a block range for a set of addresses, however the node limits eth_getLogs:
/// a "too much" error splits the range (down to one block, then the address list), rate limits
/// and transient failures back off and retry the same request.
/// </summary>
public sealed class LogFetcher(ChainRpc rpc, AdaptiveRange range, IOptions<ChainOptions> options, ILogger<LogFetcher> logger)
{
    private readonly ChainOptions _options = options.Value;

    public AdaptiveRange Range => range;

    public async Task<List<RpcLog>> FetchAsync(long from, long to, IReadOnlyList<string> addresses, CancellationToken ct)
    {
        var logs = await FetchSplittingAsync(from, to, addresses, ct).ConfigureAwait(false);
        logs.Sort(static (a, b) => a.BlockNumber != b.BlockNumber ? a.BlockNumber.CompareTo(b.BlockNumber) : a.LogIndex.CompareTo(b.LogIndex));
        await FillTimestampsAsync(logs, ct).ConfigureAwait(false);
        return logs;
    }

    private async Task<List<RpcLog>> FetchSplittingAsync(long from, long to, IReadOnlyList<string> addresses, CancellationToken ct)
    {
        var topics = _options.FilterByTopics ? Decoding.EventCatalog.AllTopic0s : null;
        for (var attempt = 1; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            RpcFailure failure;
            try
            {
                var logs = await rpc.LogsAsync(from, to, addresses, topics).WaitAsync(_options.RequestTimeout * 2, ct).ConfigureAwait(false);
                var problem = ResponseCheck.Find(logs, from, to, addresses);
                if (problem is null)
                {
                    range.Succeeded(to - from + 1, logs.Length);
                    return [.. logs];
                }
                failure = new RpcFailure(RpcFailureKind.Transient, "inconsistent eth_getLogs answer: " + problem, null);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                failure = RpcFailure.Classify(e);
            }

            var span = to - from + 1;
            // A slow node times out on big ranges: after a repeat, treat that like "too large" too.
            var split = failure.Kind == RpcFailureKind.RangeTooLarge
                || (failure.Kind == RpcFailureKind.Transient && failure.Message == "timeout" && attempt >= 2 && span > 1);
            if (split && span > 1)
            {
                var first = range.TooLarge(span, failure.SuggestedSpan);
                logger.LogInformation("eth_getLogs {From}-{To} too large ({Error}); splitting at {Span} blocks", from, to, failure.Message, first);
                var head = await FetchSplittingAsync(from, from + first - 1, addresses, ct).ConfigureAwait(false);
                head.AddRange(await FetchSplittingAsync(from + first, to, addresses, ct).ConfigureAwait(false));
                return head;
            }
            if (split && addresses.Count > 1)
            {
                // One block too big on its own: ask per half of the address list.
                var half = addresses.Count / 2;
                var left = await FetchSplittingAsync(from, to, addresses.Take(half).ToList(), ct).ConfigureAwait(false);
                left.AddRange(await FetchSplittingAsync(from, to, addresses.Skip(half).ToList(), ct).ConfigureAwait(false));
                return left;
            }
            rpc.Rotate();
            var delay = RpcRetry.Backoff(attempt, failure.Kind);
            logger.LogWarning("eth_getLogs {From}-{To} failed ({Kind}: {Error}), attempt {Attempt}; retrying in {Delay} ms via {Node}",
                from, to, failure.Kind, failure.Message, attempt, (int)delay.TotalMilliseconds, rpc.CurrentNode);
            await Task.Delay(delay, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Nodes that omit blockTimestamp in logs: read it from the headers of those blocks.</summary>
    private async Task FillTimestampsAsync(List<RpcLog> logs, CancellationToken ct)
    {
        var missing = logs.Where(l => l.BlockTimestamp is null).Select(l => l.BlockNumber).Distinct().ToList();
        if (missing.Count == 0) return;
        var times = new System.Collections.Concurrent.ConcurrentDictionary<long, long>();
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (n, token) =>
        {
            var header = await new RpcRetry(rpc, Microsoft.Extensions.Logging.Abstractions.NullLogger<RpcRetry>.Instance)
                .RunAsync("eth_getBlockByNumber", async r => await r.HeaderAsync(n) ?? throw new InvalidOperationException($"block {n} not found"), token)
                .ConfigureAwait(false);
            times[n] = header.Timestamp;
        }).ConfigureAwait(false);
        foreach (var log in logs) log.BlockTimestamp ??= times[log.BlockNumber];
    }
}
