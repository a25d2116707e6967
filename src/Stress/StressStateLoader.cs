using System.Collections.Concurrent;
using LeveragedTokens.Data;
using LeveragedTokens.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LeveragedTokens.Stress;

/// <summary>
/// Rebuilds the protocol's state from the index at a block: the state after the last hourly tick at or before it
/// (the keeper publishes every NAV snapshot and pool metric at the end of its tick, so that state is complete).
/// </summary>
/// <param name="windows">The staff's runway windows; without staff settings (no Staff services), <see cref="ReserveRunway.DefaultWindowHours"/>.</param>
public sealed class StressStateLoader(IDbContextFactory<DashboardDbContext> factory, IRunwayWindows? windows = null)
{
    /// <summary>The slippage fit reads the trailing month of rebalances, at most this many per underlying.</summary>
    public const int FitDays = 30, FitMaxSamples = 500;

    // The state at a final block never changes, and every request for "now" asks for the same block until the
    // next one is final: the last state loaded at a final block, per chain, answers them without ~120 round trips.
    private readonly ConcurrentDictionary<long, StressState> _lastFinal = new();

    /// <summary>The chains with anything indexed, lowest id first.</summary>
    public async Task<IReadOnlyList<long>> IndexedChainsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.IndexerStates.AsNoTracking().Where(s => s.IndexedBlock >= 0).OrderBy(s => s.ChainId).Select(s => s.ChainId).ToListAsync(ct);
    }

    /// <summary>The latest final block (<see cref="Confirmations"/>) of the chain; null before any indexing.</summary>
    public async Task<long?> LatestFinalBlockAsync(long chainId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var state = await db.IndexerStates.AsNoTracking().SingleOrDefaultAsync(s => s.ChainId == chainId, ct);
        if (state is null || state.IndexedBlock < 0) return null;
        return Confirmations.FinalBlock(state.IndexedBlock, state.HeadBlock, state.Confirmations);
    }

    /// <summary>The state of the only indexed chain (a single-chain deployment); null before any indexing.</summary>
    /// <exception cref="InvalidOperationException">Several chains are indexed: say which.</exception>
    public async Task<StressState?> LoadAsync(long? atBlock = null, CancellationToken ct = default) => await IndexedChainsAsync(ct) switch
    {
        [] => null,
        [var only] => await LoadAsync(only, atBlock, ct),
        var chains => throw new InvalidOperationException($"Several chains are indexed ({string.Join(", ", chains)}): name one."),
    };

    /// <summary>The chain's state at <paramref name="atBlock"/> (default its latest final block); null when nothing was published by then.</summary>
    public async Task<StressState?> LoadAsync(long chainId, long? atBlock, CancellationToken ct = default)
    {
        if (await LatestFinalBlockAsync(chainId, ct) is not { } final) return null;
        var block = atBlock ?? final;
        var window = windows is null ? _ => ReserveRunway.DefaultWindowHours : await windows.RunwayWindowsAsync(chainId, ct);
        // A cached state stands until the next final block, or until staff change a pool's runway window.
        if (_lastFinal.TryGetValue(chainId, out var cached) && cached.AtBlock == block
            && cached.Pools.All(p => p.RunwayWindowHours == window(p.Address))) return cached;
        var state = await BuildAsync(chainId, block, window, ct);
        if (state is not null && block <= final) _lastFinal[chainId] = state;
        return state;
    }

    private async Task<StressState?> BuildAsync(long chainId, long block, Func<string, decimal> runwayWindow, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var hour = await db.ReserveMetrics.AsNoTracking().Where(m => m.ChainId == chainId && m.BlockNumber <= block)
            .MaxAsync(m => (long?)m.Hour, ct);
        if (hour is not { } h) return null;

        var pools = await db.ReservePools.AsNoTracking().Where(p => p.ChainId == chainId && p.BlockNumber <= block)
            .OrderBy(p => p.BlockNumber).ThenBy(p => p.LogIndex).ToListAsync(ct);
        var tokens = await db.Tokens.AsNoTracking().Where(t => t.ChainId == chainId && t.BlockNumber <= block)
            .OrderBy(t => t.BlockNumber).ThenBy(t => t.LogIndex).ToListAsync(ct);
        var newest = new List<Rebalance>();

        var poolStates = new List<PoolState>();
        foreach (var pool in pools)
        {
            var metrics = await db.ReserveMetrics.AsNoTracking()
                .Where(m => m.ChainId == chainId && m.PoolAddress == pool.Address && m.Hour == h && m.BlockNumber <= block)
                .OrderByDescending(m => m.BlockNumber).ThenByDescending(m => m.LogIndex).FirstOrDefaultAsync(ct);
            // A pool without this hour's tick (registered since, or no longer ticking) has no state to start from:
            // it is left out, with its tokens.
            if (metrics is null) continue;
            // Windows bounded by blocks (the pool's metrics at their first hour), so the (pool, block) indexes bound the scans.
            var weekBlock = await BlockAtHourAsync(db, chainId, pool.Address, h - 7 * 24, ct);
            var monthBlock = await BlockAtHourAsync(db, chainId, pool.Address, h - FitDays * 24, ct);
            var ledger = await db.PoolLedger.AsNoTracking().Where(e => e.ChainId == chainId && e.PoolAddress == pool.Address
                && e.BlockNumber > weekBlock && e.BlockNumber <= block).ToListAsync(ct);
            var suspension = await db.SuspensionEvents.AsNoTracking().Where(s => s.ChainId == chainId && s.PoolAddress == pool.Address && s.BlockNumber <= block)
                .OrderByDescending(s => s.BlockNumber).ThenByDescending(s => s.LogIndex).FirstOrDefaultAsync(ct);
            // Runway's draws as the reserve page counts them at this metrics row (ReserveRunway.WindowStart).
            var windowHours = runwayWindow(pool.Address);
            var windowStart = ReserveRunway.WindowStart(metrics.BlockTime, windowHours);
            var drawn = await db.PoolLedger.AsNoTracking().Where(e => e.ChainId == chainId && e.PoolAddress == pool.Address
                && e.Kind == LedgerEntryKind.ReserveDrawn && e.BlockTime > windowStart && e.BlockNumber <= metrics.BlockNumber)
                .Select(e => e.Value).ToListAsync(ct);
            var poolTokens = tokens.Where(t => t.PoolAddress == pool.Address).Select(t => t.Address).ToList();
            var trades = await db.Rebalances.AsNoTracking()
                .Where(r => r.ChainId == chainId && poolTokens.Contains(r.TokenAddress) && r.BlockNumber > monthBlock && r.BlockNumber <= block)
                .OrderByDescending(r => r.BlockNumber).ThenByDescending(r => r.LogIndex).Take(FitMaxSamples).ToListAsync(ct);
            newest.AddRange(trades.Take(1));
            poolStates.Add(new PoolState(pool.Underlying, pool.Address, pool.FloorBps, DrawShareBps(trades), metrics.ReserveBalance, metrics.MarkPrice,
                suspension?.IsSuspended ?? false,
                Sum(ledger.Where(e => e.Kind == LedgerEntryKind.FeesAllocated).Select(e => e.Amount)) / 7,
                Sum(drawn.Select(v => v ?? BigInteger.Zero)), windowHours,
                SlippageFit.Fit(trades.Select(r => (r.MarkPrice, r.ExecutionPrice, r.IsBuy, r.Amount, r.SlippageCost)).ToList())));
        }

        var tokenStates = new List<TokenState>();
        foreach (var token in tokens)
        {
            var pool = poolStates.FirstOrDefault(p => p.Address == token.PoolAddress);
            var snapshot = pool is null ? null : await db.NavSnapshots.AsNoTracking()
                .Where(n => n.ChainId == chainId && n.TokenAddress == token.Address && n.Hour == h && n.BlockNumber <= block)
                .OrderByDescending(n => n.BlockNumber).ThenByDescending(n => n.LogIndex).FirstOrDefaultAsync(ct);
            if (snapshot is null) continue;
            var last = await db.Rebalances.AsNoTracking().Where(r => r.ChainId == chainId && r.TokenAddress == token.Address && r.BlockNumber <= block)
                .OrderByDescending(r => r.BlockNumber).Select(r => (DateTime?)r.BlockTime).FirstOrDefaultAsync(ct)
                // Never rebalanced: the fallback clock started at the opening mint, the tick of the first snapshot.
                ?? await db.NavSnapshots.AsNoTracking().Where(n => n.ChainId == chainId && n.TokenAddress == token.Address)
                    .OrderBy(n => n.Hour).Select(n => n.BlockTime).FirstAsync(ct);
            tokenStates.Add(Rebuild(token, pool!.Underlying, snapshot, new DateTimeOffset(DateTime.SpecifyKind(last, DateTimeKind.Utc)).ToUnixTimeSeconds()));
        }

        var gas = newest.MaxBy(r => (r.BlockNumber, r.LogIndex));
        var ethPool = pools.FirstOrDefault(p => p.Underlying == "ETH")?.Address;
        var ethGas = newest.FirstOrDefault(r => tokens.Any(t => t.Address == r.TokenAddress && t.PoolAddress == ethPool));
        return new StressState(chainId, block, h, tokenStates, poolStates,
            ethGas is null ? null : ethGas.GasCost * Wad.One / ethGas.MarkPrice, gas?.GasCost ?? BigInteger.Zero);
    }

    /// <summary>The block of the pool's tick at <paramref name="hour"/> (or the newest before it); -1 before its first.</summary>
    private static async Task<long> BlockAtHourAsync(DashboardDbContext db, long chainId, string pool, long hour, CancellationToken ct) =>
        await db.ReserveMetrics.AsNoTracking().Where(m => m.ChainId == chainId && m.PoolAddress == pool && m.Hour <= hour)
            .OrderByDescending(m => m.Hour).Select(m => (long?)m.BlockNumber).FirstOrDefaultAsync(ct) ?? -1;

    /// <summary>equity = NAV × supply, exposure = ±leverage × equity / mark, cash = equity − exposure × mark.</summary>
    public static TokenState Rebuild(LeveragedToken token, string underlying, NavSnapshot snapshot, long lastRebalanceAt)
    {
        var equity = snapshot.Nav * snapshot.TotalSupply / Wad.One;
        var size = snapshot.Leverage * equity / Wad.One * Wad.One / snapshot.MarkPrice;
        var exposure = token.IsLong ? size : -size;
        return new TokenState(token.Symbol, token.Address, underlying, token.IsLong, token.TargetLeverage, token.MinLeverage, token.MaxLeverage,
            token.FallbackIntervalSeconds, exposure, equity - StressEngine.ValueAt(exposure, snapshot.MarkPrice), snapshot.TotalSupply, lastRebalanceAt);
    }

    /// <summary>The reserve's share of costs, read off the latest rebalance it paid for (drawValue = cost × bps / 10000, rounded down).</summary>
    private static int DrawShareBps(IEnumerable<Rebalance> newestFirst)
    {
        var paid = newestFirst.FirstOrDefault(r => r.ReserveDraw > 0);
        if (paid is null) return 0;
        var cost = paid.SlippageCost + paid.GasCost;
        return (int)((paid.ReserveDraw * 10_000 + cost - 1) / cost);
    }

    private static BigInteger Sum(IEnumerable<BigInteger> values) => values.Aggregate(BigInteger.Zero, (s, v) => s + v);
}
