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
        api.MapGet("/rebalances.csv", (string? token, string? from, string? to, string? chainId, TokenQueries tokens, AuditExport export, CancellationToken ct) =>
            QuickAsync(ExportFormat.Csv, new ExportFilterText(token, From: from, To: to, ChainId: chainId), tokens, export, ct));
        api.MapGet("/rebalances.jsonl", (string? token, string? from, string? to, string? chainId, TokenQueries tokens, AuditExport export, CancellationToken ct) =>
            QuickAsync(ExportFormat.JsonLines, new ExportFilterText(token, From: from, To: to, ChainId: chainId), tokens, export, ct));
        return api;
    }

    /// <summary>
    /// Auditors: GET {dataset}.{csv|jsonl|xlsx} streams every row; {dataset}.{format}.zip holds the
    /// same export and its manifest. Filters: token, pool, from, to, fromBlock, toBlock, chainId. Rows stop at
    /// toBlock, or else at the latest final block; a toBlock above the final block is a 400.
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
            if (await export.NotFinalAsync(query, ct) is { } notFinal) return ApiMapping.BadRequest(notFinal);
            return bundle ? await ExportDownload.Bundle(export, query, format, ct) : ExportDownload.Stream(export, query, format);
        }).WithDescription("Every row of a dataset up to toBlock, or else the latest final block (toBlock above it: 400); "
            + "the manifest in the .zip states \"final up to block N (hash H)\". Schema v2: rows carry chain facts only.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> QuickAsync(ExportFormat format, ExportFilterText text, TokenQueries tokens, AuditExport export, CancellationToken ct)
    {
        var filter = await ExportFilters.ResolveAsync(text, tokens, ct);
        if (filter.Query is not { } query) return filter.Problem();
        return ExportDownload.Stream(export, export.Quick(query with { Dataset = ExportDataset.Rebalances }), format);
    }
}
