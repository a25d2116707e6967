namespace LeveragedTokens.Indexer.Rpc;

/// <summary>
/// The block span of the next eth_getLogs call: halves (or takes the provider's suggestion) when
/// the node says "too much", doubles again after successes, so a backfill runs near the
/// node's limit without being told what it is.
/// </summary>
public sealed class AdaptiveRange(int initial, int max)
{
    private readonly Lock _lock = new();
    private long _span = initial;
    private int _successes;

    public long Span { get { lock (_lock) return _span; } }

    /// <summary>Logs per call worth aiming for: big enough to amortize a round trip, small enough to pipeline.</summary>
    public const int TargetLogs = 5_000;

    public void Succeeded(long usedSpan, int logCount)
    {
        lock (_lock)
        {
            // Dense stretches: size the next call by log density, not only by errors.
            if (logCount > TargetLogs * 2)
            {
                _successes = 0;
                _span = Math.Clamp(usedSpan * TargetLogs / logCount, 1, max);
                return;
            }
            // Only a success at (about) the current span says the span can grow.
            if (usedSpan * 2 < _span) return;
            if (++_successes < 2) return;
            _successes = 0;
            _span = Math.Min(max, _span * 2);
        }
    }

    /// <summary>Returns the span to retry with (at least 1).</summary>
    public long TooLarge(long usedSpan, long? suggested)
    {
        lock (_lock)
        {
            _successes = 0;
            var next = Math.Max(1, Math.Min(suggested ?? usedSpan / 2, usedSpan - 1));
            _span = Math.Min(_span, next);
            return next;
        }
    }
}
