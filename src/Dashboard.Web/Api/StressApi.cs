using LeveragedTokens.Stress;

namespace LeveragedTokens.Dashboard.Web.Api;

/// <summary>GET /api/v1/stress: what a price shock, path or replayed window would do to every token and reserve.</summary>
internal static class StressApi
{
    public static RouteGroupBuilder MapStressApi(this RouteGroupBuilder api)
    {
        api.MapGet("/stress", RunAsync).WithTags("Stress").Produces<StressDto>().Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("Stress scenario from the indexed state at a block")
            .WithDescription("shocks=BTC:-30,ETH:+10 (instant, percent) or path=BTC:-2x24 (hourly moves) or replayFrom=&replayTo= (blocks); " +
                             "hours (1-720, default 24), liquidity (multiplier of the fitted spot depth, default 1), atBlock (default the latest final block); " +
                             "chainId (needed when several chains are indexed); " +
                             "format=json or csv answers the same result as a file to download (starting block and model parameters included).");
        return api;
    }

    private static async Task<IResult> RunAsync(string? shocks, string? path, string? hours, string? liquidity, string? atBlock,
        string? replayFrom, string? replayTo, string? chainId, string? format, StressService stress, CancellationToken ct)
    {
        var export = StressFormat.Json;
        if (format is not null && !StressExport.TryFormat(format, out export)) return ApiMapping.BadRequest("'format' must be json or csv.");
        if (!StressRequestText.TryParse(shocks, path, hours, liquidity, atBlock, replayFrom, replayTo, chainId, out var request, out var error)) return ApiMapping.BadRequest(error!);
        var (report, failure, notFound) = await stress.RunAsync(request!, ct);
        if (report is null) return notFound ? ApiMapping.NotFound(failure!) : ApiMapping.BadRequest(failure!);
        var document = report.ToDto();
        if (format is null) return TypedResults.Ok(document);
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(StressExport.Write(document, export)), StressExport.ContentType(export),
            StressExport.FileName(document, export));
    }
}
