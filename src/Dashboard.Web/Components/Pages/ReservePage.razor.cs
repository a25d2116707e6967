using LeveragedTokens.Dashboard.Web.Components.Shared;
using LeveragedTokens.Dashboard.Web.Formatting;
using LeveragedTokens.Data;
using LeveragedTokens.Protocol;
using LeveragedTokens.Data.Queries;
using LeveragedTokens.Staff.Thresholds;
using Microsoft.AspNetCore.Components;

namespace LeveragedTokens.Dashboard.Web.Components.Pages;

public partial class ReservePage
{
    /// <summary>Utilization drawn at most this high, so an empty reserve (uint256.max) does not flatten the chart.</summary>
    private const double UtilizationCapPercent = 300;

    private PoolInfo? _pool;
    private (int Status, string Message)? _problem;
    private Series<ReservePoint> _series = new([], 1);
    private ReservePoint? _latest;
    private PoolHealth _health;
    private string _runway = "";
    private IReadOnlyList<ChartLine> _utilization = [], _values = [], _buffer = [];
    private IReadOnlyList<ChartRegion> _utilRegions = [], _belowZero = [];
    private DateTime? _from, _to;
    private IReadOnlyList<ChartShade> _shades = [];
    private IReadOnlyList<DrawsByToken> _draws = [];
    private IReadOnlyList<LedgerEntryRow> _inflows = [];
    private IReadOnlyList<SuspensionPeriod> _suspensions = [];
    private DateTime _chainNow;

    [Inject] private ReserveQueries Reserves { get; set; } = default!;
    [Inject] private SeriesQueries Series { get; set; } = default!;
    [Inject] private StatusQueries Status { get; set; } = default!;
    [Inject] private ThresholdEditor Thresholds { get; set; } = default!;
    [Inject] private Live.LiveCache Cache { get; set; } = default!;

    [Parameter] public string Underlying { get; set; } = "";
    /// <summary>The chain of the canonical address; none on the old chainless one, which redirects or offers the choice.</summary>
    [Parameter] public long? ChainId { get; set; }
    private IReadOnlyList<(long ChainId, string Href)> _choices = [];

    private string MetricsSource => PublicPaths.ReserveApi(_pool!.ChainId, Underlying) + "/metrics";

    protected override async Task LoadAsync()
    {
        _problem = null;
        if (!TryReadRange(out var error))
        {
            _problem = (400, error);
            return;
        }
        if (ChainId is null)
        {
            _pool = null;
            _choices = GoToOnlyChain([.. (await Reserves.MatchesAsync(Underlying)).Select(p => (p.ChainId, PublicPaths.Reserve(p.ChainId, p.Underlying, p.Address)))]);
            if (_choices.Count > 0) return;
        }
        _pool = ChainId is { } chain ? await Reserves.FindAsync(chain, Underlying) : null;
        if (_pool is not { } pool)
        {
            _problem = (404, $"No reserve pool for '{(Underlying.Length > 40 ? Underlying[..40] : Underlying)}' is indexed{(ChainId is { } c ? $" on chain {c}" : "")}.");
            SetStatus(404);
            return;
        }
        var latestHour = await Series.LatestHourAsync(pool.ChainId, pool.Address, pool: true);
        var (from, to) = RangeBounds(latestHour);
        (_from, _to) = (from, to);
        var key = $"{pool.ChainId}|{pool.Address}|{from:O}|{to:O}";
        // Independent reads, each on its own connection: the page waits for the slowest, not for their sum.
        var seriesRead = Cache.GetOrAddAsync("reserve|" + key,
            () => Series.ReserveAsync(pool.ChainId, pool.Address, from is { } f ? Times.Hour(f) : null, to is { } e ? Times.Hour(e) : null));
        var latestRead = latestHour is { } lh ? Series.ReserveAsync(pool.ChainId, pool.Address, lh, lh) : null;
        var suspensionsRead = Reserves.SuspensionsAsync(pool);
        var nowRead = Status.ChainNowAsync(pool.ChainId);
        var drawsRead = Cache.GetOrAddAsync("draws|" + key, () => Reserves.DrawsByTokenAsync(pool, from, to));
        var inflowsRead = Cache.GetOrAddAsync("inflows|" + key, () => Reserves.InflowsAsync(pool, from, to, limit: 20));
        // The runway's window is the staff setting the runway alert and the API use too.
        var window = await Thresholds.EffectiveAsync(ThresholdScopes.Of(pool.ChainId, pool.Address), ThresholdKey.RunwayWindowHours, default);
        var runwayRead = Cache.GetOrAddAsync($"runway|{pool.ChainId}|{pool.Address}|{latestHour}|{window}", () => Reserves.RunwayAsync(pool, window));
        await Task.WhenAll(seriesRead, latestRead ?? Task.CompletedTask, suspensionsRead, nowRead, drawsRead, inflowsRead, runwayRead);

        _series = await seriesRead;
        var pts = _series.Points;
        _latest = latestRead is null ? null : (await latestRead).Points.FirstOrDefault();

        _utilization = [new ChartLine("Utilization", "maxUtilizationBps", "#e53935", pts.Select(p => (Times.FromHour(p.Hour), UtilizationPercent(p))).ToList())];
        _utilRegions = [new ChartRegion("Near floor (80–100%)", 80, 100, "#fb8c00"), new ChartRegion("Below floor (≥ 100%)", 100, null, "#b71c1c")];
        _values =
        [
            new ChartLine("Reserve value", "reserveValue", "#1e88e5", pts.Select(p => (Times.FromHour(p.Hour), Wad.ToDouble(p.ReserveValue))).ToList()),
            new ChartLine("Floor", "floorValue", "#b71c1c", pts.Select(p => (Times.FromHour(p.Hour), Wad.ToDouble(p.FloorValue))).ToList(), Dashed: true),
        ];
        _buffer = [new ChartLine("Buffer depth", "minBufferDepth", "#43a047", pts.Select(p => (Times.FromHour(p.Hour), Wad.ToDouble(p.MinBufferDepth))).ToList())];
        _belowZero = [new ChartRegion("Below floor (< 0)", null, 0, "#b71c1c")];

        var suspensions = _suspensions = await suspensionsRead;
        // An ongoing suspension's duration runs to chain now, as the API counts it.
        _chainNow = await nowRead ?? DateTime.UtcNow;
        var chainEnd = latestHour is { } le ? Times.FromHour(le + 1) : DateTime.UtcNow;
        _shades = suspensions.Select(s => new ChartShade(s.Start, s.End ?? chainEnd,
            $"Rebalancing suspended {Times.Iso(s.Start)} to {(s.End is { } end ? Times.Iso(end) : "now")}")).ToList();
        var current = Data.Queries.TokenQueries.Classify(_latest?.MaxUtilizationBps, suspensions.Count > 0 && suspensions[^1].End is null);
        _health = current;

        _draws = await drawsRead;
        _inflows = await inflowsRead;
        _runway = await runwayRead is { Runway: var r }
            ? RunwayText(r)
            : "—";
    }

    private static string RunwayText(ReserveRunway r)
    {
        var window = $"the average draw of the last {r.WindowHours:0.##} h";
        return r.BufferDepth.Sign <= 0 ? "none: the reserve is at or below its floor"
            : double.IsInfinity(r.Hours) ? $"unlimited at {window} (nothing drawn)"
            : $"{r.Hours:N0} hours at {window}, {Wad.Format(r.DrawPerHour, "USD")}/h";
    }

    private static double UtilizationPercent(ReservePoint p) =>
        p.MaxUtilizationBps >= new System.Numerics.BigInteger(UtilizationCapPercent * 100) ? UtilizationCapPercent : (double)p.MaxUtilizationBps / 100;
}
