using LeveragedTokens.Chain;
using LeveragedTokens.Indexer.Rpc;

namespace LeveragedTokens.Indexer.Sync;

public sealed record FetchedRange(long From, long To, List<RpcLog> Logs);

/// <summary>
/// Fetches consecutive block ranges concurrently (up to the configured number ahead of the
/// writer) and hands them to the consumer strictly in block order. The consumer can stop the
/// pipeline (e.g. after discovering new addresses, which makes prefetched ranges incomplete).
/// </summary>
public static class RangePipeline
{
    public static async Task RunAsync(LogFetcher fetcher, long from, long to, IReadOnlyList<string> addresses, int concurrency,
        Func<FetchedRange, Task<bool>> consume, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var inflight = new Queue<Task<FetchedRange>>();
        var next = from;
        try
        {
            while (true)
            {
                // The first range alone until an answer shows the chain's density: ranges planned blind could each be huge.
                while (inflight.Count < (fetcher.Range.Calibrated ? concurrency : 1) && next <= to)
                {
                    // Planned with the span the node accepts now; a range that still proves too
                    // large is split inside the fetcher, so every planned range comes back whole.
                    var (a, b) = (next, Math.Min(to, next + fetcher.Range.Span - 1));
                    inflight.Enqueue(Task.Run(async () => new FetchedRange(a, b, await fetcher.FetchAsync(a, b, addresses, cts.Token)), cts.Token));
                    next = b + 1;
                }
                if (inflight.Count == 0) return;
                if (!await consume(await inflight.Dequeue())) return;
            }
        }
        finally
        {
            await cts.CancelAsync();
            // Prefetched ranges are discarded; their failures (mostly cancellations) no longer matter.
            foreach (var pending in inflight)
            {
                try { await pending; } catch (Exception) { }
            }
        }
    }
}
