namespace LeveragedTokens.Dashboard.Web.Api;

public sealed record StressDto(
    long AtBlock, long Hour, DateTime StartTime, StressScenarioDto Scenario, IReadOnlyList<StressTokenDto> Tokens, IReadOnlyList<StressPoolDto> Pools);

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
/// <param name="RunwayHoursBefore">The reserve page's runway (buffer over the trailing day's draws); null when nothing was drawn.</param>
public sealed record StressPoolDto(
    string Underlying, int FloorBps, ExactValue UtilizationBefore, ExactValue UtilizationAfter, ExactValue BufferDepthBefore,
    ExactValue BufferDepthAfter, ExactValue ReserveDraw, bool SuspendedBefore, bool Suspends, long? SuspendedAtHour, DateTime? SuspendedAt,
    int? HoursToFloor, long? ResumedAtHour, double? RunwayHoursBefore, double? RunwayHoursAfter, StressSlippageDto SlippageModel,
    IReadOnlyList<StressPoolHourDto> Path);

/// <param name="Depth">The fitted constant-product depth (quote a side); DepthUsed is it times the liquidity multiplier.</param>
public sealed record StressSlippageDto(ExactValue Depth, ExactValue DepthUsed, int Samples, double MedianError, double MaxError, double StatedError);

public sealed record StressPoolHourDto(
    long Hour, DateTime Time, ExactValue ReserveValue, ExactValue FloorValue, ExactValue UtilizationBps, ExactValue BufferDepth, bool Suspended);
