using LeveragedTokens.Data.Queries;
using Microsoft.Extensions.Options;

namespace LeveragedTokens.Dashboard.Web.Api;

internal static class SuspensionApi
{
    /// <summary>A pool's suspensions, oldest first, each traceable to the logs that opened and closed it (under both reserve groups).</summary>
    public static RouteGroupBuilder MapSuspensions(this RouteGroupBuilder reserves)
    {
        reserves.MapGet("/{underlying}/suspensions", async Task<IResult> (string underlying, string? chainId, ReserveQueries rq, StatusQueries sq,
            IOptions<DashboardOptions> options, CancellationToken ct) =>
        {
            var (pool, problem) = await ChainScope.PoolAsync(chainId, underlying, rq, sq, options.Value, ct);
            if (pool is null) return problem!;
            var suspensions = await rq.SuspensionsAsync(pool, ct);
            // An ongoing suspension lasts until chain now, as the reserve page counts it.
            var now = await sq.ChainNowAsync(pool.ChainId, ct) ?? DateTime.UtcNow;
            return TypedResults.Ok(suspensions.Select(s => s.ToDto(pool, now, options.Value)).ToList());
        });
        return reserves;
    }
}
