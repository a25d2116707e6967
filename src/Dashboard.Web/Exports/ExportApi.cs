using LeveragedTokens.Dashboard.Web.Api;
using LeveragedTokens.Data.Exports;
using LeveragedTokens.Data.Queries;
using LeveragedTokens.Exports;

namespace LeveragedTokens.Dashboard.Web.Exports;

internal static class ExportApi
{
    /// <summary>
    /// Anyone: the rebalance history of a token and period, capped at Exports:QuickExportMaxRows; the
    /// file name ends in "first-N" and the X-Export-Row-Cap header says the same.
    /// </summary>
    public static RouteGroupBuilder MapQuickExportApi(this RouteGroupBuilder api)
    {
        api.MapGet("/rebalances.csv", (string? token, string? from, string? to, TokenQueries tokens, AuditExport export, CancellationToken ct) =>
            QuickAsync(ExportFormat.Csv, new ExportFilterText(token, From: from, To: to), tokens, export, ct));
        api.MapGet("/rebalances.jsonl", (string? token, string? from, string? to, TokenQueries tokens, AuditExport export, CancellationToken ct) =>
            QuickAsync(ExportFormat.JsonLines, new ExportFilterText(token, From: from, To: to), tokens, export, ct));
        return api;
    }

    /// <summary>
    /// Auditors: GET {dataset}.{csv|jsonl|xlsx} streams every row; {dataset}.{format}.zip holds the
    /// same export and its manifest. Filters: token, pool, from, to, fromBlock, toBlock, chainId.
    /// </summary>
    public static RouteGroupBuilder MapAuditExportApi(this RouteGroupBuilder api)
    {
        api.MapGet("/{file}", async (string file, string? token, string? pool, string? from, string? to, string? fromBlock, string? toBlock,
            string? chainId, TokenQueries tokens, AuditExport export, CancellationToken ct) =>
        {
            var bundle = file.EndsWith(".zip", StringComparison.Ordinal);
            var name = bundle ? file[..^4] : file;
            var dot = name.LastIndexOf('.');
            if (dot < 0 || !ExportDownload.TryDataset(name[..dot], out var dataset) || !ExportDownload.TryFormat(name[(dot + 1)..], out var format))
                return ApiMapping.NotFound("Exports are rebalances, reserve-ledger or reserve-metrics, as .csv, .jsonl or .xlsx (add .zip for the manifest).");
            var filter = await ExportFilters.ResolveAsync(new ExportFilterText(token, pool, from, to, fromBlock, toBlock, chainId), tokens, ct);
            if (filter.Query is not { } query) return filter.Problem();
            query = query with { Dataset = dataset };
            return bundle ? await ExportDownload.Bundle(export, query, format, ct) : ExportDownload.Stream(export, query, format);
        });
        return api;
    }

    private static async Task<IResult> QuickAsync(ExportFormat format, ExportFilterText text, TokenQueries tokens, AuditExport export, CancellationToken ct)
    {
        var filter = await ExportFilters.ResolveAsync(text, tokens, ct);
        if (filter.Query is not { } query) return filter.Problem();
        return ExportDownload.Stream(export, export.Quick(query with { Dataset = ExportDataset.Rebalances }), format);
    }
}
