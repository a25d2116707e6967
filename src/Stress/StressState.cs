using LeveragedTokens.Data;

namespace LeveragedTokens.Stress;

/// <summary>
/// A token as the contract holds it: signed <c>Exposure</c> in underlying and <c>Cash</c> in quote, so
/// equity = cash + exposure * mark (LeveragedToken.sol). Rebuilt from the indexed NAV snapshot, which
/// rounds NAV and leverage down to the wei: the rebuilt equity is within a few wei of the chain's.
/// </summary>
public sealed record TokenState(
    string Symbol, string Address, string Underlying, bool IsLong,
    BigInteger TargetLeverage, BigInteger MinLeverage, BigInteger MaxLeverage, long FallbackIntervalSeconds,
    BigInteger Exposure, BigInteger Cash, BigInteger TotalSupply, long LastRebalanceAt);

/// <summary>A reserve pool at the starting block, with the figures the engine's models were fitted to.</summary>
/// <param name="DrawShareBps">Share of a rebalance's costs the reserve pays, read off its indexed draws.</param>
/// <param name="FeesPerDay">Average daily fee allocation of the trailing week, in underlying.</param>
/// <param name="DrawnInWindow">Quote value drawn in the runway window before the start (<see cref="ReserveRunway"/>'s rule).</param>
/// <param name="RunwayWindowHours">The pool's runway window: the staff setting RunwayWindowHours, as the reserve page and alerts use it.</param>
public sealed record PoolState(
    string Underlying, string Address, int FloorBps, int DrawShareBps, BigInteger ReserveBalance, BigInteger MarkPrice,
    bool Suspended, BigInteger FeesPerDay, BigInteger DrawnInWindow, decimal RunwayWindowHours, SlippageFit Slippage);

/// <summary>Everything indexed at <c>AtBlock</c>: the state after the hourly tick of <c>Hour</c>.</summary>
/// <param name="GasCostEth">ETH one rebalance burns, from the latest indexed gas cost; null without an ETH pool.</param>
/// <param name="GasCost">The latest indexed gas cost in quote, used as is when there is no ETH price to scale it by.</param>
public sealed record StressState(
    long ChainId, long AtBlock, long Hour, IReadOnlyList<TokenState> Tokens, IReadOnlyList<PoolState> Pools,
    BigInteger? GasCostEth, BigInteger GasCost)
{
    public PoolState Pool(string underlying) => Pools.Single(p => p.Underlying == underlying);
}
