using LeveragedTokens.Data;
using LeveragedTokens.Data.Entities;

namespace LeveragedTokens.Stress;

/// <summary>One rebalance the engine made, with the fields of the protocol's Rebalanced event it would emit.</summary>
public sealed record StressRebalance(
    long Hour, RebalanceTrigger Trigger, bool IsBuy, BigInteger Amount, BigInteger MarkPrice, BigInteger ExecutionPrice,
    BigInteger LeverageBefore, BigInteger LeverageAfter, BigInteger NavBefore, BigInteger NavAfter,
    BigInteger SlippageCost, BigInteger GasCost, BigInteger ReserveDraw);

public sealed record StressDeferral(long Hour, DeferralReason Reason, BigInteger Leverage, BigInteger MarkPrice);

/// <summary>A token's NAV and leverage at the end of an hour, as its NavSnapshot would publish them.</summary>
public sealed record TokenHour(long Hour, BigInteger Nav, BigInteger Leverage, BigInteger MarkPrice);

/// <summary>A pool at the end of an hour, as its ReserveMetricsPublished would publish it.</summary>
public sealed record PoolHour(long Hour, BigInteger ReserveBalance, BigInteger MarkPrice, BigInteger ReserveValue,
    BigInteger FloorValue, BigInteger UtilizationBps, BigInteger BufferDepth, bool Suspended);

public sealed record TokenOutcome(
    string Symbol, string Underlying, bool IsLong, BigInteger NavBefore, BigInteger LeverageBefore, BigInteger LeverageAfterShock,
    IReadOnlyList<StressRebalance> Rebalances, IReadOnlyList<StressDeferral> Deferrals, IReadOnlyList<TokenHour> Path)
{
    public BigInteger NavAfter => Path.Count > 0 ? Path[^1].Nav : NavBefore;
    public BigInteger ReserveDraw => Rebalances.Aggregate(BigInteger.Zero, (sum, r) => sum + r.ReserveDraw);
}

/// <param name="HoursToFloor">Hours until the reserve's value first sits below its floor; null if it stays above.</param>
/// <param name="SuspendedAtHour">The hour the pool suspends rebalancing; null if it does not (or already was).</param>
/// <param name="RunwayBefore">The reserve page's runway at the start: the buffer over the draws of the pool's runway window.</param>
public sealed record PoolOutcome(
    string Underlying, int FloorBps, BigInteger UtilizationBpsBefore, BigInteger BufferDepthBefore, bool SuspendedBefore,
    ReserveRunway RunwayBefore, int? HoursToFloor, long? SuspendedAtHour, long? ResumedAtHour, IReadOnlyList<PoolHour> Path,
    SlippageFit Slippage, BigInteger DepthUsed)
{
    public PoolHour? Last => Path.Count > 0 ? Path[^1] : null;
    public bool Suspends => SuspendedAtHour is not null;
}

public sealed record StressRun(StressState Start, Scenario Scenario, IReadOnlyList<TokenOutcome> Tokens, IReadOnlyList<PoolOutcome> Pools);
