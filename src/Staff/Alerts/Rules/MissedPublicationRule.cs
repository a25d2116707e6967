using LeveragedTokens.Staff.Thresholds;
using Microsoft.EntityFrameworkCore;

namespace LeveragedTokens.Staff.Alerts.Rules;

/// <summary>
/// No ReserveMetricsPublished (per pool) or NavSnapshot (per token) for longer than the threshold
/// of chain time. A gap that ends inside the evaluated range fires and resolves at the publication
/// that ends it; a gap still running at the checkpoint fires there and resolves at the next one.
/// </summary>
public sealed class MissedPublicationRule : IAlertRule
{
    private sealed record Publication(string Subject, long Block, string? TxHash, DateTime Time);

    public async Task EvaluateAsync(RuleContext ctx, CancellationToken ct)
    {
        var metrics = (await ctx.NewReserveMetricsAsync(ct)).Select(m => new Publication(m.PoolAddress, m.BlockNumber, m.TxHash, m.BlockTime)).ToList();
        var snapshots = await ctx.NewRows(ctx.Chain.NavSnapshots)
            .Select(m => new Publication(m.TokenAddress, m.BlockNumber, m.TxHash, m.BlockTime)).ToListAsync(ct);

        foreach (var pool in ctx.Pools.Values)
        {
            var before = await ctx.EarlierRowsNewestFirst(ctx.Chain.ReserveMetrics).Where(m => m.PoolAddress == pool.Address)
                .Select(m => new Publication(m.PoolAddress, m.BlockNumber, m.TxHash, m.BlockTime)).FirstOrDefaultAsync(ct);
            Walk(ctx, pool.Address, ctx.PoolLabel(pool.Address), "reserve metrics",
                before ?? new Publication(pool.Address, pool.BlockNumber, pool.TxHash, pool.BlockTime),
                metrics.Where(p => p.Subject == pool.Address));
        }
        foreach (var token in ctx.Tokens.Values)
        {
            var before = await ctx.EarlierRowsNewestFirst(ctx.Chain.NavSnapshots).Where(m => m.TokenAddress == token.Address)
                .Select(m => new Publication(m.TokenAddress, m.BlockNumber, m.TxHash, m.BlockTime)).FirstOrDefaultAsync(ct);
            Walk(ctx, token.Address, token.Symbol, "NAV snapshot",
                before ?? new Publication(token.Address, token.BlockNumber, token.TxHash, token.BlockTime),
                snapshots.Where(p => p.Subject == token.Address));
        }
    }

    private static void Walk(RuleContext ctx, string subject, string label, string what, Publication previous, IEnumerable<Publication> publications)
    {
        var limit = ctx.Thresholds.Get(subject, ThresholdKey.MissedPublicationMinutes);
        var condition = new Condition(AlertKind.MissedPublication, AlertSeverity.Warning, subject, label);
        foreach (var publication in publications)
        {
            var gap = (decimal)(publication.Time - previous.Time).TotalMinutes;
            if (gap > limit)
            {
                ctx.Book.Observe(condition, true, new Evidence(publication.Block, publication.TxHash, publication.Time, Math.Round(gap), limit, "min",
                    $"{label}: no {what} for {gap:0} min of chain time (blocks {previous.Block}-{publication.Block})"));
            }
            ctx.Book.Observe(condition, false, new Evidence(publication.Block, publication.TxHash, publication.Time, null, limit, "min", ""));
            previous = publication;
        }
        var running = (decimal)(ctx.ChainNow - previous.Time).TotalMinutes;
        if (running > limit)
        {
            ctx.Book.Observe(condition, true, new Evidence(ctx.ToBlock, null, ctx.ChainNow, Math.Round(running), limit, "min",
                $"{label}: no {what} for {running:0} min of chain time since block {previous.Block}"));
        }
    }
}
