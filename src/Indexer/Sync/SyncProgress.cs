using System.Diagnostics;

namespace LeveragedTokens.Indexer.Sync;

/// <summary>Throughput (events/s over a sliding window) and the console's backfill percentage and ETA.</summary>
public sealed class SyncProgress(ILogger<SyncProgress> logger)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Queue<(TimeSpan At, long Events)> _recent = new();
    private TimeSpan _lastPrint = TimeSpan.FromDays(-1);
    private long _events;

    public double EventsPerSecond { get; private set; }

    public void Stored(int events)
    {
        _events += events;
        var now = _clock.Elapsed;
        _recent.Enqueue((now, _events));
        while (_recent.Count > 2 && now - _recent.Peek().At > TimeSpan.FromSeconds(10)) _recent.Dequeue();
        var (at, count) = _recent.Peek();
        var seconds = (now - at).TotalSeconds;
        EventsPerSecond = seconds > 0.2 ? (_events - count) / seconds : EventsPerSecond;
    }

    public void Backfilling(long start, long indexed, long target)
    {
        var now = _clock.Elapsed;
        if (now - _lastPrint < TimeSpan.FromSeconds(2) && indexed < target) return;
        _lastPrint = now;
        var total = Math.Max(1, target - start + 1);
        var done = Math.Clamp(indexed - start + 1, 0, total);
        var rate = done / Math.Max(0.001, now.TotalSeconds);
        var eta = rate > 0 ? TimeSpan.FromSeconds((total - done) / rate) : TimeSpan.Zero;
        logger.LogInformation("Backfill {Percent:F1}% (block {Indexed} of {Target}), {EventsPerSecond:F0} events/s, ETA {Eta:hh\\:mm\\:ss}",
            100.0 * done / total, indexed, target, EventsPerSecond, eta);
    }
}
