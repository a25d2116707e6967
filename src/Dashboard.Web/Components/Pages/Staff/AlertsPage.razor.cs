using System.Globalization;
using LeveragedTokens.Staff.Alerts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace LeveragedTokens.Dashboard.Web.Components.Pages.Staff;

public partial class AlertsPage
{
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }
    [SupplyParameterFromQuery] public string? Status { get; set; }
    [SupplyParameterFromQuery] public string? Severity { get; set; }
    [SupplyParameterFromQuery] public string? Kind { get; set; }
    [SupplyParameterFromQuery] public string? View { get; set; }

    private IReadOnlyList<Alert>? _alerts;
    private IReadOnlyDictionary<long, string> _deliveries = new Dictionary<long, string>();
    private IReadOnlyDictionary<long, IReadOnlyList<AlertAction>> _trails = new Dictionary<long, IReadOnlyList<AlertAction>>();
    private long? _acknowledging;
    private string? _note;
    private IDisposable? _subscription;
    private bool _interactive;

    private bool History => View == "history";

    protected override void OnInitialized() =>
        _subscription = Hub.Subscribe(() => InvokeAsync(async () => { await LoadAsync(); StateHasChanged(); }));

    protected override Task OnParametersSetAsync() => LoadAsync();

    protected override void OnAfterRender(bool firstRender)
    {
        // Only runs once the circuit is up: tests and people know the buttons work from here on.
        if (!firstRender) return;
        _interactive = true;
        StateHasChanged();
    }

    private async Task LoadAsync()
    {
        var filter = new AlertFilter(
            Enum.TryParse<AlertStatus>(Status, out var s) ? s : null,
            Enum.TryParse<AlertSeverity>(Severity, out var v) ? v : null,
            Enum.TryParse<AlertKind>(Kind, out var k) ? k : null,
            History);
        _alerts = await Desk.ListAsync(filter, CancellationToken.None);
        _deliveries = await Desk.DeliverySummariesAsync(_alerts.Select(a => a.Id), CancellationToken.None);
        _trails = await Desk.TrailsAsync(_alerts.Select(a => a.Id).ToList(), CancellationToken.None);
    }

    private string Link(string? status = null, string? severity = null, string? kind = null, string? view = null) =>
        Nav.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["status"] = Blank(status ?? Status),
            ["severity"] = Blank(severity ?? Severity),
            ["kind"] = Blank(kind ?? Kind),
            ["view"] = Blank(view ?? View),
        });

    private void Go(string? status = null, string? severity = null, string? kind = null) =>
        Nav.NavigateTo(Link(status, severity, kind));

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private void StartAcknowledge(long id)
    {
        _acknowledging = id;
        _note = "";
    }

    private async Task AcknowledgeAsync(long id)
    {
        if (string.IsNullOrWhiteSpace(_note)) return;
        await Desk.AcknowledgeAsync(id, await WhoAsync(), _note, CancellationToken.None);
        _acknowledging = null;
        _note = null;
        await LoadAsync();
    }

    private async Task SnoozeAsync(long id, int? hours)
    {
        await Desk.SnoozeAsync(id, await WhoAsync(), hours is null ? null : Desk.Now.AddHours(hours.Value), CancellationToken.None);
        await LoadAsync();
    }

    private async Task<string> WhoAsync() =>
        (AuthState is null ? null : (await AuthState).User.Identity?.Name) ?? "unknown";

    private static Color SeverityColor(AlertSeverity s) => s switch
    {
        AlertSeverity.Critical => Color.Error,
        AlertSeverity.Warning => Color.Warning,
        _ => Color.Info,
    };

    private static string StatusText(Alert a, AlertStatus s) => s switch
    {
        AlertStatus.Resolved => "resolved",
        AlertStatus.Snoozed => "snoozed",
        AlertStatus.Acknowledged => "acknowledged",
        _ => "open",
    };

    private static string Evidence(Alert a) =>
        $"Fired at block {a.FiredBlock}{(a.FiredTxHash is null ? "" : $" (tx {Short(a.FiredTxHash)})")}, chain time {Utc(a.FiredAt)}"
        + (a.Value is null ? "" : $" · value {a.Value:0.##} {a.Unit}, threshold {a.Threshold:0.##} {a.Unit}");

    private static string Short(string hash) => hash.Length > 14 ? $"{hash[..8]}…{hash[^4..]}" : hash;

    private static string TrailLine(AlertAction a) =>
        $"{Utc(a.At)} · {a.Action} by {a.By}" + (a.Before is null ? "" : $" · {a.Before} → {a.After}")
        + (string.IsNullOrEmpty(a.Comment) ? "" : $" · “{a.Comment}”");

    private static string Utc(DateTime t) => t.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public void Dispose() => _subscription?.Dispose();
}
