using System.Diagnostics;
using System.Text;
using Hangfire;
using LeveragedTokens.Staff.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeveragedTokens.Staff.Notifications;

/// <summary>
/// Posts one delivery; a failure records the attempt and throws so that Hangfire retries with
/// growing delays. Every attempt is a row in webhook_delivery_attempts.
/// </summary>
public sealed class WebhookDeliveryJob(
    IDbContextFactory<StaffDbContext> staffDb,
    IHttpClientFactory http,
    IOptions<StaffOptions> options,
    TimeProvider clock,
    ILogger<WebhookDeliveryJob> log)
{
    public const string HttpClientName = "staff-webhooks";
    public const string SweepJobId = "staff-webhook-sweep";
    public const int MaxAttempts = 8;

    [AutomaticRetry(Attempts = MaxAttempts - 1, DelaysInSeconds = [10, 30, 120, 600, 1800, 3600, 7200], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task DeliverAsync(long deliveryId, CancellationToken ct)
    {
        var outcome = await TryDeliverAsync(deliveryId, ct);
        if (outcome == DeliveryOutcome.RetryLater)
            throw new WebhookDeliveryException($"Webhook delivery {deliveryId} failed; Hangfire will retry");
    }

    /// <summary>Pending deliveries never handed to Hangfire (it was down) or stuck: hand them over again.</summary>
    public async Task SweepAsync(CancellationToken ct)
    {
        await using var staff = await staffDb.CreateDbContextAsync(ct);
        var cutoff = clock.GetUtcNow().UtcDateTime.AddMinutes(-5);
        var stale = await staff.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending && d.AttemptCount == 0 && d.CreatedAt < cutoff)
            .OrderBy(d => d.Id).Select(d => d.Id).Take(500).ToListAsync(ct);
        foreach (var id in stale)
            await TryDeliverAsync(id, ct);
    }

    public async Task<DeliveryOutcome> TryDeliverAsync(long deliveryId, CancellationToken ct)
    {
        await using var staff = await staffDb.CreateDbContextAsync(ct);
        var delivery = await staff.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == deliveryId, ct);
        if (delivery is null || delivery.Status != DeliveryStatus.Pending) return DeliveryOutcome.Done;

        var endpoint = options.Value.Webhooks.FirstOrDefault(w => w.Name == delivery.EndpointName);
        if (endpoint is null)
        {
            delivery.Status = DeliveryStatus.Failed;
            delivery.LastError = "endpoint no longer configured";
            await staff.SaveChangesAsync(ct);
            return DeliveryOutcome.Done;
        }

        var body = Encoding.UTF8.GetBytes(delivery.Payload);
        var attempt = new Notifications.WebhookDeliveryAttempt
        {
            DeliveryId = delivery.Id,
            Number = delivery.AttemptCount + 1,
            AttemptedAt = clock.GetUtcNow().UtcDateTime,
            DurationMs = 0,
        };
        var watch = Stopwatch.StartNew();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(endpoint.Secret, body));
            request.Headers.Add("X-Delivery-Id", delivery.Id.ToString());
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
            attempt.StatusCode = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode) attempt.Error = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            attempt.Error = ex.Message;
        }
        attempt.DurationMs = watch.ElapsedMilliseconds;

        delivery.Attempts.Add(attempt);
        delivery.AttemptCount = attempt.Number;
        if (attempt.Error is null)
        {
            delivery.Status = DeliveryStatus.Delivered;
            delivery.DeliveredAt = clock.GetUtcNow().UtcDateTime;
            delivery.LastError = null;
        }
        else
        {
            delivery.LastError = attempt.Error;
            if (attempt.Number >= MaxAttempts) delivery.Status = DeliveryStatus.Failed;
            log.LogWarning("Webhook delivery {DeliveryId} to {Endpoint} attempt {Attempt} failed: {Error}",
                delivery.Id, endpoint.Name, attempt.Number, attempt.Error);
        }
        await staff.SaveChangesAsync(ct);
        return attempt.Error is null ? DeliveryOutcome.Delivered
            : delivery.Status == DeliveryStatus.Failed ? DeliveryOutcome.Done : DeliveryOutcome.RetryLater;
    }
}

public enum DeliveryOutcome { Delivered, RetryLater, Done }

public sealed class WebhookDeliveryException(string message) : Exception(message);
