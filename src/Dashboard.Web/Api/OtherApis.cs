using LeveragedTokens.Dashboard.Web.Operations;
using LeveragedTokens.Data.Queries;
using LeveragedTokens.Data.Entities;
using Microsoft.Extensions.Options;

namespace LeveragedTokens.Dashboard.Web.Api;

internal static class RebalanceApi
{
    /// <summary>/rebalances (chainId in the query, optional) and /chains/{chainId}/rebalances: the same handlers.</summary>
    public static RouteGroupBuilder MapRebalanceApi(this RouteGroupBuilder api)
    {
        foreach (var rebalances in new[] { api.MapGroup("/rebalances"), api.MapGroup("/chains/{chainId}/rebalances") })
            rebalances.WithTags("Rebalances").MapRebalances();
        return api;
    }

    private static void MapRebalances(this RouteGroupBuilder rebalances)
    {
        rebalances.MapGet("/", async Task<IResult> (string? chainId, string? from, string? to, string? trigger, string? cursor, string? limit,
            RebalanceQueries rq, StatusQueries status, IOptions<DashboardOptions> options, CancellationToken ct) =>
        {
            if (!ApiParameters.TryPage(cursor, limit, out var after, out var take, out var error)) return ApiMapping.BadRequest(error!);
            if (!RebalanceVocabulary.TryParseTrigger(trigger, out var trig)) return ApiMapping.BadRequest("'trigger' must be band, fallback or manual (or 0, 1, 2).");
            if (!ApiParameters.TryTimes(from, to, out var f, out var t, out error)) return ApiMapping.BadRequest(error!);
            var (chain, problem) = await ChainScope.ChainAsync(chainId, status, ct);
            if (problem is not null) return problem;
            var page = await rq.PageAsync(new RebalanceFilter { ChainId = chain, Trigger = trig, From = f, To = t }, RebalanceSort.Newest, after, take, ct);
            return TypedResults.Ok(new RebalancePageDto(page.Rows.Select(r => r.ToDto(options.Value)).ToList(), page.Next?.Encode()));
        });

        rebalances.MapGet("/{txHash}/{logIndex}", async Task<IResult> (string txHash, string logIndex, string? chainId, RebalanceQueries q,
            StatusQueries status, IOptions<DashboardOptions> options, CancellationToken ct) =>
        {
            if (!ApiParameters.TryTxHash(txHash, out var hash)) return ApiMapping.BadRequest("'txHash' must be 0x followed by 64 hex digits.");
            if (!ApiParameters.TryLogIndex(logIndex, out var index)) return ApiMapping.BadRequest("'logIndex' must be a non-negative integer.");
            var (chain, problem) = await ChainScope.ChainAsync(chainId, status, ct);
            if (problem is not null) return problem;
            var chains = chain is { } c ? [c] : await q.ChainsOfAsync(hash, index, ct);
            if (chains.Count > 1)
                return ChainScope.Ambiguous(hash, [.. chains.Select(id => new ChainCandidate(id, options.Value.ChainName(id), $"{hash}/{index}", hash,
                    Data.PublicPaths.RebalanceApi(id, hash, index)))]);
            var detail = chains.Count == 1 ? await q.DetailAsync(chains[0], hash, index, ct) : null;
            if (detail is null) return ApiMapping.NotFound($"No rebalance at transaction {hash}, log index {index}.");
            return TypedResults.Ok(new RebalanceDetailDto(detail.Rebalance.ToDto(options.Value),
                detail.Raw is { } raw ? new RawLogDto(raw.EventName, raw.Topics, raw.Data, raw.TxIndex) : null,
                detail.HeadBlock, detail.Depth, detail.Confirmations, detail.IsConfirmed));
        });
    }
}

internal static class ReserveApi
{
    /// <summary>/reserves (chainId in the query, optional) and /chains/{chainId}/reserves: the same handlers.</summary>
    public static RouteGroupBuilder MapReserveApi(this RouteGroupBuilder api)
    {
        foreach (var reserves in new[] { api.MapGroup("/reserves"), api.MapGroup("/chains/{chainId}/reserves") })
            reserves.WithTags("Reserves").MapReserves().MapSuspensions().MapRunway();
        return api;
    }

    private static RouteGroupBuilder MapReserves(this RouteGroupBuilder reserves)
    {
        reserves.MapGet("/", async Task<IResult> (string? chainId, ReserveQueries rq, StatusQueries status, CancellationToken ct) =>
        {
            var (chain, problem) = await ChainScope.ChainAsync(chainId, status, ct);
            return problem ?? TypedResults.Ok((await rq.PoolsAsync(ct)).Where(p => chain is null || p.ChainId == chain)
                .Select(p => new PoolDto(p.ChainId, p.Underlying, p.Address, p.FloorBps)).ToList());
        });
        reserves.MapGet("/{underlying}/metrics", async Task<IResult> (string underlying, string? chainId, string? from, string? to, string? resolution,
            ReserveQueries rq, SeriesQueries sq, StatusQueries status, IOptions<DashboardOptions> options, Live.LiveCache cache, CancellationToken ct) =>
        {
            if (!ApiParameters.TryHourRange(from, to, out var fromHour, out var toHour, out var error)) return ApiMapping.BadRequest(error!);
            if (!ApiParameters.TryResolution(resolution, out var hours)) return ApiMapping.BadRequest("'resolution' must be auto, or hours/days such as 1h, 4h, 1d.");
            var (pool, problem) = await ChainScope.PoolAsync(chainId, underlying, rq, status, options.Value, ct);
            if (pool is null) return problem!;
            var series = await cache.GetOrAddAsync($"reserve|{pool.ChainId}|{pool.Address}|{fromHour}|{toHour}|{hours}",
                () => sq.ReserveAsync(pool.ChainId, pool.Address, fromHour, toHour, hours ?? 1, ct));
            return TypedResults.Ok(new SeriesDto<ReservePointDto>(pool.Underlying, pool.ChainId, TokenApi.Time(fromHour), TokenApi.Time(toHour),
                series.BucketHours, series.Points.Count, series.Points.Select(p => p.ToDto()).ToList()));
        });
        return reserves;
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
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapTokenApi().MapRebalanceApi().MapReserveApi().MapStatusApi().MapStressApi().MapDecayApi();
        return app;
    }
}
