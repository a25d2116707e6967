using System.Globalization;
using LeveragedTokens.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LeveragedTokens.Stress;

/// <summary>A stress question as the API, the page and the CLI ask it.</summary>
/// <param name="ChainId">The chain; may be left out while only one chain is indexed.</param>
public sealed record StressRequest(long? AtBlock, string? Shocks, string? Path, long? ReplayFrom, long? ReplayTo, int? Hours, decimal Liquidity = 1,
    long? ChainId = null);

/// <summary>A run and, per token, its NAV at the end of the same hours without any price move.</summary>
public sealed record StressReport(StressRun Run, IReadOnlyDictionary<string, BigInteger> NavNoShock)
{
    /// <summary>NAV at the end minus NAV at the end of the no-shock run (negative: a loss), per token.</summary>
    public BigInteger LossVsNoShock(TokenOutcome token) => token.NavAfter - NavNoShock[token.Symbol];

    /// <summary>Quote value the pool paid for rebalances over the scenario.</summary>
    public BigInteger ReserveDraw(PoolOutcome pool) =>
        Run.Tokens.Where(t => t.Underlying == pool.Underlying).Aggregate(BigInteger.Zero, (s, t) => s + t.ReserveDraw);

    /// <summary>Runway after it: the final buffer over the draws of the pool's runway window ending with the scenario (all of it when shorter).</summary>
    public ReserveRunway RunwayAfter(PoolOutcome pool)
    {
        var window = Math.Min(pool.RunwayBefore.WindowHours, Run.Scenario.Hours);
        var since = Run.Start.Hour + Run.Scenario.Hours - window;
        var drawn = Run.Tokens.Where(t => t.Underlying == pool.Underlying).SelectMany(t => t.Rebalances)
            .Where(r => r.Hour > since).Aggregate(BigInteger.Zero, (s, r) => s + r.ReserveDraw);
        return new ReserveRunway(pool.Last?.BufferDepth ?? pool.BufferDepthBefore, drawn, window);
    }
}

/// <summary>Hours to floor of one pool for a grid of instant shocks × liquidity multipliers (null: stays above its floor).</summary>
public sealed record StressHeatmap(string Underlying, long AtBlock, int Hours, IReadOnlyList<decimal> Shocks, IReadOnlyList<decimal> Liquidities, int?[,] HoursToFloor);

/// <summary>The stress engine's front door: loads the indexed state, builds the scenario, runs it and its no-shock baseline.</summary>
public sealed class StressService(StressStateLoader states, ReplayLoader replays)
{
    public static readonly decimal[] HeatmapShocks = [-50, -40, -30, -20, -10, 0, 10, 20, 30, 40, 50];
    public static readonly decimal[] HeatmapLiquidities = [0.25m, 0.5m, 1, 2, 4];

    /// <summary>The report, or why not: <c>NotFound</c> when nothing is indexed at that block, else a bad request.</summary>
    public async Task<(StressReport? Report, string? Error, bool NotFound)> RunAsync(StressRequest request, CancellationToken ct = default)
    {
        var chains = await states.IndexedChainsAsync(ct);
        long chainId;
        if (request.ChainId is { } asked)
        {
            if (!chains.Contains(asked)) return (null, $"Chain {asked} is not indexed.", true);
            chainId = asked;
        }
        else if (chains is [var only]) chainId = only;
        else if (chains.Count == 0) return (null, "Nothing is indexed yet.", true);
        else return (null, $"Several chains are indexed ({string.Join(", ", chains)}): give 'chainId'.", false);

        var state = await states.LoadAsync(chainId, request.AtBlock, ct);
        if (state is null) return (null, request.AtBlock is { } b ? $"Nothing is indexed at or before block {b}." : "Nothing is indexed yet.", true);
        var (scenario, error) = await ScenarioAsync(state, request, ct);
        if (scenario is null) return (null, error, false);
        return (Report(state, scenario), null, false);
    }

    public static StressReport Report(StressState state, Scenario scenario)
    {
        var run = StressEngine.Run(state, scenario);
        var baseline = StressEngine.Run(state, scenario.Baseline());
        return new StressReport(run, baseline.Tokens.ToDictionary(t => t.Symbol, t => t.NavAfter));
    }

    /// <summary>A token's holder hints at its chain's latest final block; null when the token has no indexed state.</summary>
    public async Task<HolderHints?> HintsAsync(long chainId, string symbol, CancellationToken ct = default) =>
        await states.LoadAsync(chainId, null, ct) is { } state && state.Tokens.Any(t => t.Symbol == symbol) ? HolderHints.For(state, symbol) : null;

    public static StressHeatmap Heatmap(StressState state, string underlying, int hours)
    {
        var cells = new int?[HeatmapShocks.Length, HeatmapLiquidities.Length];
        var underlyings = state.Pools.Select(p => p.Underlying).ToList();
        for (var i = 0; i < HeatmapShocks.Length; i++)
        for (var j = 0; j < HeatmapLiquidities.Length; j++)
        {
            var shock = $"{underlying}:{HeatmapShocks[i].ToString(CultureInfo.InvariantCulture)}";
            var scenario = ScenarioText.TryBuild(shock, null, hours, HeatmapLiquidities[j], underlyings, out _)!;
            cells[i, j] = StressEngine.Run(state, scenario).Pools.Single(p => p.Underlying == underlying).HoursToFloor;
        }
        return new StressHeatmap(underlying, state.AtBlock, hours, HeatmapShocks, HeatmapLiquidities, cells);
    }

    private async Task<(Scenario?, string?)> ScenarioAsync(StressState state, StressRequest request, CancellationToken ct)
    {
        if (request.ReplayFrom is null && request.ReplayTo is null)
        {
            var scenario = ScenarioText.TryBuild(request.Shocks, request.Path, request.Hours, request.Liquidity, state.Pools.Select(p => p.Underlying).ToList(), out var error);
            return (scenario, error);
        }
        if (request.Shocks is not null || request.Path is not null) return (null, "Give exactly one of 'shocks', 'path' or 'replayFrom'/'replayTo'.");
        if (request.ReplayFrom is not { } from || request.ReplayTo is not { } to || from < 0 || to <= from)
            return (null, "'replayFrom' and 'replayTo' must both be blocks, with replayFrom before replayTo.");
        if (request.Liquidity is <= 0 or > 100) return (null, "'liquidity' must be above 0 and at most 100.");
        var replay = await replays.LoadAsync(state.ChainId, from, to, request.Liquidity, ct: ct);
        if (replay is null) return (null, $"No indexed hour between blocks {from} and {to}.");
        return replay.Hours > Scenario.MaxHours ? (null, $"The replay window spans {replay.Hours} hours; at most {Scenario.MaxHours}.") : (replay, null);
    }
}

public static class StressServiceExtensions
{
    /// <summary>Once per host however many modules ask (the web app and the staff alerts both do): one state cache.</summary>
    public static IServiceCollection AddStress(this IServiceCollection services)
    {
        services.TryAddSingleton<StressStateLoader>();
        services.TryAddSingleton<ReplayLoader>();
        services.TryAddSingleton<StressService>();
        return services;
    }
}
