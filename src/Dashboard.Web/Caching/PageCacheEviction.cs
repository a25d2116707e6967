using LeveragedTokens.Dashboard.Web.Live;
using Microsoft.AspNetCore.OutputCaching;

namespace LeveragedTokens.Dashboard.Web.Caching;

/// <summary>
/// Empties the shared pages whenever the open circuits refresh: the same hub (and so the same one LISTEN
/// connection), on the indexer's NOTIFY and on the refresh tick, so a cached page is never older than what an
/// open page shows ("ago" figures, the fallback countdown).
/// </summary>
internal sealed class PageCacheEviction(ChainDataHub hub, IOutputCacheStore store) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken ct)
    {
        _subscription = hub.Subscribe(() => store.EvictByTagAsync(PageCachePolicy.Tag, CancellationToken.None).AsTask());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
