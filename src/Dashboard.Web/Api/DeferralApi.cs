using LeveragedTokens.Data.Queries;
using Microsoft.Extensions.Options;

namespace LeveragedTokens.Dashboard.Web.Api;

internal static class DeferralApi
{
    /// <summary>A token's deferred rebalances, newest first, cursor-paged exactly like its rebalance list (under both token groups).</summary>
    public static RouteGroupBuilder MapDeferrals(this RouteGroupBuilder tokens)
    {
        tokens.MapGet("/{token}/deferrals", async Task<IResult> (string token, string? chainId, string? from, string? to, string? cursor, string? limit,
            TokenQueries tq, DeferralQueries dq, StatusQueries status, IOptions<DashboardOptions> options, CancellationToken ct) =>
        {
            if (!ApiParameters.TryPage(cursor, limit, out var after, out var take, out var error)) return ApiMapping.BadRequest(error!);
            if (!ApiParameters.TryTimes(from, to, out var f, out var t, out error)) return ApiMapping.BadRequest(error!);
            var (info, problem) = await ChainScope.TokenAsync(chainId, token, tq, status, options.Value, ct);
            if (info is null) return problem!;
            var page = await dq.PageAsync(info, f, t, after, take, ct);
            return TypedResults.Ok(new DeferralPageDto(page.Rows.Select(d => d.ToDto(options.Value)).ToList(), page.Next?.Encode()));
        });
        return tokens;
    }
}
