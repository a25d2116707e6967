using Microsoft.Extensions.Caching.Memory;

namespace LeveragedTokens.Dashboard.Web.Live;

/// <summary>
/// Results of the expensive read queries (long series, sums over a token's whole history), kept until
/// the indexer announces new data or a minute passes. Chain data only changes with new blocks, so a
/// hit is exact; the key carries the hub's data version, a NOTIFY retires every entry at once.
/// </summary>
public sealed class LiveCache(ChainDataHub hub)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 5_000 });

    public async Task<T> GetOrAddAsync<T>(string key, Func<Task<T>> read)
    {
        var versioned = $"{hub.DataVersion}|{key}";
        if (_cache.TryGetValue(versioned, out T? hit)) return hit!;
        var value = await read();
        _cache.Set(versioned, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        return value;
    }
}
