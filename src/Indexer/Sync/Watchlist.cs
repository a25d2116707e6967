using LeveragedTokens.Indexer.Decoding;

namespace LeveragedTokens.Indexer.Sync;

/// <summary>
/// The addresses whose logs are read, each from the block it was registered in: the registry
/// from the configured start block, pools and tokens from their registration log on.
/// </summary>
public sealed class Watchlist
{
    private readonly Dictionary<string, (long FromBlock, WatchRole Role)> _entries = new(StringComparer.Ordinal);

    public Watchlist(string registry, long startBlock) => _entries[registry.ToLowerInvariant()] = (startBlock, WatchRole.Registry);

    public IReadOnlyList<string> Addresses { get; private set; } = [];

    public int Count => _entries.Count;

    public bool TryGet(string address, out (long FromBlock, WatchRole Role) entry) => _entries.TryGetValue(address, out entry);

    /// <summary>False when the address is already watched (a re-registration changes nothing).</summary>
    public bool Add(string address, long fromBlock, WatchRole role)
    {
        if (!_entries.TryAdd(address.ToLowerInvariant(), (fromBlock, role))) return false;
        Addresses = _entries.Keys.Order(StringComparer.Ordinal).ToList();
        return true;
    }

    public Watchlist Seal()
    {
        Addresses = _entries.Keys.Order(StringComparer.Ordinal).ToList();
        return this;
    }

    /// <summary>Whether a log belongs to the index: a watched address, at or after its registration block.</summary>
    public bool Covers(string address, long block, out WatchRole role)
    {
        if (_entries.TryGetValue(address, out var entry) && block >= entry.FromBlock)
        {
            role = entry.Role;
            return true;
        }
        role = default;
        return false;
    }
}
