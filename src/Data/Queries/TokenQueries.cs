using System.Numerics;
using Microsoft.EntityFrameworkCore;

namespace LeveragedTokens.Data.Queries;

/// <summary>Tokens, their parameters and the overview figures. Reads only.</summary>
public sealed class TokenQueries(IDbContextFactory<DashboardDbContext> factory)
{
    /// <summary>Utilization from which a pool counts as near its floor (80%).</summary>
    public const int NearFloorBps = 8000;

    public async Task<IReadOnlyList<TokenInfo>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var tokens = await Project(db, db.Tokens).ToListAsync(ct);
        return [.. tokens.OrderBy(t => t.Underlying, StringComparer.Ordinal).ThenBy(t => t.Symbol, StringComparer.Ordinal)];
    }

    public async Task<TokenInfo?> FindAsync(string symbol, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Project(db, db.Tokens.Where(t => t.Symbol == symbol).OrderBy(t => t.ChainId)).FirstOrDefaultAsync(ct);
    }

    internal static IQueryable<TokenInfo> Project(DashboardDbContext db, IQueryable<Entities.LeveragedToken> tokens) =>
        from t in tokens.AsNoTracking()
        join p in db.ReservePools on new { t.ChainId, Address = t.PoolAddress } equals new { p.ChainId, p.Address }
        select new TokenInfo(t.ChainId, t.Symbol, t.Address, t.PoolAddress, p.Underlying, p.FloorBps, t.IsLong,
            t.TargetLeverage, t.MinLeverage, t.MaxLeverage, t.FallbackIntervalSeconds, t.BlockNumber, t.TxHash, t.BlockTime);

    /// <summary>Every token with its latest NAV, 24 h / 7 d back, last rebalance and pool health.</summary>
    public async Task<IReadOnlyList<TokenOverview>> OverviewAsync(CancellationToken ct = default)
    {
        var tokens = await ListAsync(ct);
        var result = new List<TokenOverview>(tokens.Count);
        await using var db = await factory.CreateDbContextAsync(ct);
        foreach (var t in tokens)
        {
            var snaps = db.NavSnapshots.AsNoTracking().Where(n => n.ChainId == t.ChainId && n.TokenAddress == t.Address);
            var latest = await snaps.OrderByDescending(n => n.Hour)
                .Select(n => new LatestNav(n.Hour, n.BlockTime, n.Nav, n.Leverage, n.MarkPrice)).FirstOrDefaultAsync(ct);
            BigInteger? back24 = null, back7d = null;
            if (latest is not null)
            {
                back24 = await NavAtOrBefore(snaps, latest.Hour - 24, ct);
                back7d = await NavAtOrBefore(snaps, latest.Hour - 168, ct);
            }
            var last = await db.Rebalances.AsNoTracking()
                .Where(r => r.ChainId == t.ChainId && r.TokenAddress == t.Address)
                .OrderByDescending(r => r.BlockNumber).ThenByDescending(r => r.LogIndex)
                .Select(r => new RebalanceRef(r.ChainId, r.TxHash, r.LogIndex, r.BlockNumber, r.BlockTime, r.Trigger, r.RebalanceId))
                .FirstOrDefaultAsync(ct);
            var (util, metricsTime, suspended) = await PoolStateAsync(db, t.ChainId, t.PoolAddress, ct);
            result.Add(new TokenOverview(t, latest, back24, back7d, last, util, metricsTime, suspended, Classify(util, suspended)));
        }
        return result;
    }

    private static async Task<BigInteger?> NavAtOrBefore(IQueryable<Entities.NavSnapshot> snaps, long hour, CancellationToken ct)
    {
        var row = await snaps.Where(n => n.Hour <= hour).OrderByDescending(n => n.Hour).Select(n => new { n.Nav }).FirstOrDefaultAsync(ct);
        return row?.Nav;
    }

    internal static async Task<(BigInteger? Util, DateTime? Time, bool Suspended)> PoolStateAsync(
        DashboardDbContext db, long chainId, string pool, CancellationToken ct)
    {
        var metrics = await db.ReserveMetrics.AsNoTracking().Where(m => m.ChainId == chainId && m.PoolAddress == pool)
            .OrderByDescending(m => m.Hour).Select(m => new { m.UtilizationBps, m.BlockTime }).FirstOrDefaultAsync(ct);
        var suspension = await db.SuspensionEvents.AsNoTracking().Where(s => s.ChainId == chainId && s.PoolAddress == pool)
            .OrderByDescending(s => s.BlockNumber).ThenByDescending(s => s.LogIndex).Select(s => new { s.IsSuspended }).FirstOrDefaultAsync(ct);
        return (metrics?.UtilizationBps, metrics?.BlockTime, suspension?.IsSuspended ?? false);
    }

    public static PoolHealth Classify(BigInteger? utilizationBps, bool suspended) =>
        suspended ? PoolHealth.Suspended
        : utilizationBps is not { } u ? PoolHealth.Unknown
        : u >= 10_000 ? PoolHealth.BelowFloor
        : u >= NearFloorBps ? PoolHealth.NearFloor
        : PoolHealth.Ok;
}
