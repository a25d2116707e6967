using System.Text.Json.Serialization;

namespace LeveragedTokens.Staff.Notifications;

[JsonConverter(typeof(JsonStringEnumConverter<AlertEvent>))]
public enum AlertEvent { Fired = 0, Resolved = 1 }

[JsonConverter(typeof(JsonStringEnumConverter<DeliveryStatus>))]
public enum DeliveryStatus { Pending = 0, Delivered = 1, Failed = 2 }

/// <summary>
/// One notification of one alert event to one endpoint, written in the evaluation's transaction
/// (an outbox): unique per (alert, event, endpoint), so a receiver gets each event once.
/// </summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }
    public required long AlertId { get; set; }
    public required AlertEvent Event { get; set; }
    public required string EndpointName { get; set; }
    /// <summary>The exact JSON body that is signed and sent.</summary>
    public required string Payload { get; set; }
    public DeliveryStatus Status { get; set; }
    public int AttemptCount { get; set; }
    public required DateTime CreatedAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public string? LastError { get; set; }
    public List<WebhookDeliveryAttempt> Attempts { get; set; } = [];
}

/// <summary>Every POST made for a delivery, successful or not.</summary>
public sealed class WebhookDeliveryAttempt
{
    public long Id { get; set; }
    public required long DeliveryId { get; set; }
    public required int Number { get; set; }
    public required DateTime AttemptedAt { get; set; }
    public int? StatusCode { get; set; }
    public string? Error { get; set; }
    public required long DurationMs { get; set; }
}
