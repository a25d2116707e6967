using LeveragedTokens.Data;
using LeveragedTokens.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LeveragedTokens.Stress;

/// <summary>An indexed window as a scenario: each underlying's hourly marks relative to the window's first hour.</summary>
public sealed class ReplayLoader(IDbContextFactory<DashboardDbContext> factory)
{
    /// <summary>
    /// The hours after the last tick at or before <paramref name="fromBlock"/> up to the last at or before
    /// <paramref name="toBlock"/>; null when the window holds no hour. <paramref name="withHistory"/> also carries
    /// the window's mints, redemptions, fees, capital, tick times and gas (for checking the engine against history).
    /// </summary>
    public async Task<Scenario?> LoadAsync(long chainId, long fromBlock, long toBlock, decimal liquidity = 1, bool withHistory = false, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var metrics = await db.ReserveMetrics.AsNoTracking()
            .Where(m => m.ChainId == chainId && m.BlockNumber <= toBlock)
            .Where(m => m.Hour >= db.ReserveMetrics.Where(f => f.ChainId == chainId && f.BlockNumber <= fromBlock).Max(f => f.Hour))
            .OrderBy(m => m.Hour).ToListAsync(ct);
        if (metrics.Count == 0) return null;
        var firstHour = metrics[0].Hour;
        var hours = (int)(metrics[^1].Hour - firstHour);
        if (hours == 0) return null;
        var pools = await db.ReservePools.AsNoTracking().Where(p => p.ChainId == chainId).ToListAsync(ct);
        var paths = new Dictionary<string, PricePath>();
        foreach (var pool in pools)
        {
            var marks = metrics.Where(m => m.PoolAddress == pool.Address).ToDictionary(m => m.Hour, m => m.MarkPrice);
            if (!marks.TryGetValue(firstHour, out var first)) continue;
            var numerators = new List<BigInteger>(hours);
            var last = first;
            for (var hour = firstHour + 1; hour <= firstHour + hours; hour++) numerators.Add(last = marks.GetValueOrDefault(hour, last));
            paths[pool.Underlying] = new PricePath(numerators, first);
        }
        var description = $"replay of hours {Times(firstHour)} to {Times(firstHour + hours)} (blocks {fromBlock}-{toBlock})";
        return new Scenario("replay", description, hours, paths, liquidity, withHistory ? await HistoryAsync(db, chainId, firstHour, hours, toBlock, ct) : null);
    }

    private static async Task<ReplayedHistory> HistoryAsync(DashboardDbContext db, long chainId, long firstHour, int hours, long toBlock, CancellationToken ct)
    {
        var snapshots = await db.NavSnapshots.AsNoTracking()
            .Where(n => n.ChainId == chainId && n.Hour > firstHour && n.Hour <= firstHour + hours && n.BlockNumber <= toBlock)
            .Select(n => new { n.TokenAddress, n.Hour, n.TotalSupply }).ToListAsync(ct);
        var from = DateTime.UnixEpoch.AddHours(firstHour + 1);
        var inflows = await db.PoolLedger.AsNoTracking()
            .Where(e => e.ChainId == chainId && e.Kind != LedgerEntryKind.ReserveDrawn && e.BlockTime >= from && e.BlockNumber <= toBlock)
            .Select(e => new { e.PoolAddress, e.BlockTime, e.Amount }).ToListAsync(ct);
        var ticks = await db.ReserveMetrics.AsNoTracking()
            .Where(m => m.ChainId == chainId && m.Hour > firstHour && m.Hour <= firstHour + hours && m.BlockNumber <= toBlock)
            .Select(m => new { m.Hour, m.BlockTime }).Distinct().ToListAsync(ct);
        var gas = await db.Rebalances.AsNoTracking()
            .Where(r => r.ChainId == chainId && r.BlockTime >= from && r.BlockNumber <= toBlock)
            .Select(r => new { r.BlockTime, r.GasCost }).ToListAsync(ct);
        return new ReplayedHistory(
            snapshots.GroupBy(s => s.TokenAddress).ToDictionary(g => g.Key,
                g => (IReadOnlyDictionary<long, BigInteger>)g.ToDictionary(s => s.Hour, s => s.TotalSupply)),
            inflows.GroupBy(e => e.PoolAddress).ToDictionary(g => g.Key,
                g => (IReadOnlyDictionary<long, BigInteger>)g.GroupBy(e => (long)(e.BlockTime - DateTime.UnixEpoch).TotalHours)
                    .ToDictionary(h => h.Key, h => h.Aggregate(BigInteger.Zero, (s, e) => s + e.Amount))),
            ticks.ToDictionary(t => t.Hour, t => UnixSeconds(t.BlockTime)),
            gas.GroupBy(r => UnixSeconds(r.BlockTime) / 3600).ToDictionary(g => g.Key, g => g.First().GasCost));
    }

    private static long UnixSeconds(DateTime time) => (long)(time - DateTime.UnixEpoch).TotalSeconds;

    private static string Times(long hour) => DateTime.UnixEpoch.AddHours(hour).ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
