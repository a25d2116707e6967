using LeveragedTokens.Dashboard.Web.Exports;
using LeveragedTokens.Data.Queries;
using LeveragedTokens.Exports;
using LeveragedTokens.Exports.Reconciliation;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;

namespace LeveragedTokens.Dashboard.Web.Components.Pages.Audit;

/// <summary>
/// Auditors: full exports as links to /api/staff/exports (the browser downloads them with the
/// sign-in cookie, streamed, no row cap) and the reconciliation report of a pool, run in the circuit.
/// </summary>
public partial class AuditPage
{
    [Inject] private PoolReconciliation Reconciliation { get; set; } = default!;
    [Inject] private AuditExport Export { get; set; } = default!;

    private IReadOnlyList<TokenInfo> _tokens = [];
    private IReadOnlyList<PoolChoice> _pools = [];
    private string _dataset = "rebalances";
    private string _format = "csv";
    private readonly AuditFilterForm _export = new();
    private readonly AuditFilterForm _recon = new();
    private string? _exportError;
    private string? _fileName;
    private string? _reconError;
    private ReconciliationReport? _report;
    private bool _running;
    private bool _interactive;

    private sealed record PoolChoice(string Address, string Underlying);

    protected override async Task OnInitializedAsync()
    {
        _tokens = await Tokens.ListAsync();
        _pools = [.. _tokens.GroupBy(t => t.PoolAddress).Select(g => new PoolChoice(g.Key, g.First().Underlying)).OrderBy(p => p.Underlying, StringComparer.Ordinal)];
        _recon.Pool = _pools.FirstOrDefault()?.Address ?? "";
        await RefreshAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Only runs once the circuit is up (not while prerendering): browser tests wait for it.
        if (!firstRender) return;
        _interactive = true;
        StateHasChanged();
    }

    /// <summary>Checks the filters with the API's own rules and shows the file name the download will have.</summary>
    private async Task RefreshAsync()
    {
        var filter = await ExportFilters.ResolveAsync(_export.ToText(), Tokens, CancellationToken.None);
        // The same refusal the download would answer with: a toBlock above the final block.
        _exportError = filter.Error ?? (filter.Query is { } query ? await Export.NotFinalAsync(query, CancellationToken.None) : null);
        _fileName = filter.Query is { } q && ExportDownload.TryDataset(_dataset, out var dataset) && ExportDownload.TryFormat(_format, out var format)
            ? ExportFileNames.For(q with { Dataset = dataset }, format)
            : null;
    }

    private string ExportHref(bool bundle) =>
        QueryHelpers.AddQueryString($"/api/staff/exports/{_dataset}.{_format}{(bundle ? ".zip" : "")}", _export.QueryParameters(withPool: true));

    private string ReconHref(string extension) =>
        QueryHelpers.AddQueryString($"/api/staff/reconciliation/{Uri.EscapeDataString(_recon.Pool)}.{extension}", _recon.QueryParameters(withPool: false));

    private async Task ReconcileAsync()
    {
        _running = true;
        _reconError = null;
        _report = null;
        try
        {
            var outcome = await ReconciliationApi.RunAsync(_recon.ToText(), Tokens, Reconciliation, CancellationToken.None);
            (_report, _reconError) = (outcome.Report, outcome.Error);
        }
        finally
        {
            _running = false;
        }
    }
}

/// <summary>The text fields of one form on the audit page, as the API's query parameters.</summary>
public sealed class AuditFilterForm
{
    public string Token { get; set; } = "";
    public string Pool { get; set; } = "";
    public string? From { get; set; }
    public string? To { get; set; }
    public string? FromBlock { get; set; }
    public string? ToBlock { get; set; }

    internal ExportFilterText ToText() => new(Token, Pool, From, To, FromBlock, ToBlock);

    internal IEnumerable<KeyValuePair<string, string?>> QueryParameters(bool withPool) =>
        new Dictionary<string, string?>
        {
            ["token"] = withPool ? Token : null, ["pool"] = withPool ? Pool : null,
            ["from"] = From, ["to"] = To, ["fromBlock"] = FromBlock, ["toBlock"] = ToBlock,
        }.Where(p => !string.IsNullOrWhiteSpace(p.Value));
}
