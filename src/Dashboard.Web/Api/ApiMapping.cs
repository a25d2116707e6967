using System.Globalization;
using System.Numerics;
using LeveragedTokens.Dashboard.Web.Formatting;
using LeveragedTokens.Data.Entities;
using LeveragedTokens.Protocol;
using LeveragedTokens.Data.Queries;

namespace LeveragedTokens.Dashboard.Web.Api;

internal static class ApiMapping
{
    public static TokenDto ToDto(this TokenOverview o) => new(
        o.Token.Symbol, o.Token.ChainId, o.Token.Address, o.Token.PoolAddress, o.Token.Underlying, o.Token.IsLong,
        ExactValue.Of(o.Token.TargetLeverage), ExactValue.Of(o.Token.MinLeverage), ExactValue.Of(o.Token.MaxLeverage),
        o.Token.FallbackIntervalSeconds, o.Token.FloorBps,
        ExactValue.Of(o.Latest?.Nav), ExactValue.Of(o.Latest?.Leverage), o.Latest?.Hour, o.Latest?.BlockTime,
        Change(o.Latest?.Nav, o.Nav24hAgo), Change(o.Latest?.Nav, o.Nav7dAgo),
        o.Health.ToString(), o.UtilizationBps is { } u ? ExactValue.Of(u, 0) : null,
        o.LastRebalance is { } r
            ? new RebalanceLinkDto(r.TxHash, r.LogIndex, r.RebalanceId, r.Trigger.ApiName(), r.BlockTime, Data.PublicPaths.RebalanceApi(r.ChainId, r.TxHash, r.LogIndex))
            : null);

    public static IndexerHistoryDto ToDto(this IndexerHistory h, long chainId, DateTime from, DateTime to) => new(
        chainId, from, to, h.BucketSeconds, h.Points.Count,
        h.Points.Select(p => new IndexerPollDto(p.At, p.HeadBlock, new Figure(p.LagBlocks.ToString(CultureInfo.InvariantCulture)),
            new Figure(p.EventsPerSecond.ToString("0.###", CultureInfo.InvariantCulture)), p.ReorgCount, p.DecodeFailures)).ToList(),
        h.Events.Select(e => new IndexerEventDto(e.At, e.Kind.ApiName(), e.Count, e.Total, e.Title())).ToList());

    public static string ApiName(this IndexerEventKind kind) => kind == IndexerEventKind.Reorg ? "reorg" : "decode-failure";

    /// <summary>What a marker says when hovered.</summary>
    public static string Title(this IndexerEvent e) => e.Kind == IndexerEventKind.Reorg
        ? $"{e.Count} reorg(s) seen by {Times.Iso(e.At)} ({e.Total} since the indexer started)"
        : $"{e.Count} log(s) that did not decode, stored by {Times.Iso(e.At)} ({e.Total} in all)";

    /// <summary>Relative change as a decimal string with 6 places (a ratio, not money: double is fine).</summary>
    public static string? Change(BigInteger? now, BigInteger? then) =>
        now is { } n && then is { } t && !t.IsZero
            ? (Wad.ToDouble(n - t) / Wad.ToDouble(t)).ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)
            : null;

    public static RebalanceDto ToDto(this RebalanceRow r, DashboardOptions options) => new(
        new ChainRef(r.ChainId, r.BlockNumber, r.LogIndex, r.TxHash, r.BlockHash, r.BlockTime, options.ExplorerTxUrl(r.ChainId, r.TxHash)),
        r.Symbol, r.TokenAddress, r.RebalanceId, r.Trigger.ApiName(), RebalanceVocabulary.DirectionOf(r.IsBuy).ApiName(),
        ExactValue.Of(r.Amount), ExactValue.Of(r.MarkPrice), ExactValue.Of(r.ExecutionPrice),
        ExactValue.Of(r.LeverageBefore), ExactValue.Of(r.LeverageAfter), ExactValue.Of(r.NavBefore), ExactValue.Of(r.NavAfter),
        ExactValue.Of(r.NavDelta), ExactValue.Of(r.SlippageCost), ExactValue.Of(r.GasCost), ExactValue.Of(r.ReserveDraw),
        Data.PublicPaths.Rebalance(r.ChainId, r.TxHash, r.LogIndex));

    public static DeferralDto ToDto(this DeferralRow d, DashboardOptions options) => new(
        new ChainRef(d.ChainId, d.BlockNumber, d.LogIndex, d.TxHash, d.BlockHash, d.BlockTime, options.ExplorerTxUrl(d.ChainId, d.TxHash)),
        d.Symbol, d.TokenAddress, d.Reason.ApiName(), ExactValue.Of(d.Leverage), ExactValue.Of(d.MarkPrice));

    public static SuspensionDto ToDto(this SuspensionPeriod s, PoolInfo pool, DateTime now, DashboardOptions options) => new(
        s.Suspended.ToDto(options), s.Resumed?.ToDto(options), s.Resumed is null, (long)s.Duration(now).TotalSeconds,
        pool.Tokens.Select(t => t.Symbol).ToList());

    private static SuspensionEdgeDto ToDto(this SuspensionEdge e, DashboardOptions options) => new(
        new ChainRef(e.ChainId, e.BlockNumber, e.LogIndex, e.TxHash, e.BlockHash, e.BlockTime, options.ExplorerTxUrl(e.ChainId, e.TxHash)),
        ExactValue.Of(e.ReserveValue), ExactValue.Of(e.FloorValue));

    public static NavPointDto ToDto(this NavPoint p) =>
        new(p.Hour, Times.FromHour(p.Hour), ExactValue.Of(p.Nav), ExactValue.Of(p.Leverage), ExactValue.Of(p.MarkPrice));

    public static ReservePointDto ToDto(this ReservePoint p) => new(
        p.Hour, Times.FromHour(p.Hour), ExactValue.Of(p.ReserveBalance), ExactValue.Of(p.ReserveValue), ExactValue.Of(p.FloorValue),
        ExactValue.Of(p.TokenSupplyValue), ExactValue.Of(p.MaxUtilizationBps, 0), ExactValue.Of(p.MinBufferDepth), ExactValue.Of(p.MarkPrice));

    public static IResult BadRequest(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request parameter");

    public static IResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
