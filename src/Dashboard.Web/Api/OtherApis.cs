using LeveragedTokens.Dashboard.Web.Operations;
using LeveragedTokens.Data.Queries;
using LeveragedTokens.Data.Entities;
using Microsoft.Extensions.Options;

namespace LeveragedTokens.Dashboard.Web.Api;

internal static class RebalanceApi
{
    public static RouteGroupBuilder MapRebalanceApi(this RouteGroupBuilder api)
    {
        api.MapGet("/rebalances/{txHash}/{logIndex}", async (string txHash, string logIndex, RebalanceQueries q,
            IOptions<DashboardOptions> options, CancellationToken ct) =>
        {
            if (!ApiParameters.TryTxHash(txHash, out var hash)) return ApiMapping.BadRequest("'txHash' must be 0x followed by 64 hex digits.");
            if (!ApiParameters.TryLogIndex(logIndex, out var index)) return ApiMapping.BadRequest("'logIndex' must be a non-negative integer.");
            var detail = await q.DetailAsync(hash, index, ct);
            if (detail is null) return ApiMapping.NotFound($"No rebalance at transaction {hash}, log index {index}.");
            return TypedResults.Ok(new RebalanceDetailDto(detail.Rebalance.ToDto(options.Value),
                detail.Raw is { } raw ? new RawLogDto(raw.EventName, raw.Topics, raw.Data, raw.TxIndex) : null,
                detail.HeadBlock, detail.Depth, detail.Confirmations, detail.IsConfirmed));
        }).WithTags("Rebalances");
        return api;
    }
}

internal static class ReserveApi
{
    public static RouteGroupBuilder MapReserveApi(this RouteGroupBuilder api)
    {
        api.MapGet("/reserves/{underlying}/metrics", async (string underlying, string? from, string? to, string? resolution,
            ReserveQueries rq, SeriesQueries sq, Live.LiveCache cache, CancellationToken ct) =>
        {
            if (!ApiParameters.TryHourRange(from, to, out var fromHour, out var toHour, out var error)) return ApiMapping.BadRequest(error!);
            if (!ApiParameters.TryResolution(resolution, out var hours)) return ApiMapping.BadRequest("'resolution' must be auto, or hours/days such as 1h, 4h, 1d.");
            var pool = await rq.FindAsync(underlying, ct);
            if (pool is null) return ApiMapping.NotFound($"No reserve pool for '{TokenApi.Clip(underlying)}'.");
            var series = await cache.GetOrAddAsync($"reserve|{pool.ChainId}|{pool.Address}|{fromHour}|{toHour}|{hours}",
                () => sq.ReserveAsync(pool.ChainId, pool.Address, fromHour, toHour, hours ?? 1, ct));
            return TypedResults.Ok(new SeriesDto<ReservePointDto>(pool.Underlying, TokenApi.Time(fromHour), TokenApi.Time(toHour),
                series.BucketHours, series.Points.Count, series.Points.Select(p => p.ToDto()).ToList()));
        }).WithTags("Reserves");
        return api;
    }
}

internal static class StatusApi
{
    public static RouteGroupBuilder MapStatusApi(this RouteGroupBuilder api)
    {
        api.MapGet("/status", async (StatusQueries q, IOptions<DashboardOptions> options, CancellationToken ct) =>
        {
            var chains = (await q.ListAsync(ct)).Select(s => new ChainStatusDto(s.ChainId, s.HeadBlock, s.IndexedBlock,
                Math.Max(0, s.HeadBlock - s.IndexedBlock), s.Confirmations, s.EventsPerSecond, s.ReorgCount, s.DecodeFailures,
                s.LastError, s.LastErrorAt, s.UpdatedAt, Freshness.IsStale(s, options.Value, DateTime.UtcNow))).ToList();
            return TypedResults.Ok(new StatusDto(chains, chains.Count == 0 || chains.Any(c => c.Stale)));
        }).WithTags("Status");
        api.MapGet("/chains", async (StatusQueries q, IOptions<DashboardOptions> options, CancellationToken ct) =>
        {
            var o = options.Value;
            var nodes = await q.NodesAsync(ct);
            return TypedResults.Ok((await q.ListAsync(ct)).Select(s =>
            {
                var own = nodes.Where(n => n.ChainId == s.ChainId).ToList();
                return new ChainDto(s.ChainId, o.ChainName(s.ChainId), o.Explorer(s.ChainId), s.HeadBlock, s.IndexedBlock,
                    Math.Max(0, s.HeadBlock - s.IndexedBlock), Freshness.IsStale(s, o, DateTime.UtcNow) ? "stale" : "live", s.UpdatedAt,
                    own.Count(n => n.State is Chain.RpcNodeState.InUse or Chain.RpcNodeState.Standby), own.Count);
            }).ToList());
        }).WithTags("Status");
        api.MapGet("/status/decode-failures", async Task<IResult> (string? limit, StatusQueries q, CancellationToken ct) =>
        {
            if (!ApiParameters.TryLimit(limit, 50, out var take)) return ApiMapping.BadRequest($"'limit' must be 1 to {RebalanceQueries.MaxLimit}.");
            var failures = await q.DecodeFailuresAsync(take, ct);
            return TypedResults.Ok(failures.Select(f => new DecodeFailureDto(
                f.ChainId, f.BlockNumber, f.BlockHash, f.BlockTime, f.TxHash, f.LogIndex, f.ContractAddress, f.Topics, f.Data, f.Error)));
        }).WithTags("Status");
        // Wall-clock history (the indexer's polls), so from/to are times; the default is the retention, the last 7 days.
        api.MapGet("/status/{chainId:long}/history", async Task<IResult> (long chainId, string? from, string? to, StatusQueries q, CancellationToken ct) =>
        {
            if (!ApiParameters.TryTimes(from, to, out var f, out var t, out var error)) return ApiMapping.BadRequest(error!);
            var end = t ?? DateTime.UtcNow;
            var start = f ?? end.AddDays(-IndexerPolls.KeepDays);
            var history = await q.HistoryAsync(chainId, start, end, ct);
            return TypedResults.Ok(history.ToDto(chainId, start, end));
        }).WithTags("Status");
        return api;
    }
}

internal static class DashboardApi
{
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireRateLimiting(RateLimits.ApiPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapTokenApi().MapDeferralApi().MapRebalanceApi().MapReserveApi().MapSuspensionApi().MapRunwayApi().MapStatusApi().MapStressApi().MapDecayApi();
        return app;
    }
}
