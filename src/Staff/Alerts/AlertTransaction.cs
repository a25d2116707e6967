using LeveragedTokens.Data.Sql;
using LeveragedTokens.Staff.Notifications;
using LeveragedTokens.Staff.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeveragedTokens.Staff.Alerts;

/// <summary>
/// The one way alerts are written, for every evaluation (the rules after new chain data, the hourly saved scenarios):
/// under the chain's advisory lock, so evaluations take turns and a condition never gets two unresolved alerts, the
/// book of the chain's unresolved alerts, what the evaluation reports to it, the webhook outbox and the notification,
/// in one transaction. Webhooks are sent after the commit: a failing endpoint never blocks evaluation.
/// </summary>
public sealed class AlertTransaction(IDbContextFactory<StaffDbContext> staffDb, AlertNotifier notifier)
{
    /// <param name="observe">Reports conditions to the book; its other changes to the staff context are saved with the alerts.</param>
    public async Task<EvaluationSummary> RunAsync(long chainId, ChartLinks links, Func<StaffDbContext, AlertBook, Task> observe, CancellationToken ct)
    {
        List<long> deliveries;
        AlertBook book;
        await using (var staff = await staffDb.CreateDbContextAsync(ct))
        {
            await using var tx = await staff.Database.BeginTransactionAsync(ct);
            await staff.Database.ExecuteSqlAsync(AlertSql.LockChain(chainId), ct);
            var unresolved = await staff.Alerts.Where(a => a.ChainId == chainId && a.ResolvedAt == null).ToListAsync(ct);
            book = new AlertBook(chainId, unresolved, links);
            await observe(staff, book);
            staff.Alerts.AddRange(book.Fired);
            await staff.SaveChangesAsync(ct);

            deliveries = await notifier.AddDeliveriesAsync(staff, book, ct);
            if (book.Fired.Count + book.Resolved.Count > 0)
                await staff.Database.ExecuteSqlAsync(AlertSql.Changed(chainId), ct);
            await tx.CommitAsync(ct);
        }
        notifier.Dispatch(deliveries);
        return new EvaluationSummary(book.Fired.Count, book.Resolved.Count, deliveries.Count);
    }
}
