namespace LeveragedTokens.Dashboard.Web.Live;

/// <summary>
/// In-process fan-out of "something changed" to its subscribers (open circuits, in-process triggers).
/// A subscriber's failure never reaches the publisher or the other subscribers.
/// </summary>
public abstract class FanOut(ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly List<Func<Task>> _subscribers = [];

    public IDisposable Subscribe(Func<Task> onChange)
    {
        lock (_gate) _subscribers.Add(onChange);
        return new Subscription(() => { lock (_gate) _subscribers.Remove(onChange); });
    }

    public int SubscriberCount { get { lock (_gate) return _subscribers.Count; } }

    /// <summary>Starts every subscriber and returns without waiting for them.</summary>
    protected void Notify()
    {
        Func<Task>[] targets;
        lock (_gate) targets = [.. _subscribers];
        foreach (var target in targets) _ = RunAsync(target);
    }

    private async Task RunAsync(Func<Task> target)
    {
        try { await target(); }
        catch (Exception ex) { logger.LogWarning(ex, "A subscriber of {FanOut} failed", GetType().Name); }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;
        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
