using System.Globalization;
using LeveragedTokens.Data;
using LeveragedTokens.Data.Entities;

namespace LeveragedTokens.Stress;

// The stress report as the API answers it, the CLI prints it and the exports carry it: one shape for all three, so a
// file or a command's output is the API's answer for the same inputs.

public sealed record StressDto(
    long ChainId, long AtBlock, long Hour, DateTime StartTime, StressScenarioDto Scenario, IReadOnlyList<StressTokenDto> Tokens, IReadOnlyList<StressPoolDto> Pools);

public sealed record StressScenarioDto(string Kind, string Description, int Hours, string Liquidity);

/// <param name="LossVsNoShock">NAV at the end minus NAV at the end of the same hours without the scenario's moves.</param>
public sealed record StressTokenDto(
    string Symbol, string Underlying, bool IsLong, ExactValue NavBefore, ExactValue LeverageBefore, ExactValue LeverageAfterShock,
    ExactValue NavAfter, ExactValue NavNoShock, ExactValue LossVsNoShock, ExactValue ReserveDraw,
    IReadOnlyList<StressRebalanceDto> Rebalances, IReadOnlyList<StressDeferralDto> Deferrals, IReadOnlyList<StressTokenHourDto> Path);

public sealed record StressRebalanceDto(
    long Hour, DateTime Time, string Trigger, string Direction, ExactValue Amount, ExactValue MarkPrice, ExactValue ExecutionPrice,
    ExactValue LeverageBefore, ExactValue LeverageAfter, ExactValue NavBefore, ExactValue NavAfter,
    ExactValue SlippageCost, ExactValue GasCost, ExactValue ReserveDraw);

public sealed record StressDeferralDto(long Hour, DateTime Time, string Reason, ExactValue Leverage, ExactValue MarkPrice);

public sealed record StressTokenHourDto(long Hour, DateTime Time, ExactValue Nav, ExactValue Leverage, ExactValue MarkPrice);

/// <param name="HoursToFloor">Hours until the reserve sits below its floor; null when it stays above for the whole scenario.</param>
/// <param name="RunwayHoursBefore">The reserve page's runway (buffer over the draws of the pool's runway window); null when nothing was drawn.</param>
/// <param name="RunwayWindowHours">That window: the staff setting RunwayWindowHours for the pool.</param>
public sealed record StressPoolDto(
    string Underlying, int FloorBps, ExactValue UtilizationBefore, ExactValue UtilizationAfter, ExactValue BufferDepthBefore,
    ExactValue BufferDepthAfter, ExactValue ReserveDraw, bool SuspendedBefore, bool Suspends, long? SuspendedAtHour, DateTime? SuspendedAt,
    int? HoursToFloor, long? ResumedAtHour, decimal RunwayWindowHours, double? RunwayHoursBefore, double? RunwayHoursAfter, StressSlippageDto SlippageModel,
    IReadOnlyList<StressPoolHourDto> Path);

/// <param name="Depth">The fitted constant-product depth (quote a side); DepthUsed is it times the liquidity multiplier.</param>
public sealed record StressSlippageDto(ExactValue Depth, ExactValue DepthUsed, int Samples, double MedianError, double MaxError, double StatedError);

public sealed record StressPoolHourDto(
    long Hour, DateTime Time, ExactValue ReserveValue, ExactValue FloorValue, ExactValue UtilizationBps, ExactValue BufferDepth, bool Suspended);

public static class StressDocument
{
    public static StressDto ToDto(this StressReport report)
    {
        var run = report.Run;
        return new StressDto(run.Start.ChainId, run.Start.AtBlock, run.Start.Hour, Time(run.Start.Hour),
            new StressScenarioDto(run.Scenario.Kind, run.Scenario.Description, run.Scenario.Hours, run.Scenario.Liquidity.ToString(CultureInfo.InvariantCulture)),
            run.Tokens.Select(t => new StressTokenDto(t.Symbol, t.Underlying, t.IsLong, ExactValue.Of(t.NavBefore), ExactValue.Of(t.LeverageBefore),
                ExactValue.Of(t.LeverageAfterShock), ExactValue.Of(t.NavAfter), ExactValue.Of(report.NavNoShock[t.Symbol]), ExactValue.Of(report.LossVsNoShock(t)),
                ExactValue.Of(t.ReserveDraw),
                t.Rebalances.Select(r => new StressRebalanceDto(r.Hour, Time(r.Hour), r.Trigger.ApiName(), RebalanceVocabulary.DirectionOf(r.IsBuy).ApiName(),
                    ExactValue.Of(r.Amount), ExactValue.Of(r.MarkPrice), ExactValue.Of(r.ExecutionPrice), ExactValue.Of(r.LeverageBefore), ExactValue.Of(r.LeverageAfter),
                    ExactValue.Of(r.NavBefore), ExactValue.Of(r.NavAfter), ExactValue.Of(r.SlippageCost), ExactValue.Of(r.GasCost), ExactValue.Of(r.ReserveDraw))).ToList(),
                t.Deferrals.Select(d => new StressDeferralDto(d.Hour, Time(d.Hour), d.Reason.ApiName(), ExactValue.Of(d.Leverage), ExactValue.Of(d.MarkPrice))).ToList(),
                t.Path.Select(p => new StressTokenHourDto(p.Hour, Time(p.Hour), ExactValue.Of(p.Nav), ExactValue.Of(p.Leverage), ExactValue.Of(p.MarkPrice))).ToList())).ToList(),
            run.Pools.Select(p => new StressPoolDto(p.Underlying, p.FloorBps, ExactValue.Of(p.UtilizationBpsBefore, 0),
                ExactValue.Of(p.Last?.UtilizationBps ?? p.UtilizationBpsBefore, 0), ExactValue.Of(p.BufferDepthBefore), ExactValue.Of(p.Last?.BufferDepth ?? p.BufferDepthBefore),
                ExactValue.Of(report.ReserveDraw(p)),
                p.SuspendedBefore, p.Suspends, p.SuspendedAtHour, p.SuspendedAtHour is { } s ? Time(s) : null, p.HoursToFloor, p.ResumedAtHour,
                p.RunwayBefore.WindowHours, Finite(p.RunwayBefore), Finite(report.RunwayAfter(p)),
                new StressSlippageDto(ExactValue.Of(p.Slippage.Depth), ExactValue.Of(p.DepthUsed), p.Slippage.Samples, p.Slippage.MedianError, p.Slippage.MaxError, p.Slippage.StatedError),
                p.Path.Select(h => new StressPoolHourDto(h.Hour, Time(h.Hour), ExactValue.Of(h.ReserveValue), ExactValue.Of(h.FloorValue),
                    ExactValue.Of(h.UtilizationBps, 0), ExactValue.Of(h.BufferDepth), h.Suspended)).ToList())).ToList());
    }

    /// <summary>The start of an hour (hours are unix seconds / 3600, as the events' hour fields).</summary>
    private static DateTime Time(long hour) => DateTime.UnixEpoch.AddHours(hour);

    /// <summary>Runway in hours, rounded to a tenth; null when nothing is drawn (infinite), as JSON has no infinity.</summary>
    private static double? Finite(ReserveRunway runway) => double.IsFinite(runway.Hours) ? Math.Round(runway.Hours, 1) : null;
}
