namespace LeveragedTokens.Data.Queries;

/// <summary>Rebalance lists (keyset-paged, never OFFSET) and the detail of one rebalance.</summary>
public sealed class RebalanceQueries(IDbContextFactory<DashboardDbContext> factory)
{
    public const int MaxLimit = 500;

    public async Task<RebalancePage> PageAsync(RebalanceFilter filter, RebalanceSort sort, RebalanceCursor? after, int limit, CancellationToken ct = default)
    {
        limit = Math.Clamp(limit, 1, MaxLimit);
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = Filter(db.Rebalances.AsNoTracking(), filter);
        var pinned = await NarrowAsync(db, query, filter, ct);
        query = After(pinned.Query, sort, after, pinned.Chain);
        query = sort switch
        {
            RebalanceSort.NavDeltaAscending => query.OrderBy(r => r.NavDelta).ThenBy(r => r.ChainId).ThenBy(r => r.BlockNumber).ThenBy(r => r.LogIndex),
            RebalanceSort.NavDeltaDescending => query.OrderByDescending(r => r.NavDelta).ThenByDescending(r => r.ChainId).ThenByDescending(r => r.BlockNumber).ThenByDescending(r => r.LogIndex),
            _ => query.InLogOrder(oldestFirst: sort == RebalanceSort.Oldest),
        };
        var byDelta = sort is RebalanceSort.NavDeltaAscending or RebalanceSort.NavDeltaDescending;
        var (rows, next) = await LogKeyset.TakePageAsync(Project(db, query), limit,
            last => new RebalanceCursor(last.ChainId, last.BlockNumber, last.LogIndex, byDelta ? last.NavDelta : null), ct);
        return new RebalancePage(rows, next, next is not null);
    }

    private static IQueryable<Rebalance> Filter(IQueryable<Rebalance> q, RebalanceFilter f)
    {
        if (f.ChainId is { } chain) q = q.Where(r => r.ChainId == chain);
        if (f.TokenAddress is { } token) q = q.Where(r => r.TokenAddress == token);
        if (f.Trigger is { } trigger) q = q.Where(r => r.Trigger == trigger);
        if (f.IsBuy is { } isBuy) q = q.Where(r => r.IsBuy == isBuy);
        if (f.From is { } from) q = q.Where(r => r.BlockTime >= from);
        if (f.To is { } to) q = q.Where(r => r.BlockTime <= to);
        if (f.MinNavDelta is { } min) q = q.Where(r => r.NavDelta >= min);
        if (f.MaxNavDelta is { } max) q = q.Where(r => r.NavDelta <= max);
        return q;
    }

    /// <summary>
    /// Index help for time filters: with one chain filtered or indexed (the usual case) pin chain_id, and turn the
    /// time range into block bounds through the (chain, block_time) index, so the keyset scan starts inside the range.
    /// </summary>
    private static async Task<(IQueryable<Rebalance> Query, long? Chain)> NarrowAsync(DashboardDbContext db, IQueryable<Rebalance> q, RebalanceFilter f, CancellationToken ct)
    {
        if ((f.ChainId ?? await LogKeyset.SingleChainAsync(db, ct)) is not { } chain) return (q, null);
        q = q.Where(r => r.ChainId == chain);
        if (f.From is { } from)
        {
            var first = await db.Rebalances.AsNoTracking().Where(r => r.ChainId == chain && r.BlockTime >= from)
                .OrderBy(r => r.BlockTime).ThenBy(r => r.BlockNumber).Select(r => (long?)r.BlockNumber).FirstOrDefaultAsync(ct);
            if (first is { } b) q = q.Where(r => r.BlockNumber >= b);
        }
        if (f.To is { } to)
        {
            var last = await db.Rebalances.AsNoTracking().Where(r => r.ChainId == chain && r.BlockTime <= to)
                .OrderByDescending(r => r.BlockTime).ThenByDescending(r => r.BlockNumber).Select(r => (long?)r.BlockNumber).FirstOrDefaultAsync(ct);
            if (last is { } b) q = q.Where(r => r.BlockNumber <= b);
        }
        return (q, chain);
    }

    private static IQueryable<Rebalance> After(IQueryable<Rebalance> q, RebalanceSort sort, RebalanceCursor? c, long? pinnedChain)
    {
        if (c is null) return q;
        if (sort is RebalanceSort.Newest or RebalanceSort.Oldest) return q.AfterInLogOrder(c, sort == RebalanceSort.Oldest, pinnedChain);
        // Row-value comparisons ((a, b, c) < (x, y, z)) so Postgres walks the index from the cursor.
        var (chain, block, log, delta) = (c.ChainId, c.BlockNumber, c.LogIndex, c.NavDelta ?? 0);
        return sort == RebalanceSort.NavDeltaAscending
            ? q.Where(r => EF.Functions.GreaterThan(
                ValueTuple.Create(r.NavDelta, r.ChainId, r.BlockNumber, r.LogIndex), ValueTuple.Create(delta, chain, block, log)))
            : q.Where(r => EF.Functions.LessThan(
                ValueTuple.Create(r.NavDelta, r.ChainId, r.BlockNumber, r.LogIndex), ValueTuple.Create(delta, chain, block, log)));
    }

    private static IQueryable<RebalanceRow> Project(DashboardDbContext db, IQueryable<Rebalance> q) =>
        from r in q
        join t in db.Tokens on new { r.ChainId, Address = r.TokenAddress } equals new { t.ChainId, t.Address } into tj
        from t in tj.DefaultIfEmpty()
        select new RebalanceRow(r.ChainId, r.BlockNumber, r.LogIndex, r.TxHash, r.BlockHash, r.BlockTime, r.TokenAddress,
            t == null ? "?" : t.Symbol, r.RebalanceId, r.Trigger, r.IsBuy, r.Amount, r.MarkPrice, r.ExecutionPrice,
            r.LeverageBefore, r.LeverageAfter, r.NavBefore, r.NavAfter, r.NavDelta, r.SlippageCost, r.GasCost, r.ReserveDraw);

    /// <summary>The chains that hold a rebalance at this transaction and log index (a chainless link may name several).</summary>
    public async Task<IReadOnlyList<long>> ChainsOfAsync(string txHash, int logIndex, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var tx = txHash.ToLowerInvariant();
        // The (chain_id, tx_hash) index needs the chain: look in each chain that has tokens.
        var chains = await db.Tokens.AsNoTracking().Select(t => t.ChainId).Distinct().ToListAsync(ct);
        return await db.Rebalances.AsNoTracking().Where(r => chains.Contains(r.ChainId) && r.TxHash == tx && r.LogIndex == logIndex)
            .Select(r => r.ChainId).Distinct().OrderBy(c => c).ToListAsync(ct);
    }

    /// <summary>A rebalance of one chain by its transaction and log index, with the raw log and confirmation depth.</summary>
    public async Task<RebalanceDetail?> DetailAsync(long chainId, string txHash, int logIndex, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var tx = txHash.ToLowerInvariant();
        var row = await Project(db, db.Rebalances.AsNoTracking().Where(r => r.ChainId == chainId && r.TxHash == tx && r.LogIndex == logIndex))
            .FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var token = await TokenQueries.Project(db, db.Tokens.Where(t => t.ChainId == row.ChainId && t.Address == row.TokenAddress)).FirstOrDefaultAsync(ct);
        if (token is null) return null;
        var raw = await db.RawEvents.AsNoTracking()
            .Where(e => e.ChainId == row.ChainId && e.BlockNumber == row.BlockNumber && e.LogIndex == row.LogIndex)
            .Select(e => new RawLog(e.EventName, e.Topics, e.Data, e.TxIndex)).FirstOrDefaultAsync(ct);
        var state = await db.IndexerStates.AsNoTracking().Where(s => s.ChainId == row.ChainId)
            .Select(s => new { s.HeadBlock, s.IndexedBlock, s.Confirmations }).FirstOrDefaultAsync(ct);
        return new RebalanceDetail(row, token, raw, state?.HeadBlock, state?.IndexedBlock, state?.Confirmations ?? 0);
    }
}
