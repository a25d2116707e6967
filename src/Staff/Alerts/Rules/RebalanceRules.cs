using System.Numerics;
using LeveragedTokens.Data.Entities;
using LeveragedTokens.Staff.Thresholds;
using Microsoft.EntityFrameworkCore;
using LeveragedTokens.Protocol;

namespace LeveragedTokens.Staff.Alerts.Rules;

/// <summary>
/// Per token, over its snapshots, deferrals and rebalances in block order:
/// leverage outside [min, max] with no rebalance (a deferral out of band, or two snapshots in a
/// row out of band), resolved by a rebalance or an in-band snapshot; and no rebalance for longer
/// than the fallback interval plus a grace period, resolved by the next rebalance.
/// </summary>
public sealed class RebalanceRules : IAlertRule
{
    private enum Step { Snapshot, Deferral, Rebalance }

    private sealed record Observation(string Token, Step Step, long Block, int LogIndex, string TxHash, DateTime Time, BigInteger Leverage);

    public async Task EvaluateAsync(RuleContext ctx, CancellationToken ct)
    {
        var steps = await LoadAsync(ctx, ct);
        foreach (var token in ctx.Tokens.Values)
        {
            var lastSnapshot = await ctx.EarlierRowsNewestFirst(ctx.Chain.NavSnapshots).Where(s => s.TokenAddress == token.Address)
                .Select(s => new { s.BlockNumber, s.LogIndex, s.Leverage }).FirstOrDefaultAsync(ct);
            var lastRebalance = await ctx.EarlierRowsNewestFirst(ctx.Chain.Rebalances).Where(r => r.TokenAddress == token.Address)
                .Select(r => new { r.BlockNumber, r.LogIndex, r.BlockTime }).FirstOrDefaultAsync(ct);

            var snapshotOut = lastSnapshot is not null && OutOfBand(token, lastSnapshot.Leverage)
                && (lastRebalance is null || (lastRebalance.BlockNumber, lastRebalance.LogIndex).CompareTo((lastSnapshot.BlockNumber, lastSnapshot.LogIndex)) < 0);
            var lastRebalanceTime = lastRebalance?.BlockTime ?? token.BlockTime;
            var band = new Condition(AlertKind.LeverageOutOfBand, AlertSeverity.Warning, token.Address, token.Symbol);
            var overdue = new Condition(AlertKind.RebalanceOverdue, AlertSeverity.Warning, token.Address, token.Symbol);
            var limit = token.FallbackIntervalSeconds / 60m + ctx.Thresholds.Get(token.Address, ThresholdKey.FallbackGraceMinutes);
            var bandText = $"[{Wad.ToDouble(token.MinLeverage):0.##}x, {Wad.ToDouble(token.MaxLeverage):0.##}x]";

            foreach (var step in steps.Where(s => s.Token == token.Address))
            {
                var leverage = Units.Round(Wad.ToDouble(step.Leverage), 4);
                var evidence = new Evidence(step.Block, step.TxHash, step.Time, leverage, null, "x", "");
                switch (step.Step)
                {
                    case Step.Rebalance:
                        ctx.Book.Observe(band, false, evidence);
                        ctx.Book.Observe(overdue, false, evidence);
                        snapshotOut = false;
                        lastRebalanceTime = step.Time;
                        continue;
                    case Step.Deferral when OutOfBand(token, step.Leverage):
                        ctx.Book.Observe(band, true, evidence with
                        {
                            Message = $"{token.Symbol}: rebalance deferred with leverage {leverage:0.###}x outside {bandText}",
                        });
                        break;
                    case Step.Snapshot when OutOfBand(token, step.Leverage):
                        if (snapshotOut)
                        {
                            ctx.Book.Observe(band, true, evidence with
                            {
                                Message = $"{token.Symbol}: leverage {leverage:0.###}x outside {bandText} for two snapshots with no rebalance",
                            });
                        }
                        snapshotOut = true;
                        break;
                    case Step.Snapshot:
                        ctx.Book.Observe(band, false, evidence);
                        snapshotOut = false;
                        break;
                }
                CheckOverdue(step.Block, step.TxHash, step.Time);
            }
            CheckOverdue(ctx.ToBlock, null, ctx.ChainNow);

            void CheckOverdue(long block, string? tx, DateTime time)
            {
                var minutes = (decimal)(time - lastRebalanceTime).TotalMinutes;
                if (minutes <= limit) return;
                ctx.Book.Observe(overdue, true, new Evidence(block, tx, time, Math.Round(minutes), limit, "min",
                    $"{token.Symbol}: no rebalance for {minutes / 60m:0.#} h (fallback interval {token.FallbackIntervalSeconds / 3600m:0.#} h plus grace)"));
            }
        }
    }

    private static bool OutOfBand(LeveragedToken token, BigInteger leverage) =>
        leverage < token.MinLeverage || leverage > token.MaxLeverage;

    private static async Task<List<Observation>> LoadAsync(RuleContext ctx, CancellationToken ct)
    {
        var snapshots = await ctx.NewRows(ctx.Chain.NavSnapshots)
            .Select(s => new Observation(s.TokenAddress, Step.Snapshot, s.BlockNumber, s.LogIndex, s.TxHash, s.BlockTime, s.Leverage))
            .ToListAsync(ct);
        var deferrals = await ctx.NewRows(ctx.Chain.RebalanceDeferrals)
            .Select(s => new Observation(s.TokenAddress, Step.Deferral, s.BlockNumber, s.LogIndex, s.TxHash, s.BlockTime, s.Leverage))
            .ToListAsync(ct);
        var rebalances = await ctx.NewRows(ctx.Chain.Rebalances)
            .Select(s => new Observation(s.TokenAddress, Step.Rebalance, s.BlockNumber, s.LogIndex, s.TxHash, s.BlockTime, s.LeverageAfter))
            .ToListAsync(ct);
        return [.. snapshots.Concat(deferrals).Concat(rebalances).OrderBy(o => o.Block).ThenBy(o => o.LogIndex)];
    }
}
