using System.Numerics;
using LeveragedTokens.Protocol;
using LeveragedTokens.Protocol.Chain;
using LeveragedTokens.Protocol.Deployment;
using LeveragedTokens.Protocol.Functions;
using LeveragedTokens.Simulator.Market;

namespace LeveragedTokens.Simulator.Keeper;

/// <summary>Plays the keeper one hour at a time: one `tick` transaction per hour, mined at the
/// top of that hour, carrying prices, flows, reserve top-ups and (daily) fee allocation; the
/// registry then rebalances what the rules allow and publishes snapshots and metrics.</summary>
public sealed class HourlyKeeper(
    ChainSession session, DeployedProtocol protocol, PriceModel prices, FlowModel flows,
    ReserveBackers backers, StressEpisode stress, int seed)
{
    private const int FeeAllocationHourOfDay = 12;
    /// <summary>A squeeze leaves a third of the usual spot liquidity.</summary>
    private const int StressDepthDivisor = 3;

    private readonly Random _gasRandom = new(seed);
    private double _gasGwei = 20;
    private BigInteger? _currentDepth;

    public ObservedState Seen { get; } = new();
    public IReadOnlyList<decimal> LastPrices { get; private set; } = [];
    public MarketRegime Regime => prices.Regime;

    /// <param name="opening">The first hour of a deployment: open every token and fund the reserves.</param>
    public async Task PlayHourAsync(long hour, bool opening)
    {
        LastPrices = prices.Step(hour);
        await AdjustStressLiquidityAsync(hour);
        var hourFlows = opening ? flows.Opening() : flows.ForHour(hour, Seen);
        var injections = opening ? backers.Opening(hourFlows, LastPrices) : await backers.ForHourAsync(hour, Seen);
        var tick = new TickFunction
        {
            Prices = LastPrices.Select(Wad.From).ToList(),
            GasPriceWei = NextGasPrice(),
            Flows = hourFlows,
            Injections = injections,
            AllocateFees = hour % 24 == FeeAllocationHourOfDay,
        };
        var receipt = await session.SendAsync(protocol.Registry, tick, (ulong)hour * 3600);
        Seen.Absorb(receipt, hour);
    }

    /// <summary>Thins the stressed pool's spot liquidity while the stress lasts and restores it
    /// after; checked against the chain once, so a continuation repairs a run cut mid-stress.</summary>
    private async Task AdjustStressLiquidityAsync(long hour)
    {
        var pool = protocol.Pools.SingleOrDefault(p => p.Underlying == stress.Underlying);
        var normal = ProtocolSpec.Default.Pools.SingleOrDefault(p => p.Underlying == stress.Underlying)?.SpotDepth;
        if (pool is null || normal is null) return;
        _currentDepth ??= await session.CallAsync<DepthFunction, BigInteger>(pool.SpotPool);
        var wanted = stress.IsActive(hour) ? normal.Value / StressDepthDivisor : normal.Value;
        if (wanted == _currentDepth) return;
        await session.SendAsync(protocol.Registry, new SetSpotDepthFunction { Pool = pool.Address, Depth = wanted }, (ulong)hour * 3600);
        _currentDepth = wanted;
    }

    /// <summary>A bounded random walk in gwei: rebalance gas costs move, as on a real chain.</summary>
    private BigInteger NextGasPrice()
    {
        _gasGwei = Math.Clamp(_gasGwei * Math.Exp(0.15 * (_gasRandom.NextDouble() - 0.5)), 5, 80);
        return (BigInteger)Math.Round(_gasGwei * 1000) * 1_000_000;
    }
}
