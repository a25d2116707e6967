using LeveragedTokens.Dashboard.Web.Components.Shared;
using LeveragedTokens.Dashboard.Web.Formatting;
using LeveragedTokens.Data;
using LeveragedTokens.Protocol;
using LeveragedTokens.Data.Queries;
using Microsoft.AspNetCore.Components;

namespace LeveragedTokens.Dashboard.Web.Components.Pages;

public partial class TokenPage
{
    private TokenInfo? _token;
    private (int Status, string Message)? _problem;
    private Series<NavPoint> _nav = new([], 1);
    private IReadOnlyList<ChartLine> _navLines = [], _leverageLines = [];
    private IReadOnlyList<ChartLevel> _leverageLevels = [];
    private IReadOnlyList<ChartRegion> _band = [];
    private DateTime? _from, _to;
    private DecayView? _decay;
    private RebalanceFilter _filter = new();
    private DateTime _fallbackDue, _chainNow;

    [Inject] private Live.LiveCache Cache { get; set; } = default!;

    [Parameter] public string Symbol { get; set; } = "";
    /// <summary>The chain of the canonical address; none on the old chainless one, which redirects or offers the choice.</summary>
    [Parameter] public long? ChainId { get; set; }
    private IReadOnlyList<(long ChainId, string Href)> _choices = [];

    /// <summary>Each rebalance is drawn at its leverage before (the band breach) and after.</summary>
    private static readonly IReadOnlyList<string> LeverageMarkers = ["leverageBefore", "leverageAfter"];

    private string ApiBase => PublicPaths.TokenApi(_token!.ChainId, Symbol);

    protected override async Task LoadAsync()
    {
        _problem = null;
        if (!TryReadRange(out var error))
        {
            _problem = (400, error);
            return;
        }
        // _token is set last, so the first render with a token has all of its data (no half-filled grid).
        var matches = await Tokens.MatchesAsync(Symbol, ChainId);
        _choices = ChainId is null ? GoToOnlyChain([.. matches.Select(m => (m.ChainId, PublicPaths.Token(m.ChainId, m.Symbol, m.Address)))]) : [];
        if (ChainId is null && matches.Count > 0)
        {
            _token = null;
            return;
        }
        if (matches.FirstOrDefault() is not { } t)
        {
            _token = null;
            _problem = (404, $"No token with address or symbol '{(Symbol.Length > 40 ? Symbol[..40] : Symbol)}' is indexed{(ChainId is { } c ? $" on chain {c}" : "")}.");
            SetStatus(404);
            return;
        }
        var latest = await Series.LatestHourAsync(t.ChainId, t.Address, pool: false);
        var (from, to) = RangeBounds(latest);
        long? fromHour = from is { } f ? Times.Hour(f) : null, toHour = to is { } e ? Times.Hour(e) : null;

        var key = $"{t.ChainId}|{t.Address}|{fromHour}|{toHour}";
        // Independent reads, each on its own connection: the page waits for the slowest, not for their sum.
        var navRead = Cache.GetOrAddAsync("nav|" + key, () => Series.NavAsync(t.ChainId, t.Address, fromHour, toHour));
        var decayRead = Cache.GetOrAddAsync("decay|" + key, () => Analytics.DecayAsync(t.ChainId, t.Address, fromHour, toHour));
        // The fallback counts from the last rebalance ever (or registration), in chain time.
        var lastRead = Rebalances.PageAsync(new RebalanceFilter { ChainId = t.ChainId, TokenAddress = t.Address }, RebalanceSort.Newest, null, 1);
        var nowRead = Status.ChainNowAsync(t.ChainId);
        await Task.WhenAll(navRead, decayRead, lastRead, nowRead);

        _nav = await navRead;
        var navPoints = _nav.Points.Select(p => (Times.FromHour(p.Hour), Wad.ToDouble(p.Nav))).ToList();
        (_from, _to) = (from, to);
        _navLines = [new ChartLine("NAV", "nav", "#1e88e5", navPoints)];
        _leverageLines = [new ChartLine("Effective leverage", "leverage", "#8e24aa", _nav.Points.Select(p => (Times.FromHour(p.Hour), Wad.ToDouble(p.Leverage))).ToList())];
        _leverageLevels = [new ChartLevel("Target", Wad.ToDouble(t.TargetLeverage), "#43a047")];
        _band = [new ChartRegion("Rebalance band [min, max]", Wad.ToDouble(t.MinLeverage), Wad.ToDouble(t.MaxLeverage), "#43a047")];

        _decay = await decayRead is { } inputs ? DecayView.From(inputs, t) : null;
        _filter = new RebalanceFilter { ChainId = t.ChainId, TokenAddress = t.Address, From = from, To = to };

        var last = (await lastRead).Rows.FirstOrDefault();
        _chainNow = await nowRead ?? DateTime.UtcNow;
        _fallbackDue = FallbackClock.DueAfter(t, last?.BlockTime);
        _token = t;
    }
}
