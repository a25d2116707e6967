namespace LeveragedTokens.Indexer.Rpc;

/// <summary>
/// The block span of the next eth_getLogs call, sized by what the last answers held: about
/// <see cref="TargetLogs"/> logs and <see cref="TargetBytes"/> of JSON, whichever comes first.
/// A "too much" error shrinks it at once (to the provider's suggestion, or by the refused answer's
/// size, or by half), so a backfill runs near the node's limit without being told what it is.
/// </summary>
public sealed class AdaptiveRange(int initial, int max)
{
    /// <summary>Logs per call worth aiming for: big enough to amortize a round trip, small enough to pipeline.</summary>
    public const int TargetLogs = 5_000;

    /// <summary>
    /// A fifth of the 10 MB that hosted providers (and the indexer's default MaxResponseBytes) allow an answer. Every
    /// range in the pipeline (fetches in flight, decoded batches queued for COPY) holds about 1.5x its answer in
    /// strings and rows: at 5 MB the backfill peaked at 380-450 MB RSS, at 2 MB at 250-280 MB, for a few more commits.
    /// </summary>
    public const long TargetBytes = 2 * 1024 * 1024;

    // A sparse stretch may grow the span this much per answer: density can change at the next block.
    private const int MaxGrowth = 4;

    private readonly Lock _lock = new();
    private long _span = initial;

    public long Span { get { lock (_lock) return _span; } }

    /// <summary>False until an answer has shown the chain's density: until then one range at a time is enough.</summary>
    public bool Calibrated { get; private set; }

    public void Succeeded(long usedSpan, int logCount, long answerBytes)
    {
        lock (_lock)
        {
            Calibrated = true;
            var fill = Math.Max((double)logCount / TargetLogs, (double)answerBytes / TargetBytes);
            var sized = fill > 0 ? (long)(usedSpan / fill) : usedSpan * MaxGrowth;
            // Only an answer at (about) the current span says the span can grow; any answer can shrink it.
            if (sized > _span && usedSpan * 2 < _span) return;
            _span = Math.Clamp(sized, 1, Math.Min(max, Math.Max(_span, usedSpan) * MaxGrowth));
        }
    }

    /// <summary>Returns the span to retry with (at least 1).</summary>
    public long TooLarge(long usedSpan, long? suggested, long? refusedAnswerBytes)
    {
        lock (_lock)
        {
            var bySize = refusedAnswerBytes is > 0 ? usedSpan * TargetBytes / refusedAnswerBytes : null;
            var next = Math.Max(1, Math.Min(suggested ?? bySize ?? usedSpan / 2, usedSpan - 1));
            _span = Math.Min(_span, next);
            return next;
        }
    }
}
