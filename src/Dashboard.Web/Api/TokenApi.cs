using LeveragedTokens.Data.Entities;
using LeveragedTokens.Data.Queries;
using Microsoft.Extensions.Options;

namespace LeveragedTokens.Dashboard.Web.Api;

internal static class TokenApi
{
    /// <summary>
    /// /tokens (chainId in the query, optional) and /chains/{chainId}/tokens: the same handlers. A chainless name on
    /// several chains answers 409 with each chain's token (ChainScope).
    /// </summary>
    public static RouteGroupBuilder MapTokenApi(this RouteGroupBuilder api)
    {
        foreach (var tokens in new[] { api.MapGroup("/tokens"), api.MapGroup("/chains/{chainId}/tokens") })
            tokens.WithTags("Tokens").MapTokens();
        return api;
    }

    private static void MapTokens(this RouteGroupBuilder tokens)
    {
        tokens.MapGet("/", async Task<IResult> (string? chainId, TokenQueries q, StatusQueries status, CancellationToken ct) =>
        {
            var (chain, problem) = await ChainScope.ChainAsync(chainId, status, ct);
            return problem ?? TypedResults.Ok((await q.OverviewAsync(chain, ct)).Select(o => o.ToDto()).ToList());
        });

        // {token} is the contract address or the symbol, percent-encoded (a symbol may hold '/', '%', spaces...).
        tokens.MapGet("/{token}", async Task<IResult> (string token, string? chainId, TokenQueries q, StatusQueries status,
            IOptions<DashboardOptions> options, CancellationToken ct) =>
        {
            var (found, problem) = await ChainScope.TokenAsync(chainId, token, q, status, options.Value, ct);
            if (found is null) return problem!;
            var overview = (await q.OverviewAsync(found.ChainId, ct)).FirstOrDefault(o => o.Token.Address == found.Address);
            return overview is null ? NoToken(token) : TypedResults.Ok(overview.ToDto());
        });

        tokens.MapGet("/{token}/nav", async Task<IResult> (string token, string? chainId, string? from, string? to, string? resolution,
            TokenQueries tq, SeriesQueries sq, StatusQueries status, IOptions<DashboardOptions> options, Live.LiveCache cache, CancellationToken ct) =>
        {
            if (!ApiParameters.TryHourRange(from, to, out var fromHour, out var toHour, out var error)) return ApiMapping.BadRequest(error!);
            if (!ApiParameters.TryResolution(resolution, out var hours)) return ApiMapping.BadRequest("'resolution' must be auto, or hours/days such as 1h, 4h, 1d.");
            var (found, problem) = await ChainScope.TokenAsync(chainId, token, tq, status, options.Value, ct);
            if (found is null) return problem!;
            var series = await cache.GetOrAddAsync($"nav|{found.ChainId}|{found.Address}|{fromHour}|{toHour}|{hours}",
                () => sq.NavAsync(found.ChainId, found.Address, fromHour, toHour, hours ?? 1, ct));
            return TypedResults.Ok(new SeriesDto<NavPointDto>(found.Symbol, found.ChainId, Time(fromHour), Time(toHour), series.BucketHours,
                series.Points.Count, series.Points.Select(p => p.ToDto()).ToList()));
        });

        tokens.MapGet("/{token}/rebalances", async Task<IResult> (string token, string? chainId, string? from, string? to, string? trigger,
            string? cursor, string? limit, TokenQueries tq, RebalanceQueries rq, StatusQueries status, IOptions<DashboardOptions> options,
            CancellationToken ct) =>
        {
            if (!ApiParameters.TryPage(cursor, limit, out var after, out var take, out var error)) return ApiMapping.BadRequest(error!);
            if (!RebalanceVocabulary.TryParseTrigger(trigger, out var trig)) return ApiMapping.BadRequest("'trigger' must be band, fallback or manual (or 0, 1, 2).");
            if (!ApiParameters.TryTimes(from, to, out var f, out var t, out error)) return ApiMapping.BadRequest(error!);
            var (found, problem) = await ChainScope.TokenAsync(chainId, token, tq, status, options.Value, ct);
            if (found is null) return problem!;
            var page = await rq.PageAsync(new RebalanceFilter { ChainId = found.ChainId, TokenAddress = found.Address, Trigger = trig, From = f, To = t },
                RebalanceSort.Newest, after, take, ct);
            return TypedResults.Ok(new RebalancePageDto(page.Rows.Select(r => r.ToDto(options.Value)).ToList(), page.Next?.Encode()));
        });

        tokens.MapDeferrals();
    }

    internal static IResult NoToken(string token) => ApiMapping.NotFound($"No token with address or symbol '{Clip(token)}'.");

    internal static DateTime? Time(long? hour) => hour is { } h ? Formatting.Times.FromHour(h) : null;

    internal static string Clip(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
