using LeveragedTokens.Data.Queries;
using LeveragedTokens.Protocol;
using LeveragedTokens.Staff.Thresholds;
using Microsoft.Extensions.Options;

namespace LeveragedTokens.Dashboard.Web.Api;

internal static class RunwayApi
{
    /// <summary>A pool's runway as the reserve page states it, over the window staff set (RunwayWindowHours); under both reserve groups.</summary>
    public static RouteGroupBuilder MapRunway(this RouteGroupBuilder reserves)
    {
        reserves.MapGet("/{underlying}/runway", async Task<IResult> (string underlying, string? chainId, ReserveQueries rq, StatusQueries status,
            IOptions<DashboardOptions> options, ThresholdEditor thresholds, CancellationToken ct) =>
        {
            var (pool, problem) = await ChainScope.PoolAsync(chainId, underlying, rq, status, options.Value, ct);
            if (pool is null) return problem!;
            var window = await thresholds.EffectiveAsync(ThresholdScopes.Of(pool.ChainId, pool.Address), ThresholdKey.RunwayWindowHours, ct);
            if (await rq.RunwayAsync(pool, window, ct) is not { } reading) return ApiMapping.NotFound($"No hourly metrics for '{TokenApi.Clip(underlying)}' yet.");
            var r = reading.Runway;
            return TypedResults.Ok(new RunwayDto(pool.ChainId, reading.Hour, Formatting.Times.FromHour(reading.Hour + 1), r.WindowHours,
                ExactValue.Of(r.BufferDepth), ExactValue.Of(r.Drawn), ExactValue.Of(r.DrawPerHour),
                double.IsInfinity(r.Hours) ? null : Math.Round(r.Hours, 1)));
        });
        return reserves;
    }
}
