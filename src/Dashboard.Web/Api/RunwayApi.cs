using LeveragedTokens.Data.Queries;
using LeveragedTokens.Protocol;
using LeveragedTokens.Staff.Thresholds;

namespace LeveragedTokens.Dashboard.Web.Api;

internal static class RunwayApi
{
    /// <summary>A pool's runway as the reserve page states it, over the window staff set (RunwayWindowHours).</summary>
    public static RouteGroupBuilder MapRunwayApi(this RouteGroupBuilder api)
    {
        api.MapGet("/reserves/{underlying}/runway", async (string underlying, ReserveQueries rq, ThresholdEditor thresholds, CancellationToken ct) =>
        {
            var pool = await rq.FindAsync(underlying, ct);
            if (pool is null) return ApiMapping.NotFound($"No reserve pool for '{TokenApi.Clip(underlying)}'.");
            var window = await thresholds.EffectiveAsync(pool.Address, ThresholdKey.RunwayWindowHours, ct);
            if (await rq.RunwayAsync(pool, window, ct) is not { } reading) return ApiMapping.NotFound($"No hourly metrics for '{TokenApi.Clip(underlying)}' yet.");
            var r = reading.Runway;
            return TypedResults.Ok(new RunwayDto(reading.Hour, Formatting.Times.FromHour(reading.Hour + 1), r.WindowHours,
                ExactValue.Of(r.BufferDepth), ExactValue.Of(r.Drawn), ExactValue.Of(r.DrawPerHour),
                double.IsInfinity(r.Hours) ? null : Math.Round(r.Hours, 1)));
        }).WithTags("Reserves");
        return api;
    }
}
