using System.Numerics;
using LeveragedTokens.Data;
using LeveragedTokens.Data.Entities;
using LeveragedTokens.Staff.Thresholds;
using Microsoft.EntityFrameworkCore;
using LeveragedTokens.Protocol;

namespace LeveragedTokens.Staff.Alerts.Rules;

/// <summary>
/// Runway: at each ReserveMetrics row, buffer depth divided by the pool's average hourly reserve
/// draw over the preceding window; fires when that is fewer hours than the threshold.
/// </summary>
public sealed class RunwayRule : IAlertRule
{
    public async Task EvaluateAsync(RuleContext ctx, CancellationToken ct)
    {
        var rows = await ctx.NewReserveMetricsAsync(ct);
        if (rows.Count == 0) return;

        var longestWindow = TimeSpan.FromHours((double)ctx.Pools.Keys.Max(p => ctx.Thresholds.Get(p, ThresholdKey.RunwayWindowHours)));
        var since = rows[0].BlockTime - longestWindow;
        var draws = await ctx.Chain.PoolLedger.AsNoTracking()
            .Where(e => e.ChainId == ctx.ChainId && e.Kind == LedgerEntryKind.ReserveDrawn && e.BlockTime > since && e.BlockNumber <= ctx.ToBlock)
            .OrderBy(e => e.BlockNumber).ThenBy(e => e.LogIndex)
            .Select(e => new { e.PoolAddress, e.BlockNumber, e.BlockTime, e.Value })
            .ToListAsync(ct);

        foreach (var pool in rows.GroupBy(r => r.PoolAddress))
        {
            var label = ctx.PoolLabel(pool.Key);
            var windowHours = ctx.Thresholds.Get(pool.Key, ThresholdKey.RunwayWindowHours);
            var minimum = ctx.Thresholds.Get(pool.Key, ThresholdKey.RunwayHours);
            var poolDraws = draws.Where(d => d.PoolAddress == pool.Key).ToList();
            var condition = new Condition(AlertKind.RunwayShort, AlertSeverity.Warning, pool.Key, label);
            foreach (var row in pool)
            {
                var start = ReserveRunway.WindowStart(row.BlockTime, windowHours);
                var drawn = poolDraws.Where(d => d.BlockNumber <= row.BlockNumber && d.BlockTime > start)
                    .Aggregate(BigInteger.Zero, (sum, d) => sum + (d.Value ?? BigInteger.Zero));
                var runway = new ReserveRunway(row.BufferDepth, drawn, windowHours);
                var hours = runway.Hours;
                var value = double.IsInfinity(hours) ? (decimal?)null : Units.Round(hours, 1);
                ctx.Book.Observe(condition, hours < (double)minimum, new Evidence(row.BlockNumber, row.TxHash, row.BlockTime, value, minimum, "h",
                    $"{label} runway {hours:0.#} h: buffer {Wad.ToDecimal(row.BufferDepth):N0} USD at {Wad.ToDouble(runway.DrawPerHour):N0} USD/h average draw over {windowHours:0} h"));
            }
        }
    }
}
