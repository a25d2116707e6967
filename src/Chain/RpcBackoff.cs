namespace LeveragedTokens.Chain;

/// <summary>
/// Exponential backoff with half jitter, so several clients behind one rate limit do not retry in
/// lockstep. Rate limits get a longer base: hammering a limiter only extends the penalty.
/// </summary>
public static class RpcBackoff
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(20);

    /// <param name="attempt">The attempt that failed, from 1.</param>
    public static TimeSpan Delay(int attempt, RpcFailureKind kind)
    {
        var baseMs = kind == RpcFailureKind.RateLimited ? 500 : 100;
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, baseMs * Math.Pow(2, Math.Min(attempt - 1, 16)));
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }
}
