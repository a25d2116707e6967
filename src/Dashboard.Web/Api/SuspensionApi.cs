using LeveragedTokens.Data.Queries;
using Microsoft.Extensions.Options;

namespace LeveragedTokens.Dashboard.Web.Api;

internal static class SuspensionApi
{
    /// <summary>A pool's suspensions, oldest first, each traceable to the logs that opened and closed it.</summary>
    public static RouteGroupBuilder MapSuspensionApi(this RouteGroupBuilder api)
    {
        api.MapGet("/reserves/{underlying}/suspensions", async (string underlying, ReserveQueries rq, StatusQueries sq,
            IOptions<DashboardOptions> options, CancellationToken ct) =>
        {
            var pool = await rq.FindAsync(underlying, ct);
            if (pool is null) return ApiMapping.NotFound($"No reserve pool for '{TokenApi.Clip(underlying)}'.");
            var suspensions = await rq.SuspensionsAsync(pool, ct);
            // An ongoing suspension lasts until chain now, as the reserve page counts it.
            var now = await sq.ChainNowAsync(pool.ChainId, ct) ?? DateTime.UtcNow;
            return TypedResults.Ok(suspensions.Select(s => s.ToDto(pool, now, options.Value)).ToList());
        }).WithTags("Reserves");
        return api;
    }
}
