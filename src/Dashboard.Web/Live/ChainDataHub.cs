namespace LeveragedTokens.Dashboard.Web.Live;

/// <summary>Fan-out of "new chain data" to the open circuits and in-process triggers.</summary>
public sealed class ChainDataHub(ILogger<ChainDataHub> logger) : FanOut(logger)
{
    private long _dataVersion;

    public DateTime? LastNotificationAt { get; private set; }

    /// <summary>Counts the indexer's notifications: cached results of an older version are never served.</summary>
    public long DataVersion => Interlocked.Read(ref _dataVersion);

    /// <summary>A notification moves the data version; a refresh tick (<paramref name="fromNotification"/> false) only re-runs the subscribers.</summary>
    public void Publish(bool fromNotification = true)
    {
        if (fromNotification)
        {
            LastNotificationAt = DateTime.UtcNow;
            Interlocked.Increment(ref _dataVersion);
        }
        Notify();
    }
}
