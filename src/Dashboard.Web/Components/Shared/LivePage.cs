using LeveragedTokens.Dashboard.Web.Live;
using Microsoft.AspNetCore.Components;

namespace LeveragedTokens.Dashboard.Web.Components.Shared;

/// <summary>A page that re-reads its data when the indexer announces new chain data.</summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    private IDisposable? _subscription;

    [Inject] private ChainDataHub Hub { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    /// <summary>Set during prerendering only: lets a page answer 400/404 with the right status code.</summary>
    [CascadingParameter] protected HttpContext? HttpContext { get; set; }

    protected DateTime LoadedAt { get; private set; }

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        LoadedAt = DateTime.UtcNow;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender) _subscription = Hub.Subscribe(() => InvokeAsync(async () =>
        {
            await LoadAsync();
            LoadedAt = DateTime.UtcNow;
            StateHasChanged();
        }));
    }

    /// <summary>Reads everything the page shows; called on every parameter change and every notification.</summary>
    protected abstract Task LoadAsync();

    protected void SetStatus(int statusCode)
    {
        if (HttpContext is { Response.HasStarted: false } http) http.Response.StatusCode = statusCode;
    }

    /// <summary>
    /// A chainless address (an old link) resolved to each chain's canonical page: one goes there (a redirect while
    /// prerendering, the query kept), so there is one canonical page; several are returned for the page to offer.
    /// </summary>
    protected IReadOnlyList<(long ChainId, string Href)> GoToOnlyChain(IReadOnlyList<(long ChainId, string Href)> canonical)
    {
        if (canonical.Count == 1) Navigation.NavigateTo(canonical[0].Href + new Uri(Navigation.Uri).Query, replace: true);
        return canonical.Count > 1 ? canonical : [];
    }

    public virtual void Dispose()
    {
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
