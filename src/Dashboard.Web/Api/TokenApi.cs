using LeveragedTokens.Data.Entities;
using LeveragedTokens.Data.Queries;
using Microsoft.Extensions.Options;

namespace LeveragedTokens.Dashboard.Web.Api;

internal static class TokenApi
{
    public static RouteGroupBuilder MapTokenApi(this RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/tokens").WithTags("Tokens");
        tokens.MapGet("/", async (TokenQueries q, CancellationToken ct) =>
            TypedResults.Ok((await q.OverviewAsync(ct)).Select(o => o.ToDto()).ToList()));

        // {token} is the contract address or the symbol, percent-encoded (a symbol may hold '/', '%', spaces...).
        tokens.MapGet("/{token}", async (string token, TokenQueries q, CancellationToken ct) =>
        {
            var found = await q.FindAsync(token, ct);
            var overview = found is null ? null
                : (await q.OverviewAsync(ct)).FirstOrDefault(o => o.Token.ChainId == found.ChainId && o.Token.Address == found.Address);
            return overview is null ? NoToken(token) : TypedResults.Ok(overview.ToDto());
        });

        tokens.MapGet("/{token}/nav", async (string token, string? from, string? to, string? resolution,
            TokenQueries tq, SeriesQueries sq, Live.LiveCache cache, CancellationToken ct) =>
        {
            if (!ApiParameters.TryHourRange(from, to, out var fromHour, out var toHour, out var error)) return ApiMapping.BadRequest(error!);
            if (!ApiParameters.TryResolution(resolution, out var hours)) return ApiMapping.BadRequest("'resolution' must be auto, or hours/days such as 1h, 4h, 1d.");
            var found = await tq.FindAsync(token, ct);
            if (found is null) return NoToken(token);
            var series = await cache.GetOrAddAsync($"nav|{found.ChainId}|{found.Address}|{fromHour}|{toHour}|{hours}",
                () => sq.NavAsync(found.ChainId, found.Address, fromHour, toHour, hours ?? 1, ct));
            return TypedResults.Ok(new SeriesDto<NavPointDto>(found.Symbol, Time(fromHour), Time(toHour), series.BucketHours, series.Points.Count,
                series.Points.Select(p => p.ToDto()).ToList()));
        });

        tokens.MapGet("/{token}/rebalances", async (string token, string? from, string? to, string? trigger, string? cursor, string? limit,
            TokenQueries tq, RebalanceQueries rq, IOptions<DashboardOptions> options, CancellationToken ct) =>
        {
            if (!ApiParameters.TryPage(cursor, limit, out var after, out var take, out var error)) return ApiMapping.BadRequest(error!);
            if (!RebalanceVocabulary.TryParseTrigger(trigger, out var trig)) return ApiMapping.BadRequest("'trigger' must be band, fallback or manual (or 0, 1, 2).");
            if (!ApiParameters.TryTimes(from, to, out var f, out var t, out error)) return ApiMapping.BadRequest(error!);
            var found = await tq.FindAsync(token, ct);
            if (found is null) return NoToken(token);
            var page = await rq.PageAsync(new RebalanceFilter { TokenAddress = found.Address, Trigger = trig, From = f, To = t },
                RebalanceSort.Newest, after, take, ct);
            return TypedResults.Ok(new RebalancePageDto(page.Rows.Select(r => r.ToDto(options.Value)).ToList(), page.Next?.Encode()));
        });
        return api;
    }

    internal static IResult NoToken(string token) => ApiMapping.NotFound($"No token with address or symbol '{Clip(token)}'.");

    internal static DateTime? Time(long? hour) => hour is { } h ? Formatting.Times.FromHour(h) : null;

    internal static string Clip(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
