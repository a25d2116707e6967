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

        tokens.MapGet("/{symbol}", async (string symbol, TokenQueries q, CancellationToken ct) =>
        {
            var overview = (await q.OverviewAsync(ct)).FirstOrDefault(o => o.Token.Symbol == symbol);
            return overview is null ? ApiMapping.NotFound($"No token with symbol '{Clip(symbol)}'.") : TypedResults.Ok(overview.ToDto());
        });

        tokens.MapGet("/{symbol}/nav", async (string symbol, string? from, string? to, string? resolution,
            TokenQueries tq, SeriesQueries sq, Live.LiveCache cache, CancellationToken ct) =>
        {
            if (!ApiParameters.TryHourRange(from, to, out var fromHour, out var toHour, out var error)) return ApiMapping.BadRequest(error!);
            if (!ApiParameters.TryResolution(resolution, out var hours)) return ApiMapping.BadRequest("'resolution' must be auto, or hours/days such as 1h, 4h, 1d.");
            var token = await tq.FindAsync(symbol, ct);
            if (token is null) return ApiMapping.NotFound($"No token with symbol '{Clip(symbol)}'.");
            var series = await cache.GetOrAddAsync($"nav|{token.ChainId}|{token.Address}|{fromHour}|{toHour}|{hours}",
                () => sq.NavAsync(token.ChainId, token.Address, fromHour, toHour, hours ?? 1, ct));
            return TypedResults.Ok(new SeriesDto<NavPointDto>(symbol, Time(fromHour), Time(toHour), series.BucketHours, series.Points.Count,
                series.Points.Select(p => p.ToDto()).ToList()));
        });

        tokens.MapGet("/{symbol}/rebalances", async (string symbol, string? from, string? to, string? trigger, string? cursor, string? limit,
            TokenQueries tq, RebalanceQueries rq, IOptions<DashboardOptions> options, CancellationToken ct) =>
        {
            if (!ApiParameters.TryPage(cursor, limit, out var after, out var take, out var error)) return ApiMapping.BadRequest(error!);
            if (!RebalanceVocabulary.TryParseTrigger(trigger, out var trig)) return ApiMapping.BadRequest("'trigger' must be band, fallback or manual (or 0, 1, 2).");
            if (!ApiParameters.TryTimes(from, to, out var f, out var t, out error)) return ApiMapping.BadRequest(error!);
            var token = await tq.FindAsync(symbol, ct);
            if (token is null) return ApiMapping.NotFound($"No token with symbol '{Clip(symbol)}'.");
            var page = await rq.PageAsync(new RebalanceFilter { TokenAddress = token.Address, Trigger = trig, From = f, To = t },
                RebalanceSort.Newest, after, take, ct);
            return TypedResults.Ok(new RebalancePageDto(page.Rows.Select(r => r.ToDto(options.Value)).ToList(), page.Next?.Encode()));
        });
        return api;
    }

    internal static DateTime? Time(long? hour) => hour is { } h ? Formatting.Times.FromHour(h) : null;

    internal static string Clip(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
