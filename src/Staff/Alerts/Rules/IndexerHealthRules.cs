using LeveragedTokens.Staff.Thresholds;
using Microsoft.EntityFrameworkCore;

namespace LeveragedTokens.Staff.Alerts.Rules;

/// <summary>Indexer lag (blocks behind head, or minutes without progress, by the wall clock).</summary>
public sealed class IndexerLagRule : IAlertRule
{
    public Task EvaluateAsync(RuleContext ctx, CancellationToken ct)
    {
        var state = ctx.Indexer;
        var condition = new Condition(AlertKind.IndexerLag, AlertSeverity.Warning, "chain", $"indexer (chain {ctx.ChainId})");
        var blocks = Math.Max(0, state.HeadBlock - state.IndexedBlock);
        var minutes = (decimal)(ctx.WallNow - state.UpdatedAt).TotalMinutes;
        var maxBlocks = ctx.Thresholds.Global(ThresholdKey.IndexerLagBlocks);
        var maxMinutes = ctx.Thresholds.Global(ThresholdKey.IndexerLagMinutes);
        var evidence = blocks > maxBlocks
            ? new Evidence(state.IndexedBlock, null, ctx.WallNow, blocks, maxBlocks, "blocks",
                $"Indexer is {blocks} blocks behind the head (block {state.IndexedBlock} of {state.HeadBlock})")
            : new Evidence(state.IndexedBlock, null, ctx.WallNow, Math.Round(minutes, 1), maxMinutes, "min",
                $"Indexer has not progressed for {minutes:0} min (at block {state.IndexedBlock})");
        ctx.Book.Observe(condition, blocks > maxBlocks || minutes > maxMinutes, evidence);
        return Task.CompletedTask;
    }
}

/// <summary>Logs at watched addresses that did not decode: opens at the first new one, resolves after a quiet period of chain time.</summary>
public sealed class DecodeFailureRule : IAlertRule
{
    public async Task EvaluateAsync(RuleContext ctx, CancellationToken ct)
    {
        var condition = new Condition(AlertKind.DecodeFailures, AlertSeverity.Warning, "chain", $"decoder (chain {ctx.ChainId})");
        var failures = await ctx.NewRows(ctx.Chain.DecodeFailures)
            .Select(f => new { f.BlockNumber, f.TxHash, f.BlockTime, f.ContractAddress, f.Error })
            .ToListAsync(ct);
        if (failures.Count > 0)
        {
            var first = failures[0];
            ctx.Book.Observe(condition, true, new Evidence(first.BlockNumber, first.TxHash, first.BlockTime, failures.Count, 0, "logs",
                $"{failures.Count} log(s) failed to decode, first at {first.ContractAddress}: {Truncate(first.Error)}"));
            return;
        }
        if (!ctx.Book.IsOpen(condition)) return;
        var last = await ctx.Chain.DecodeFailures.AsNoTracking()
            .Where(f => f.ChainId == ctx.ChainId && f.BlockNumber <= ctx.ToBlock)
            .MaxAsync(f => (DateTime?)f.BlockTime, ct);
        var quiet = ctx.Thresholds.Global(ThresholdKey.DecodeFailureQuietHours);
        if (last is null || (decimal)(ctx.ChainNow - last.Value).TotalHours > quiet)
            ctx.Book.Observe(condition, false, new Evidence(ctx.ToBlock, null, ctx.ChainNow, null, quiet, "h", ""));
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
