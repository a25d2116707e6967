using LeveragedTokens.Dashboard.Web.Api;
using LeveragedTokens.Data.Exports;
using LeveragedTokens.Data.Queries;
using LeveragedTokens.Exports;
using LeveragedTokens.Exports.Reconciliation;

namespace LeveragedTokens.Dashboard.Web.Exports;

/// <summary>
/// Auditors: GET /api/staff/reconciliation/{pool} answers the report as JSON; {pool}.csv (one
/// finding per row) and {pool}.json download it. Pool: underlying ("BTC") or address; period: from,
/// to, fromBlock, toBlock. The rows-vs-eth_getLogs check needs a node: the CLI's reconcile --rpc runs it.
/// </summary>
internal static class ReconciliationApi
{
    public static RouteGroupBuilder MapReconciliationApi(this RouteGroupBuilder api)
    {
        api.MapGet("/{pool}", async (string pool, string? from, string? to, string? fromBlock, string? toBlock, string? chainId,
            TokenQueries tokens, PoolReconciliation reconciliation, CancellationToken ct) =>
        {
            var (name, format) = pool switch
            {
                _ when pool.EndsWith(".csv", StringComparison.Ordinal) => (pool[..^4], ExportFormat.Csv),
                _ when pool.EndsWith(".json", StringComparison.Ordinal) => (pool[..^5], ExportFormat.JsonLines),
                _ => (pool, (ExportFormat?)null),
            };
            var result = await RunAsync(new ExportFilterText(Pool: name, From: from, To: to, FromBlock: fromBlock, ToBlock: toBlock, ChainId: chainId),
                tokens, reconciliation, ct);
            if (result.Report is not { } report) return result.Problem!;
            if (format is null) return Results.Text(report.ToJson(), "application/json; charset=utf-8");
            var body = new MemoryStream();
            await ReconciliationReportWriter.WriteAsync(report, format.Value, body, ct);
            var file = FileName(report, format.Value);
            return Results.File(body.ToArray(), format == ExportFormat.Csv ? "text/csv; charset=utf-8; header=present" : "application/json; charset=utf-8", file);
        });
        return api;
    }

    public sealed record Outcome(ReconciliationReport? Report, IResult? Problem, string? Error);

    /// <summary>Shared with the audit page: the same filters, the same 400/404 answers.</summary>
    public static async Task<Outcome> RunAsync(ExportFilterText text, TokenQueries tokens, PoolReconciliation reconciliation, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text.Pool)) return new Outcome(null, ApiMapping.BadRequest("A pool is required."), "Choose a pool.");
        var filter = await ExportFilters.ResolveAsync(text, tokens, ct);
        if (filter.Query is not { Pool: { } pool, ChainId: { } chain } query) return new Outcome(null, filter.Problem(), filter.Error);
        var report = await reconciliation.RunAsync(new ReconciliationQuery
        {
            ChainId = chain, Pool = pool, FromBlock = query.FromBlock, ToBlock = query.ToBlock, FromTime = query.FromTime, ToTime = query.ToTime,
        }, chain: null, ct);
        return new Outcome(report, null, null);
    }

    /// <summary>"reconciliation.chain-1.pool-0x...[.blocks-A-B][.time-A-B].csv", like the export file names.</summary>
    public static string FileName(ReconciliationReport report, ExportFormat format)
    {
        var q = report.Query;
        var like = ExportFileNames.For(new ExportQuery
        {
            ChainId = q.ChainId, Pool = q.Pool, FromBlock = q.FromBlock, ToBlock = q.ToBlock, FromTime = q.FromTime, ToTime = q.ToTime,
        }, ExportFormat.Csv);
        var stem = "reconciliation" + like[like.IndexOf(".chain-", StringComparison.Ordinal)..^4];
        return stem + (format == ExportFormat.Csv ? ".csv" : ".json");
    }
}
