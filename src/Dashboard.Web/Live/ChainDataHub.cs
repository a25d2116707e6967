namespace LeveragedTokens.Dashboard.Web.Live;

/// <summary>
/// In-process fan-out of "new chain data" to the open circuits. A subscriber's failure never
/// reaches the publisher or the other subscribers.
/// </summary>
public sealed class ChainDataHub(ILogger<ChainDataHub> logger)
{
    private readonly Lock _gate = new();
    private readonly List<Func<Task>> _subscribers = [];

    private long _dataVersion;

    public DateTime? LastNotificationAt { get; private set; }

    /// <summary>Counts the indexer's notifications: cached results of an older version are never served.</summary>
    public long DataVersion => Interlocked.Read(ref _dataVersion);

    public IDisposable Subscribe(Func<Task> onChange)
    {
        lock (_gate) _subscribers.Add(onChange);
        return new Subscription(() => { lock (_gate) _subscribers.Remove(onChange); });
    }

    public int SubscriberCount { get { lock (_gate) return _subscribers.Count; } }

    public void Publish(bool fromNotification = true)
    {
        if (fromNotification)
        {
            LastNotificationAt = DateTime.UtcNow;
            Interlocked.Increment(ref _dataVersion);
        }
        Func<Task>[] targets;
        lock (_gate) targets = [.. _subscribers];
        foreach (var target in targets) _ = RunAsync(target);
    }

    private async Task RunAsync(Func<Task> target)
    {
        try { await target(); }
        catch (Exception ex) { logger.LogWarning(ex, "A live-update subscriber failed"); }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;
        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
