namespace LeveragedTokens.Data.Queries;

/// <summary>
/// Keyset paging of chain rows in log order (chain, block, log), never OFFSET: the one implementation behind
/// every cursor-paged list (rebalances, deferrals). The cursor's text form is <see cref="RebalanceCursor"/>'s.
/// </summary>
internal static class LogKeyset
{
    /// <summary>The chain to pin when exactly one is indexed (the usual case), so the keyset compares (block, log) only.</summary>
    public static async Task<long?> SingleChainAsync(DashboardDbContext db, CancellationToken ct)
    {
        var chains = await db.Tokens.AsNoTracking().Select(t => t.ChainId).Distinct().OrderBy(c => c).Take(2).ToListAsync(ct);
        return chains.Count == 1 ? chains[0] : null;
    }

    public static IQueryable<T> InLogOrder<T>(this IQueryable<T> q, bool oldestFirst) where T : ChainLogRow =>
        oldestFirst
            ? q.OrderBy(r => r.ChainId).ThenBy(r => r.BlockNumber).ThenBy(r => r.LogIndex)
            : q.OrderByDescending(r => r.ChainId).ThenByDescending(r => r.BlockNumber).ThenByDescending(r => r.LogIndex);

    /// <summary>Rows strictly after the cursor in log order.</summary>
    public static IQueryable<T> AfterInLogOrder<T>(this IQueryable<T> q, RebalanceCursor? c, bool oldestFirst, long? pinnedChain) where T : ChainLogRow
    {
        if (c is null) return q;
        if (pinnedChain is { } pinned && c.ChainId == pinned)
        {
            // One chain: compare (block, log) only, which a (token, block, log) index can seek to.
            var (b, l) = (c.BlockNumber, c.LogIndex);
            return oldestFirst
                ? q.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.BlockNumber, r.LogIndex), ValueTuple.Create(b, l)))
                : q.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.BlockNumber, r.LogIndex), ValueTuple.Create(b, l)));
        }
        // Row-value comparisons ((a, b, c) < (x, y, z)) so Postgres walks the index from the cursor.
        var (chain, block, log) = (c.ChainId, c.BlockNumber, c.LogIndex);
        return oldestFirst
            ? q.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.ChainId, r.BlockNumber, r.LogIndex), ValueTuple.Create(chain, block, log)))
            : q.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.ChainId, r.BlockNumber, r.LogIndex), ValueTuple.Create(chain, block, log)));
    }

    /// <summary>Reads one row more than the page to know whether another follows; the next cursor is the last row's.</summary>
    public static async Task<(List<TRow> Rows, RebalanceCursor? Next)> TakePageAsync<TRow>(
        IQueryable<TRow> ordered, int limit, Func<TRow, RebalanceCursor> cursorOf, CancellationToken ct)
    {
        var rows = await ordered.Take(limit + 1).ToListAsync(ct);
        var hasMore = rows.Count > limit;
        if (hasMore) rows.RemoveAt(rows.Count - 1);
        return (rows, hasMore && rows.Count > 0 ? cursorOf(rows[^1]) : null);
    }
}
