namespace LeveragedTokens.Indexer.Sync;

/// <summary>
/// Raised by <see cref="ChainSyncer"/> after each commit that changed chain rows (a stored range, a
/// reorg rewind): the indexer's own signal that alerts may need evaluating, with no NOTIFY round trip.
/// </summary>
public sealed class NewChainData
{
    private long _version;

    /// <summary>Moves on every commit; listeners compare it with the version they last acted on.</summary>
    public long Version => Interlocked.Read(ref _version);

    public event Action? Committed;

    public void Raise()
    {
        Interlocked.Increment(ref _version);
        Committed?.Invoke();
    }
}
