using System.Globalization;
using LeveragedTokens.Dashboard.Web.Components.Shared;
using LeveragedTokens.Dashboard.Web.Formatting;
using LeveragedTokens.Data;
using LeveragedTokens.Data.Queries;
using LeveragedTokens.Protocol;
using LeveragedTokens.Stress;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;

namespace LeveragedTokens.Dashboard.Web.Components.Pages;

public partial class StressPage
{
    /// <summary>Utilization drawn at most this high, so an emptied reserve does not flatten the chart (as on the reserve page).</summary>
    private const double UtilizationCapPercent = 300;
    private static readonly string[] Palette = ["#1e88e5", "#e53935", "#43a047", "#fb8c00", "#8e24aa", "#00897b", "#6d4c41"];

    private StressReport? _report;
    private StressHeatmap? _heatmap;
    private (int Status, string Message)? _problem;
    private IReadOnlyList<ChartLine> _leverage = [], _utilization = [];
    private IReadOnlyList<ChartRegion> _band = [];
    private readonly IReadOnlyList<ChartLevel> _floor = [new("Floor", 100, "#e53935")];

    [Inject] private StressService Stress { get; set; } = default!;
    [Inject] private ReserveQueries Reserves { get; set; } = default!;

    [SupplyParameterFromQuery] public string? Shocks { get; set; }
    [SupplyParameterFromQuery] public string? Path { get; set; }
    [SupplyParameterFromQuery] public string? Hours { get; set; }
    [SupplyParameterFromQuery] public string? Liquidity { get; set; }
    [SupplyParameterFromQuery] public string? AtBlock { get; set; }
    [SupplyParameterFromQuery] public string? ReplayFrom { get; set; }
    [SupplyParameterFromQuery] public string? ReplayTo { get; set; }
    [SupplyParameterFromQuery] public string? ChainId { get; set; }
    /// <summary>The pool whose heatmap is shown; default the first shocked underlying.</summary>
    [SupplyParameterFromQuery] public string? Heat { get; set; }

    protected override async Task LoadAsync()
    {
        (_problem, _report, _heatmap) = (null, null, null);
        var pools = await Reserves.PoolsAsync();
        // With several chains the page answers for one: the query's, else the first (the API asks for chainId instead).
        if (string.IsNullOrWhiteSpace(ChainId) && pools.Select(p => p.ChainId).Distinct().Count() > 1)
            ChainId = pools[0].ChainId.ToString(CultureInfo.InvariantCulture);
        // An empty form asks the page's standing question: a 30% gap in the chain's first underlying.
        if (new[] { Shocks, Path, ReplayFrom, ReplayTo }.All(string.IsNullOrWhiteSpace)
            && pools.FirstOrDefault(p => string.IsNullOrWhiteSpace(ChainId) || p.ChainId.ToString(CultureInfo.InvariantCulture) == ChainId) is { } first)
            Shocks = first.Underlying + ":-30";
        if (!StressRequestText.TryParse(Shocks, Path, Hours, Liquidity, AtBlock, ReplayFrom, ReplayTo, ChainId, out var request, out var error))
        {
            Fail(400, error!);
            return;
        }
        var (report, failure, notFound) = await Stress.RunAsync(request!);
        if (report is null)
        {
            Fail(notFound ? 404 : 400, failure!);
            return;
        }
        _report = report;
        var start = report.Run.Start;
        _leverage = report.Run.Tokens.Select((t, i) => new ChartLine(t.Symbol, "leverage", Palette[i % Palette.Length],
            [(Times.FromHour(start.Hour), Wad.ToDouble(t.LeverageBefore)), .. t.Path.Select(p => (Times.FromHour(p.Hour), Wad.ToDouble(p.Leverage)))])).ToList();
        var band = start.Tokens.FirstOrDefault();
        _band = band is null ? [] : [new ChartRegion("Band", Wad.ToDouble(band.MinLeverage), Wad.ToDouble(band.MaxLeverage), "#43a047")];
        _utilization = report.Run.Pools.Select((p, i) => new ChartLine(p.Underlying, "utilizationBps", Palette[i % Palette.Length],
            [(Times.FromHour(start.Hour), Percent(p.UtilizationBpsBefore)), .. p.Path.Select(h => (Times.FromHour(h.Hour), Percent(h.UtilizationBps)))])).ToList();
        var heat = Heat ?? Shocks?.Split(':')[0].Trim().ToUpperInvariant() ?? start.Pools[0].Underlying;
        if (start.Pools.Any(p => p.Underlying == heat)) _heatmap = StressService.Heatmap(start, heat, report.Run.Scenario.Hours);
    }

    /// <summary>The API's answer for this result as a file: the same inputs, pinned to the block shown, so it reproduces this page.</summary>
    private string ExportHref(StressFormat format) => QueryHelpers.AddQueryString("/api/v1/stress", new Dictionary<string, string?>
    {
        ["shocks"] = Shocks, ["path"] = Path, ["replayFrom"] = ReplayFrom, ["replayTo"] = ReplayTo, ["hours"] = Hours, ["liquidity"] = Liquidity,
        ["atBlock"] = _report!.Run.Start.AtBlock.ToString(CultureInfo.InvariantCulture), ["format"] = format.ToString().ToLowerInvariant(),
    }.Where(p => !string.IsNullOrWhiteSpace(p.Value)));

    private void Fail(int status, string message)
    {
        _problem = (status, message);
        SetStatus(status);
    }

    private static double Percent(System.Numerics.BigInteger bps) => Math.Min(UtilizationCapPercent, Wad.ToDouble(bps, 2));

    private static string RunwayText(ReserveRunway runway) =>
        double.IsFinite(runway.Hours) ? runway.Hours.ToString("0.0", CultureInfo.InvariantCulture) + " h" : "no draws";

    /// <summary>Red when the floor comes within hours, amber within the scenario's span, green when it never does.</summary>
    private static string HeatColour(int? hours, int span) => hours switch
    {
        null => "#c8e6c9",
        <= 3 => "#e57373",
        var h when h <= span / 2 => "#ffb74d",
        _ => "#fff176",
    };
}
