using LeveragedTokens.Chain;
using LeveragedTokens.Indexer.Options;
using Microsoft.Extensions.Options;

namespace LeveragedTokens.Indexer.Rpc;

/// <summary>
/// Reads every log of a block range for a set of addresses, however the node limits eth_getLogs:
/// a "too much" error splits the range (down to one block, then the address list); rate limits,
/// transient failures and inconsistent answers are the pipeline's to retry.
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
        var filter = new LogFilter(from, to, addresses, _options.FilterByTopics ? Decoding.EventCatalog.AllTopic0s : null);
        RpcFailure failure;
        try
        {
            var answer = await rpc.RunAsync($"eth_getLogs {from}-{to}", (node, t) => ReadCheckedAsync(node, filter, addresses, t), ct,
                new RpcCallOptions(HandledByCaller: (f, attempt) => Splits(f, filter.Span) && (attempt >= 2 || !f.IsTimeout))).ConfigureAwait(false);
            range.Succeeded(filter.Span, answer.Logs.Length, answer.Bytes);
            return [.. answer.Logs];
        }
        catch (RpcCallFailedException e) when (Splits(e.Failure, filter.Span) && (filter.Span > 1 || addresses.Count > 1))
        {
            failure = e.Failure;
        }

        if (filter.Span > 1)
        {
            var first = range.TooLarge(filter.Span, failure.SuggestedSpan, failure.AnswerBytes);
            logger.LogInformation("eth_getLogs {From}-{To} too large ({Error}); splitting at {Span} blocks", from, to, failure.Message, first);
            var logs = await FetchSplittingAsync(from, from + first - 1, addresses, ct).ConfigureAwait(false);
            // The rest in pieces of the span the answers now call for, not as one remainder that is too large again.
            for (var next = from + first; next <= to;)
            {
                var end = Math.Min(to, next + Math.Min(first, range.Span) - 1);
                logs.AddRange(await FetchSplittingAsync(next, end, addresses, ct).ConfigureAwait(false));
                next = end + 1;
            }
            return logs;
        }
        // One block too big on its own: ask per half of the address list (one address of one block stays failed).
        var half = addresses.Count / 2;
        var left = await FetchSplittingAsync(from, to, addresses.Take(half).ToList(), ct).ConfigureAwait(false);
        left.AddRange(await FetchSplittingAsync(from, to, addresses.Skip(half).ToList(), ct).ConfigureAwait(false));
        return left;
    }

    /// <summary>
    /// A too-large answer is split at once; so is a timeout on more than one block once repeated
    /// (a slow node times out on big ranges). Everything else stays in the pipeline's retry.
    /// </summary>
    private static bool Splits(RpcFailure failure, long span) =>
        failure.Kind == RpcFailureKind.RangeTooLarge || (failure.IsTimeout && span > 1);

    private static async Task<LogsAnswer> ReadCheckedAsync(RpcNode node, LogFilter filter, IReadOnlyList<string> addresses, CancellationToken ct)
    {
        var answer = await node.GetLogsAsync(filter, ct).ConfigureAwait(false);
        if (ResponseCheck.Find(answer.Logs, filter.From, filter.To, addresses) is { } problem)
            throw new RpcAnswerException("inconsistent eth_getLogs answer: " + problem);
        return answer;
    }

    /// <summary>Nodes that omit blockTimestamp in logs: read it from the headers of those blocks.</summary>
    private async Task FillTimestampsAsync(List<RpcLog> logs, CancellationToken ct)
    {
        var missing = logs.Where(l => l.BlockTimestamp is null).Select(l => l.BlockNumber).Distinct().ToList();
        if (missing.Count == 0) return;
        var times = new System.Collections.Concurrent.ConcurrentDictionary<long, long>();
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (n, token) =>
        {
            var header = await rpc.RunAsync("eth_getBlockByNumber", async (node, t) =>
                    await node.SendAsync<BlockHeader>("eth_getBlockByNumber", [Hex.From(n), false], t).ConfigureAwait(false)
                    ?? throw new RpcAnswerException($"block {n} not found"), token)
                .ConfigureAwait(false);
            times[n] = header.Timestamp;
        }).ConfigureAwait(false);
        foreach (var log in logs) log.BlockTimestamp ??= times[log.BlockNumber];
    }
}
