using LeveragedTokens.Data.Queries;
using Microsoft.Extensions.Options;

namespace LeveragedTokens.Dashboard.Web.Api;

internal static class DeferralApi
{
    /// <summary>A token's deferred rebalances, newest first, cursor-paged exactly like its rebalance list.</summary>
    public static RouteGroupBuilder MapDeferralApi(this RouteGroupBuilder api)
    {
        api.MapGet("/tokens/{token}/deferrals", async (string token, string? from, string? to, string? cursor, string? limit,
            TokenQueries tq, DeferralQueries dq, IOptions<DashboardOptions> options, CancellationToken ct) =>
        {
            if (!ApiParameters.TryPage(cursor, limit, out var after, out var take, out var error)) return ApiMapping.BadRequest(error!);
            if (!ApiParameters.TryTimes(from, to, out var f, out var t, out error)) return ApiMapping.BadRequest(error!);
            var info = await tq.FindAsync(token, ct);
            if (info is null) return TokenApi.NoToken(token);
            var page = await dq.PageAsync(info, f, t, after, take, ct);
            return TypedResults.Ok(new DeferralPageDto(page.Rows.Select(d => d.ToDto(options.Value)).ToList(), page.Next?.Encode()));
        }).WithTags("Tokens");
        return api;
    }
}
