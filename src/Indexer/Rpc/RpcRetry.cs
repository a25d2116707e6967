
namespace LeveragedTokens.Indexer.Rpc;

/// <summary>
/// Retries a call that failed in a way worth retrying, with exponential backoff and full jitter
/// (so several indexers behind one rate limit do not retry in lockstep). HTTP-level retries
/// already happened in the resilience handler; this layer covers JSON-RPC errors, broken
/// bodies and node failover.
/// </summary>
public sealed class RpcRetry(ChainRpc rpc, ILogger<RpcRetry> logger)
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(20);

    public async Task<T> RunAsync<T>(string what, Func<ChainRpc, Task<T>> call, CancellationToken ct, int maxAttempts = int.MaxValue)
    {
        for (var attempt = 1; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                return await call(rpc).WaitAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                var failure = RpcFailure.Classify(e);
                if (attempt >= maxAttempts) throw new RpcCallFailedException(what, failure, e);
                rpc.Rotate();
                var delay = Backoff(attempt, failure.Kind);
                logger.LogWarning("RPC {Call} failed ({Kind}: {Error}), attempt {Attempt}; retrying in {Delay} ms via {Node}",
                    what, failure.Kind, failure.Message, attempt, (int)delay.TotalMilliseconds, rpc.CurrentNode);
                await Task.Delay(delay, ct).ConfigureAwait(false);
            }
        }
    }

    public static TimeSpan Backoff(int attempt, RpcFailureKind kind)
    {
        // Rate limits get a longer base: hammering a limiter only extends the penalty.
        var baseMs = kind == RpcFailureKind.RateLimited ? 500 : 100;
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, baseMs * Math.Pow(2, Math.Min(attempt - 1, 16)));
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }
}

public sealed class RpcCallFailedException(string call, RpcFailure failure, Exception inner)
    : Exception($"RPC {call} failed: {failure.Message}", inner)
{
    public RpcFailure Failure { get; } = failure;
}
