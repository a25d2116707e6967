using LeveragedTokens.Data;
using LeveragedTokens.Data.Entities;
using LeveragedTokens.Staff.Thresholds;
using Microsoft.EntityFrameworkCore;

namespace LeveragedTokens.Staff.Alerts;

/// <summary>
/// One evaluation of one chain: the rules read rows with FromBlock &lt; block &lt;= ToBlock,
/// in block order, and report to the book.
/// </summary>
/// <param name="Indexer">The chain's indexer state (its chain id is the evaluation's).</param>
/// <param name="FromBlock">Last block evaluated before (exclusive); -1 at the start.</param>
/// <param name="ToBlock">The indexer's checkpoint (inclusive).</param>
/// <param name="ChainNow">Chain time at ToBlock.</param>
public sealed record RuleContext(
    IndexerState Indexer, long FromBlock, long ToBlock, DateTime ChainNow, DateTime WallNow,
    IReadOnlyDictionary<string, ReservePool> Pools, IReadOnlyDictionary<string, LeveragedToken> Tokens,
    ThresholdSet Thresholds, DashboardDbContext Chain, AlertBook Book)
{
    public long ChainId => Indexer.ChainId;

    public string PoolLabel(string pool) => Pools.TryGetValue(pool, out var p) ? $"{p.Underlying} pool" : pool;
    public string TokenLabel(string token) => Tokens.TryGetValue(token, out var t) ? t.Symbol : token;

    /// <summary>The rows of a chain table this evaluation looks at, in log order.</summary>
    public IQueryable<T> NewRows<T>(IQueryable<T> table) where T : ChainLogRow =>
        table.AsNoTracking()
            .Where(r => r.ChainId == ChainId && r.BlockNumber > FromBlock && r.BlockNumber <= ToBlock)
            .OrderBy(r => r.BlockNumber).ThenBy(r => r.LogIndex);

    /// <summary>The evaluation's ReserveMetrics rows, read once for every rule that looks at them (floor, runway, publication).</summary>
    public Task<List<ReserveMetrics>> NewReserveMetricsAsync(CancellationToken ct) =>
        _newReserveMetrics ??= NewRows(Chain.ReserveMetrics).ToListAsync(ct);

    private Task<List<ReserveMetrics>>? _newReserveMetrics;

    /// <summary>The rows evaluated before, newest first: where a rule picks up its state from.</summary>
    public IQueryable<T> EarlierRowsNewestFirst<T>(IQueryable<T> table) where T : ChainLogRow =>
        table.AsNoTracking()
            .Where(r => r.ChainId == ChainId && r.BlockNumber <= FromBlock)
            .OrderByDescending(r => r.BlockNumber).ThenByDescending(r => r.LogIndex);
}

/// <summary>One family of conditions. Rules are stateless: what they remember lives in the book and the chain rows.</summary>
public interface IAlertRule
{
    Task EvaluateAsync(RuleContext context, CancellationToken ct);
}
