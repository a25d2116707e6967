namespace LeveragedTokens.Data.Queries;

/// <summary>A token's deferred rebalances (RebalanceDeferred): the list, and which tokens are being deferred now.</summary>
public sealed class DeferralQueries(IDbContextFactory<DashboardDbContext> factory)
{
    /// <summary>A token's deferrals in [from, to], newest first, keyset-paged like the rebalance list.</summary>
    public async Task<DeferralPage> PageAsync(TokenInfo token, DateTime? from, DateTime? to, RebalanceCursor? after, int limit, CancellationToken ct = default)
    {
        limit = Math.Clamp(limit, 1, RebalanceQueries.MaxLimit);
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.RebalanceDeferrals.AsNoTracking().Where(d => d.ChainId == token.ChainId && d.TokenAddress == token.Address);
        if (from is { } f) query = query.Where(d => d.BlockTime >= f);
        if (to is { } t) query = query.Where(d => d.BlockTime <= t);
        var ordered = query.AfterInLogOrder(after, oldestFirst: false, token.ChainId).InLogOrder(oldestFirst: false)
            .Select(d => new DeferralRow(d.ChainId, d.BlockNumber, d.LogIndex, d.TxHash, d.BlockHash, d.BlockTime, d.TokenAddress,
                token.Symbol, d.Reason, d.Leverage, d.MarkPrice));
        var (rows, next) = await LogKeyset.TakePageAsync(ordered, limit, last => new RebalanceCursor(last.ChainId, last.BlockNumber, last.LogIndex), ct);
        return new DeferralPage(rows, next);
    }

    /// <summary>
    /// Tokens whose latest deferral is newer than their latest rebalance: the rebalance they are owed is being held back,
    /// since the first deferral after that rebalance.
    /// </summary>
    public async Task<IReadOnlyList<DeferredRebalance>> DeferredNowAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var conn = await SeriesQueries.OpenAsync(db, ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT t.chain_id, t.address, d.reason, d.block_time, s.block_time, s.block_number, s.log_index, s.tx_hash
            FROM tokens t
            LEFT JOIN LATERAL (SELECT block_number, log_index FROM rebalances WHERE chain_id = t.chain_id AND token_address = t.address
                               ORDER BY block_number DESC, log_index DESC LIMIT 1) r ON true
            JOIN LATERAL (SELECT reason, block_time FROM rebalance_deferrals WHERE chain_id = t.chain_id AND token_address = t.address
                          ORDER BY block_number DESC, log_index DESC LIMIT 1) d ON true
            JOIN LATERAL (SELECT block_time, block_number, log_index, tx_hash FROM rebalance_deferrals
                          WHERE chain_id = t.chain_id AND token_address = t.address
                            AND (r.block_number IS NULL OR (block_number, log_index) > (r.block_number, r.log_index))
                          ORDER BY block_number, log_index LIMIT 1) s ON true
            """, conn);
        var rows = new List<DeferredRebalance>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new DeferredRebalance(reader.GetInt64(0), reader.GetString(1), (DeferralReason)reader.GetInt16(2), reader.GetDateTime(3),
                reader.GetDateTime(4), reader.GetInt64(5), reader.GetInt32(6), reader.GetString(7)));
        return rows;
    }
}
