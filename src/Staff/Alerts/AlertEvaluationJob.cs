using Hangfire;
using LeveragedTokens.Data;
using LeveragedTokens.Data.Entities;
using LeveragedTokens.Data.Queries;
using LeveragedTokens.Staff.Notifications;
using LeveragedTokens.Staff.Persistence;
using LeveragedTokens.Staff.Thresholds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LeveragedTokens.Staff.Alerts;

/// <summary>
/// Runs every rule over the chain rows indexed since the last run, per chain, in block order.
/// Alerts, the cursor and the notification outbox are written in one transaction under an
/// advisory lock, so concurrent runs (recurring job, after-new-data trigger, several hosts) are
/// serialized and a crash repeats nothing. Webhooks are sent by <see cref="WebhookDeliveryJob"/>
/// afterwards: a failing endpoint never blocks evaluation.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed class AlertEvaluationJob(
    IDbContextFactory<DashboardDbContext> chainDb,
    IDbContextFactory<StaffDbContext> staffDb,
    IEnumerable<IAlertRule> rules,
    AlertNotifier notifier,
    TimeProvider clock,
    ILogger<AlertEvaluationJob> log)
{
    public const string RecurringJobId = "staff-alert-evaluation";
    private const int LockNamespace = 0x57A1E7;

    public async Task<EvaluationSummary> RunAsync(CancellationToken ct)
    {
        await using var chain = await chainDb.CreateDbContextAsync(ct);
        var states = await chain.IndexerStates.AsNoTracking().OrderBy(s => s.ChainId).ToListAsync(ct);
        var summary = EvaluationSummary.Empty;
        foreach (var state in states.Where(s => s.IndexedBlock >= 0))
            summary += await EvaluateChainAsync(chain, state, ct);
        return summary;
    }

    private async Task<EvaluationSummary> EvaluateChainAsync(DashboardDbContext chain, IndexerState state, CancellationToken ct)
    {
        List<long> deliveries;
        EvaluationSummary summary;
        await using (var staff = await staffDb.CreateDbContextAsync(ct))
        {
            await using var tx = await staff.Database.BeginTransactionAsync(ct);
            await staff.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockNamespace}, {(int)state.ChainId})", ct);

            var cursor = await staff.EvaluationCursors.FindAsync([state.ChainId], ct);
            if (cursor is null)
            {
                cursor = new AlertEvaluationCursor { ChainId = state.ChainId };
                staff.EvaluationCursors.Add(cursor);
            }
            // The indexer rewinds on a reorg: evaluate the replayed blocks again.
            var from = Math.Min(cursor.EvaluatedBlock, state.IndexedBlock);
            var to = state.IndexedBlock;

            var pools = await chain.ReservePools.AsNoTracking()
                .Where(p => p.ChainId == state.ChainId && p.BlockNumber <= to).ToDictionaryAsync(p => p.Address, ct);
            var tokens = await chain.Tokens.AsNoTracking()
                .Where(t => t.ChainId == state.ChainId && t.BlockNumber <= to).ToDictionaryAsync(t => t.Address, ct);
            var unresolved = await staff.Alerts.Where(a => a.ChainId == state.ChainId && a.ResolvedAt == null).ToListAsync(ct);
            var thresholds = new ThresholdSet(await staff.Thresholds.AsNoTracking().ToListAsync(ct));
            var links = new ChartLinks(tokens.ToDictionary(t => t.Key, t => t.Value.Symbol), pools.ToDictionary(p => p.Key, p => p.Value.Underlying));
            var book = new AlertBook(state.ChainId, unresolved, links);

            var chainNow = await chain.ChainNowAsync(state.ChainId, to, ct) ?? DateTime.UnixEpoch;
            var context = new RuleContext(state, from, to, chainNow, clock.GetUtcNow().UtcDateTime, pools, tokens, thresholds, chain, book);
            foreach (var rule in rules)
                await rule.EvaluateAsync(context, ct);

            staff.Alerts.AddRange(book.Fired);
            cursor.EvaluatedBlock = to;
            cursor.EvaluatedAt = context.WallNow;
            await staff.SaveChangesAsync(ct);

            deliveries = await notifier.AddDeliveriesAsync(staff, book, ct);
            if (book.Fired.Count + book.Resolved.Count > 0)
                await staff.Database.ExecuteSqlAsync($"SELECT pg_notify({NotifyChannels.StaffAlerts}, {state.ChainId.ToString()})", ct);
            await tx.CommitAsync(ct);
            summary = new EvaluationSummary(book.Fired.Count, book.Resolved.Count, deliveries.Count);
            log.LogInformation("Alerts evaluated for chain {ChainId} blocks {FromBlock}..{ToBlock}: {Fired} fired, {Resolved} resolved",
                state.ChainId, from + 1, to, summary.Fired, summary.Resolved);
        }
        notifier.Dispatch(deliveries);
        return summary;
    }
}

public sealed record EvaluationSummary(int Fired, int Resolved, int Deliveries)
{
    public static EvaluationSummary Empty { get; } = new(0, 0, 0);
    public static EvaluationSummary operator +(EvaluationSummary a, EvaluationSummary b) =>
        new(a.Fired + b.Fired, a.Resolved + b.Resolved, a.Deliveries + b.Deliveries);
}
