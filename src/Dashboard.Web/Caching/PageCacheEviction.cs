using LeveragedTokens.Dashboard.Web.Live;
using Microsoft.AspNetCore.OutputCaching;

namespace LeveragedTokens.Dashboard.Web.Caching;

/// <summary>
/// Empties the shared pages when the indexer announces new chain data: the same hub (and so the same one
/// LISTEN connection) that refreshes the open circuits. Refresh ticks without a NOTIFY evict nothing.
/// </summary>
internal sealed class PageCacheEviction(ChainDataHub hub, IOutputCacheStore store) : IHostedService
{
    private IDisposable? _subscription;
    private long _evictedVersion;

    public Task StartAsync(CancellationToken ct)
    {
        _evictedVersion = hub.DataVersion;
        _subscription = hub.Subscribe(async () =>
        {
            var version = hub.DataVersion;
            if (Interlocked.Exchange(ref _evictedVersion, version) != version)
                await store.EvictByTagAsync(PageCachePolicy.Tag, CancellationToken.None);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
