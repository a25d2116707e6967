using LeveragedTokens.Dashboard.Web.Formatting;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace LeveragedTokens.Dashboard.Web.Components.Shared;

/// <summary>
/// The one chart of the dashboard. The browser fetches the series itself (the circuit only carries this
/// small description), so zooming into 90 days of hourly points costs the circuit nothing.
/// </summary>
public partial class TimeChart
{
    private ElementReference _host;
    private IJSObjectReference? _module;
    private DotNetObjectReference<TimeChart>? _self;
    private object? _drawn;

    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private ILogger<TimeChart> Logger { get; set; } = default!;

    [Parameter, EditorRequired] public string Title { get; set; } = "";
    [Parameter] public string TestId { get; set; } = "chart";
    /// <summary>The API series endpoint, e.g. /api/v1/tokens/BTC3L/nav; the chart adds from/to.</summary>
    [Parameter, EditorRequired] public string Source { get; set; } = "";
    [Parameter] public DateTime? From { get; set; }
    [Parameter] public DateTime? To { get; set; }
    [Parameter] public ChartUnit Unit { get; set; }
    [Parameter] public IReadOnlyList<ChartLine> Lines { get; set; } = [];
    [Parameter] public IReadOnlyList<ChartLevel> Levels { get; set; } = [];
    [Parameter] public IReadOnlyList<ChartRegion> Regions { get; set; } = [];
    [Parameter] public IReadOnlyList<ChartShade> Shades { get; set; } = [];
    /// <summary>The API's rebalance list for markers, or null for none.</summary>
    [Parameter] public string? Markers { get; set; }
    /// <summary>The rebalance figures each rebalance is marked at: NAV after it, or the leverage before and after it.</summary>
    [Parameter] public IReadOnlyList<string> MarkerFields { get; set; } = ["navAfter"];
    /// <summary>The API's deferral list for markers at the leverage a deferred rebalance left, or null for none.</summary>
    [Parameter] public string? Deferrals { get; set; }
    /// <summary>Kinds of the events the series announces with its points (marked by the browser), and their legend labels.</summary>
    [Parameter] public IReadOnlyList<(string Kind, string Label)> Events { get; set; } = [];
    /// <summary>Charts with the same key share their cursor.</summary>
    [Parameter] public string Sync { get; set; } = "page";
    /// <summary>When the page last read its data: a new value (new chain data) makes the chart fetch again.</summary>
    [Parameter] public DateTime Version { get; set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        var spec = new
        {
            Source, TestId, Sync, Markers, MarkerFields, Deferrals, Levels, Regions,
            From = From is { } f ? Times.Iso(f) : null,
            To = To is { } t ? Times.Iso(t) : null,
            Unit = Unit.ToString().ToLowerInvariant(),
            Series = Lines,
            Shades = Shades.Select(s => new { Start = Times.Iso(s.Start), End = Times.Iso(s.End) }),
        };
        var drawKey = (Source, spec.From, spec.To, Version);
        if (Equals(drawKey, _drawn)) return;
        _drawn = drawKey;
        _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/time-chart.js");
        _self ??= DotNetObjectReference.Create(this);
        try
        {
            await _module.InvokeVoidAsync("draw", _host, spec, _self);
        }
        catch (JSException e)
        {
            // The fallback stays in place; the page and its circuit go on.
            Logger.LogWarning(e, "Chart {TestId} could not be drawn from {Source}", TestId, Source);
        }
    }

    /// <summary>A drag-zoom or double-click: the range goes into the URL (shareable), whole hours as the API keeps them.</summary>
    [JSInvokable]
    public void ZoomTo(double fromUnixSeconds, double toUnixSeconds)
    {
        var from = Times.FromHour((long)Math.Floor(fromUnixSeconds / 3600));
        var to = Times.FromHour((long)Math.Ceiling(toUnixSeconds / 3600));
        Nav.NavigateTo(Nav.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["range"] = "custom",
            ["from"] = Times.Iso(from),
            ["to"] = Times.Iso(to),
        }));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_module is not null)
            {
                await _module.InvokeVoidAsync("dispose", _host);
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the page with it.
        }
        _self?.Dispose();
        GC.SuppressFinalize(this);
    }
}
