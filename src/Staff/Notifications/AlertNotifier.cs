using Hangfire;
using LeveragedTokens.Staff.Alerts;
using LeveragedTokens.Staff.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeveragedTokens.Staff.Notifications;

/// <summary>
/// Writes one delivery per (alert event, endpoint) into the evaluation's transaction, and after
/// the commit hands them to Hangfire. If Hangfire is unreachable the rows stay pending and
/// <see cref="WebhookDeliveryJob.SweepAsync"/> picks them up.
/// </summary>
public sealed class AlertNotifier(IOptions<StaffOptions> options, IServiceProvider services, TimeProvider clock, ILogger<AlertNotifier> log)
{
    public async Task<List<long>> AddDeliveriesAsync(StaffDbContext staff, AlertBook book, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var created = new List<WebhookDelivery>();
        foreach (var endpoint in options.Value.Webhooks)
        {
            foreach (var alert in book.Fired.Where(a => a.Severity >= endpoint.MinSeverity))
                created.Add(New(alert, AlertEvent.Fired, endpoint.Name));
            if (!endpoint.NotifyResolved) continue;
            foreach (var alert in book.Resolved.Where(a => a.Severity >= endpoint.MinSeverity))
                created.Add(New(alert, AlertEvent.Resolved, endpoint.Name));
        }
        if (created.Count == 0) return [];
        staff.WebhookDeliveries.AddRange(created);
        await staff.SaveChangesAsync(ct);
        return [.. created.Select(d => d.Id)];

        WebhookDelivery New(Alert alert, AlertEvent what, string endpoint) => new()
        {
            AlertId = alert.Id,
            Event = what,
            EndpointName = endpoint,
            Payload = AlertMessage.Build(alert, what, options.Value.PublicBaseUrl),
            CreatedAt = now,
        };
    }

    public void Dispatch(IEnumerable<long> deliveryIds)
    {
        var ids = deliveryIds.ToList();
        if (ids.Count == 0) return;
        IBackgroundJobClient? client = null;
        foreach (var id in ids)
        {
            try
            {
                client ??= services.GetService(typeof(IBackgroundJobClient)) as IBackgroundJobClient
                    ?? throw new InvalidOperationException("Hangfire is not configured in this host");
                client.Enqueue<WebhookDeliveryJob>(job => job.DeliverAsync(id, CancellationToken.None));
            }
            catch (Exception ex)
            {
                // Never fail the evaluation for a notification: the sweep retries pending rows.
                log.LogWarning(ex, "Could not enqueue webhook delivery {DeliveryId}; the sweep will pick it up", id);
            }
        }
    }
}
