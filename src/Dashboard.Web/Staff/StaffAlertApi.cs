using System.Security.Claims;
using LeveragedTokens.Staff.Alerts;
using LeveragedTokens.Staff.Thresholds;

namespace LeveragedTokens.Dashboard.Web.Staff;

public sealed record AlertDto(
    long Id, long ChainId, string Kind, string Severity, string Status, string Subject, string SubjectLabel, string Message,
    decimal? Value, decimal? Threshold, string Unit, long FiredBlock, string? FiredTxHash, DateTime FiredAt, string ChartLink,
    string? AcknowledgedBy, DateTime? AcknowledgedAt, string? AcknowledgementNote, DateTime? SnoozedUntil,
    long? ResolvedBlock, DateTime? ResolvedAt)
{
    public static AlertDto From(Alert a, DateTime now) => new(
        a.Id, a.ChainId, a.Kind.ToString(), a.Severity.ToString().ToLowerInvariant(), a.StatusAt(now).ToString().ToLowerInvariant(),
        a.Subject, a.SubjectLabel, a.Message, a.Value, a.Threshold, a.Unit, a.FiredBlock, a.FiredTxHash, a.FiredAt, a.ChartLink,
        a.AcknowledgedBy, a.AcknowledgedAt, a.AcknowledgementNote, a.SnoozedUntil, a.ResolvedBlock, a.ResolvedAt);
}

public sealed record AcknowledgeRequest(string Note);
public sealed record SnoozeRequest(DateTime? Until);
public sealed record ThresholdRequest(string Scope, ThresholdKey Key, decimal? Value, string? Reason);

public static class StaffAlertApi
{
    public static RouteGroupBuilder MapStaffAlertApi(this RouteGroupBuilder api)
    {
        var alerts = api.MapGroup("/alerts");
        alerts.MapGet("/", async (AlertDesk desk, AlertStatus? status, AlertSeverity? severity, AlertKind? kind, bool? history, CancellationToken ct) =>
        {
            var list = await desk.ListAsync(new AlertFilter(status, severity, kind, history ?? false), ct);
            return Results.Ok(list.Select(a => AlertDto.From(a, desk.Now)));
        });
        alerts.MapGet("/{id:long}", async (long id, AlertDesk desk, CancellationToken ct) =>
            await desk.GetAsync(id, ct) is { } a ? Results.Ok(AlertDto.From(a, desk.Now)) : Results.NotFound());
        alerts.MapGet("/{id:long}/trail", async (long id, AlertDesk desk, CancellationToken ct) =>
            await desk.GetAsync(id, ct) is null ? Results.NotFound() : Results.Ok(
                ((await desk.TrailsAsync([id], ct)).GetValueOrDefault(id) ?? []).Select(a => new
                {
                    a.Action, a.By, a.At, a.Before, a.After, a.Comment,
                })));
        alerts.MapGet("/{id:long}/deliveries", async (long id, AlertDesk desk, CancellationToken ct) =>
            Results.Ok((await desk.DeliveriesAsync(id, ct)).Select(d => new
            {
                d.Id, Event = d.Event.ToString().ToLowerInvariant(), Endpoint = d.EndpointName, Status = d.Status.ToString().ToLowerInvariant(),
                d.AttemptCount, d.CreatedAt, d.DeliveredAt, d.LastError,
                Attempts = d.Attempts.OrderBy(a => a.Number).Select(a => new { a.Number, a.AttemptedAt, a.StatusCode, a.Error, a.DurationMs }),
            })));
        alerts.MapPost("/{id:long}/acknowledge", async (long id, AcknowledgeRequest body, AlertDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(body.Note)) return Results.ValidationProblem(new Dictionary<string, string[]> { ["note"] = ["A note is required"] });
            return await desk.AcknowledgeAsync(id, Who(user), body.Note, ct) is { } a ? Results.Ok(AlertDto.From(a, desk.Now)) : Results.NotFound();
        });
        alerts.MapPost("/{id:long}/snooze", async (long id, SnoozeRequest body, AlertDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (body.Until is { } until && until.ToUniversalTime() <= desk.Now)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["until"] = ["Snooze until a time in the future"] });
            return await desk.SnoozeAsync(id, Who(user), body.Until, ct) is { } a ? Results.Ok(AlertDto.From(a, desk.Now)) : Results.NotFound();
        });
        return alerts;
    }

    public static RouteGroupBuilder MapStaffThresholdApi(this RouteGroupBuilder api)
    {
        var thresholds = api.MapGroup("/thresholds");
        thresholds.MapGet("/", async (ThresholdEditor editor, ThresholdScopes scopes, CancellationToken ct) =>
            Results.Ok(await editor.ListAsync((await scopes.ListAsync(ct)).Select(s => s.Scope), ct)));
        thresholds.MapGet("/history", async (ThresholdEditor editor, CancellationToken ct) => Results.Ok(await editor.HistoryAsync(500, ct)));
        thresholds.MapPut("/", async (ThresholdRequest body, ThresholdEditor editor, ClaimsPrincipal user, CancellationToken ct) =>
        {
            try
            {
                var change = await editor.SetAsync(body.Scope, body.Key, body.Value, Who(user), body.Reason, ct);
                return Results.Ok(change);
            }
            catch (ArgumentException ex)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { [ex.ParamName ?? "value"] = [ex.Message] });
            }
        });
        return thresholds;
    }

    internal static string Who(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}
