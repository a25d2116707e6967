using System.Threading.Channels;
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
        var channel = Channel.CreateBounded<Task<FetchedRange>>(new BoundedChannelOptions(Math.Max(1, concurrency - 1)) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                for (var next = from; next <= to;)
                {
                    // Planned with the span the node accepts now; a range that still proves too
                    // large is split inside the fetcher, so every planned range comes back whole.
                    var end = Math.Min(to, next + fetcher.Range.Span - 1);
                    var (a, b) = (next, end);
                    await channel.Writer.WriteAsync(Task.Run(async () => new FetchedRange(a, b, await fetcher.FetchAsync(a, b, addresses, cts.Token)), cts.Token), cts.Token);
                    next = end + 1;
                }
            }
            finally
            {
                channel.Writer.TryComplete();
            }
        }, cts.Token);

        try
        {
            await foreach (var task in channel.Reader.ReadAllAsync(cts.Token))
            {
                if (!await consume(await task)) break;
            }
            await producer;
        }
        finally
        {
            await cts.CancelAsync();
            // Prefetched ranges are discarded; their failures (mostly cancellations) no longer matter.
            try { await producer; } catch (Exception) { }
            while (channel.Reader.TryRead(out var pending))
            {
                try { await pending; } catch (Exception) { }
            }
        }
    }
}
