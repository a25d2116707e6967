using System.Globalization;
using LeveragedTokens.Dashboard.Web.Formatting;
using LeveragedTokens.Data;
using LeveragedTokens.Data.Entities;
using LeveragedTokens.Stress;

namespace LeveragedTokens.Dashboard.Web.Api;

/// <summary>GET /api/v1/stress: what a price shock, path or replayed window would do to every token and reserve.</summary>
internal static class StressApi
{
    public static RouteGroupBuilder MapStressApi(this RouteGroupBuilder api)
    {
        api.MapGet("/stress", RunAsync).WithTags("Stress").Produces<StressDto>()
            .WithSummary("Stress scenario from the indexed state at a block")
            .WithDescription("shocks=BTC:-30,ETH:+10 (instant, percent) or path=BTC:-2x24 (hourly moves) or replayFrom=&replayTo= (blocks); " +
                             "hours (1-720, default 24), liquidity (multiplier of the fitted spot depth, default 1), atBlock (default the latest final block).");
        return api;
    }

    private static async Task<IResult> RunAsync(string? shocks, string? path, string? hours, string? liquidity, string? atBlock,
        string? replayFrom, string? replayTo, StressService stress, CancellationToken ct)
    {
        if (!ApiParameters.TryStressRequest(shocks, path, hours, liquidity, atBlock, replayFrom, replayTo, out var request, out var error)) return ApiMapping.BadRequest(error!);
        var (report, failure, notFound) = await stress.RunAsync(request!, ct);
        if (report is null) return notFound ? ApiMapping.NotFound(failure!) : ApiMapping.BadRequest(failure!);
        return TypedResults.Ok(report.ToDto());
    }

    public static StressDto ToDto(this StressReport report)
    {
        var run = report.Run;
        return new StressDto(run.Start.AtBlock, run.Start.Hour, Times.FromHour(run.Start.Hour),
            new StressScenarioDto(run.Scenario.Kind, run.Scenario.Description, run.Scenario.Hours, run.Scenario.Liquidity.ToString(CultureInfo.InvariantCulture)),
            run.Tokens.Select(t => new StressTokenDto(t.Symbol, t.Underlying, t.IsLong, ExactValue.Of(t.NavBefore), ExactValue.Of(t.LeverageBefore),
                ExactValue.Of(t.LeverageAfterShock), ExactValue.Of(t.NavAfter), ExactValue.Of(report.NavNoShock[t.Symbol]), ExactValue.Of(report.LossVsNoShock(t)),
                ExactValue.Of(t.ReserveDraw),
                t.Rebalances.Select(r => new StressRebalanceDto(r.Hour, Times.FromHour(r.Hour), r.Trigger.ApiName(), RebalanceVocabulary.DirectionOf(r.IsBuy).ApiName(),
                    ExactValue.Of(r.Amount), ExactValue.Of(r.MarkPrice), ExactValue.Of(r.ExecutionPrice), ExactValue.Of(r.LeverageBefore), ExactValue.Of(r.LeverageAfter),
                    ExactValue.Of(r.NavBefore), ExactValue.Of(r.NavAfter), ExactValue.Of(r.SlippageCost), ExactValue.Of(r.GasCost), ExactValue.Of(r.ReserveDraw))).ToList(),
                t.Deferrals.Select(d => new StressDeferralDto(d.Hour, Times.FromHour(d.Hour), d.Reason.ApiName(), ExactValue.Of(d.Leverage), ExactValue.Of(d.MarkPrice))).ToList(),
                t.Path.Select(p => new StressTokenHourDto(p.Hour, Times.FromHour(p.Hour), ExactValue.Of(p.Nav), ExactValue.Of(p.Leverage), ExactValue.Of(p.MarkPrice))).ToList())).ToList(),
            run.Pools.Select(p => new StressPoolDto(p.Underlying, p.FloorBps, ExactValue.Of(p.UtilizationBpsBefore, 0),
                ExactValue.Of(p.Last?.UtilizationBps ?? p.UtilizationBpsBefore, 0), ExactValue.Of(p.BufferDepthBefore), ExactValue.Of(p.Last?.BufferDepth ?? p.BufferDepthBefore),
                ExactValue.Of(report.ReserveDraw(p)),
                p.SuspendedBefore, p.Suspends, p.SuspendedAtHour, p.SuspendedAtHour is { } s ? Times.FromHour(s) : null, p.HoursToFloor, p.ResumedAtHour,
                Finite(StressReport.RunwayBefore(p)), Finite(report.RunwayAfter(p)),
                new StressSlippageDto(ExactValue.Of(p.Slippage.Depth), ExactValue.Of(p.DepthUsed), p.Slippage.Samples, p.Slippage.MedianError, p.Slippage.MaxError, p.Slippage.StatedError),
                p.Path.Select(h => new StressPoolHourDto(h.Hour, Times.FromHour(h.Hour), ExactValue.Of(h.ReserveValue), ExactValue.Of(h.FloorValue),
                    ExactValue.Of(h.UtilizationBps, 0), ExactValue.Of(h.BufferDepth), h.Suspended)).ToList())).ToList());
    }

    /// <summary>Runway in hours, rounded to a tenth; null when nothing is drawn (infinite), as JSON has no infinity.</summary>
    private static double? Finite(ReserveRunway runway) => double.IsFinite(runway.Hours) ? Math.Round(runway.Hours, 1) : null;
}
