using System.Globalization;
using System.Text.Json;
using LeveragedTokens.Staff.Alerts;

namespace LeveragedTokens.Staff.Notifications;

/// <summary>The webhook body: a Slack-compatible "text" plus the alert's fields for machines.</summary>
public static class AlertMessage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Build(Alert alert, AlertEvent what, string? publicBaseUrl)
    {
        var link = (publicBaseUrl?.TrimEnd('/') ?? "") + alert.ChartLink;
        var text = what == AlertEvent.Fired
            ? $"[{alert.Severity.ToString().ToUpperInvariant()}] {alert.Message} (block {alert.FiredBlock}{Tx(alert.FiredTxHash)}, {Time(alert.FiredAt)}) {link}"
            : $"[RESOLVED] {alert.Kind} on {alert.SubjectLabel} cleared at block {alert.ResolvedBlock} ({Time(alert.ResolvedAt)}); fired at block {alert.FiredBlock}. {link}";
        return JsonSerializer.Serialize(new
        {
            text,
            @event = what == AlertEvent.Fired ? "fired" : "resolved",
            alert = new
            {
                id = alert.Id,
                chainId = alert.ChainId,
                kind = alert.Kind.ToString(),
                severity = alert.Severity.ToString().ToLowerInvariant(),
                subject = alert.Subject,
                subjectLabel = alert.SubjectLabel,
                message = alert.Message,
                value = alert.Value,
                threshold = alert.Threshold,
                unit = alert.Unit,
                block = alert.FiredBlock,
                txHash = alert.FiredTxHash,
                firedAt = alert.FiredAt,
                resolvedBlock = alert.ResolvedBlock,
                resolvedAt = alert.ResolvedAt,
                link,
            },
        }, Json);
    }

    private static string Tx(string? hash) => hash is null ? "" : $", tx {hash}";

    private static string Time(DateTime? t) =>
        t?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "";
}
