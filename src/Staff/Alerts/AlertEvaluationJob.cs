using Hangfire;
using LeveragedTokens.Data;
using LeveragedTokens.Data.Entities;
using LeveragedTokens.Data.Queries;
using LeveragedTokens.Staff.Notifications;
using LeveragedTokens.Staff.Thresholds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LeveragedTokens.Staff.Alerts;

/// <summary>
/// Runs every rule over the chain rows indexed since the last run, per chain, in block order.
/// Alerts, the cursor and the notification outbox are written in one <see cref="AlertTransaction"/>,
/// so concurrent runs (recurring job, after-new-data trigger, several hosts) are serialized and a
/// crash repeats nothing. Webhooks are sent by <see cref="WebhookDeliveryJob"/> afterwards.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed class AlertEvaluationJob(
    IDbContextFactory<DashboardDbContext> chainDb,
    IEnumerable<IAlertRule> rules,
    AlertTransaction alerts,
    TimeProvider clock,
    ILogger<AlertEvaluationJob> log)
{
    public const string RecurringJobId = "staff-alert-evaluation";

    public async Task<EvaluationSummary> RunAsync(CancellationToken ct)
    {
        await using var chain = await chainDb.CreateDbContextAsync(ct);
        var states = await chain.IndexerStates.AsNoTracking().OrderBy(s => s.ChainId).ToListAsync(ct);
        var summary = EvaluationSummary.Empty;
        foreach (var state in states.Where(s => s.IndexedBlock >= 0))
            summary += await EvaluateChainAsync(chain, state, ct);
        return summary;
    }

    /// <summary>One chain's rules: queued by that chain's indexer after it committed new rows.</summary>
    public async Task<EvaluationSummary> RunForChainAsync(long chainId, CancellationToken ct)
    {
        await using var chain = await chainDb.CreateDbContextAsync(ct);
        var state = await chain.IndexerStates.AsNoTracking().SingleOrDefaultAsync(s => s.ChainId == chainId, ct);
        return state is { IndexedBlock: >= 0 } ? await EvaluateChainAsync(chain, state, ct) : EvaluationSummary.Empty;
    }

    private async Task<EvaluationSummary> EvaluateChainAsync(DashboardDbContext chain, IndexerState state, CancellationToken ct)
    {
        var to = state.IndexedBlock;
        var pools = await chain.ReservePools.AsNoTracking()
            .Where(p => p.ChainId == state.ChainId && p.BlockNumber <= to).ToDictionaryAsync(p => p.Address, ct);
        var tokens = await chain.Tokens.AsNoTracking()
            .Where(t => t.ChainId == state.ChainId && t.BlockNumber <= to).ToDictionaryAsync(t => t.Address, ct);
        var links = new ChartLinks(state.ChainId, tokens.ToDictionary(t => t.Key, t => t.Value.Symbol), pools.ToDictionary(p => p.Key, p => p.Value.Underlying));
        var from = to;
        var summary = await alerts.RunAsync(state.ChainId, links, async (staff, book) =>
        {
            var cursor = await staff.EvaluationCursors.FindAsync([state.ChainId], ct);
            if (cursor is null)
            {
                cursor = new AlertEvaluationCursor { ChainId = state.ChainId };
                staff.EvaluationCursors.Add(cursor);
            }
            // The indexer rewinds on a reorg: evaluate the replayed blocks again.
            from = Math.Min(cursor.EvaluatedBlock, to);
            var thresholds = new ThresholdSet(await staff.Thresholds.AsNoTracking().ToListAsync(ct), state.ChainId);
            var chainNow = await chain.ChainNowAsync(state.ChainId, to, ct) ?? DateTime.UnixEpoch;
            var context = new RuleContext(state, from, to, chainNow, clock.GetUtcNow().UtcDateTime, pools, tokens, thresholds, chain, book);
            foreach (var rule in rules)
                await rule.EvaluateAsync(context, ct);
            cursor.EvaluatedBlock = to;
            cursor.EvaluatedAt = context.WallNow;
        }, ct);
        log.LogInformation("Alerts evaluated for chain {ChainId} blocks {FromBlock}..{ToBlock}: {Fired} fired, {Resolved} resolved",
            state.ChainId, from + 1, to, summary.Fired, summary.Resolved);
        return summary;
    }
}

public sealed record EvaluationSummary(int Fired, int Resolved, int Deliveries)
{
    public static EvaluationSummary Empty { get; } = new(0, 0, 0);
    public static EvaluationSummary operator +(EvaluationSummary a, EvaluationSummary b) =>
        new(a.Fired + b.Fired, a.Resolved + b.Resolved, a.Deliveries + b.Deliveries);
}
