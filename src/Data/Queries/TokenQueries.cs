namespace LeveragedTokens.Data.Queries;

/// <summary>Tokens, their parameters and the overview figures. Reads only.</summary>
public sealed class TokenQueries(IDbContextFactory<DashboardDbContext> factory)
{
    /// <summary>Utilization from which a pool counts as near its floor (80%).</summary>
    public const int NearFloorBps = 8000;

    /// <summary>Every token, or one chain's, by chain, underlying and symbol.</summary>
    public async Task<IReadOnlyList<TokenInfo>> ListAsync(long? chainId = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var tokens = await Project(db, chainId is { } c ? db.Tokens.Where(t => t.ChainId == c) : db.Tokens).ToListAsync(ct);
        return [.. tokens.OrderBy(t => t.ChainId).ThenBy(t => t.Underlying, StringComparer.Ordinal).ThenBy(t => t.Symbol, StringComparer.Ordinal)];
    }

    /// <summary>A token of one chain by its contract address (any case) or, failing that, its exact symbol.</summary>
    public async Task<TokenInfo?> FindAsync(long chainId, string symbolOrAddress, CancellationToken ct = default) =>
        (await MatchesAsync(symbolOrAddress, chainId, ct)).FirstOrDefault();

    /// <summary>
    /// The token a symbol or address names on each chain, by chain id: one match is the token, several make the
    /// name ambiguous without a chain (the same protocol deployed on two chains has the same addresses and symbols).
    /// </summary>
    public async Task<IReadOnlyList<TokenInfo>> MatchesAsync(string symbolOrAddress, long? chainId = null, CancellationToken ct = default)
    {
        if (!PostgresText.CanHold(symbolOrAddress)) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var tokens = chainId is { } c ? db.Tokens.Where(t => t.ChainId == c) : db.Tokens;
        var address = EvmAddress.Normalised(symbolOrAddress);
        var found = await Project(db, address is not null
            ? tokens.Where(t => t.Address == address || t.Symbol == symbolOrAddress)
            : tokens.Where(t => t.Symbol == symbolOrAddress)).ToListAsync(ct);
        // Per chain the address wins over a symbol that happens to look like one.
        return [.. found.GroupBy(t => t.ChainId).OrderBy(g => g.Key).Select(g => g.OrderBy(t => t.Address == address ? 0 : 1).First())];
    }

    internal static IQueryable<TokenInfo> Project(DashboardDbContext db, IQueryable<Entities.LeveragedToken> tokens) =>
        from t in tokens.AsNoTracking()
        join p in db.ReservePools on new { t.ChainId, Address = t.PoolAddress } equals new { p.ChainId, p.Address }
        select new TokenInfo(t.ChainId, t.Symbol, t.Address, t.PoolAddress, p.Underlying, p.FloorBps, t.IsLong,
            t.TargetLeverage, t.MinLeverage, t.MaxLeverage, t.FallbackIntervalSeconds, t.BlockNumber, t.TxHash, t.BlockTime);

    /// <summary>
    /// Every token with its latest NAV, 24 h / 7 d back, last rebalance and pool health: one round trip
    /// of LATERAL index lookups (a query per figure per token cost ~100 ms at 20 tokens).
    /// </summary>
    public async Task<IReadOnlyList<TokenOverview>> OverviewAsync(long? chainId = null, CancellationToken ct = default)
    {
        var tokens = await ListAsync(chainId, ct);
        if (tokens.Count == 0) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var conn = await SeriesQueries.OpenAsync(db, ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT t.chain_id, t.address, n.hour, n.block_time, n.nav, n.leverage, n.mark_price, n24.nav, n7.nav,
                   r.tx_hash, r.log_index, r.block_number, r.block_time, r.trigger, r.rebalance_id,
                   m.utilization_bps, m.block_time, s.is_suspended
            FROM tokens t
            LEFT JOIN LATERAL (SELECT hour, block_time, nav, leverage, mark_price FROM nav_snapshots
                               WHERE chain_id = t.chain_id AND token_address = t.address ORDER BY hour DESC LIMIT 1) n ON true
            LEFT JOIN LATERAL (SELECT nav FROM nav_snapshots WHERE chain_id = t.chain_id AND token_address = t.address
                               AND hour <= n.hour - 24 ORDER BY hour DESC LIMIT 1) n24 ON true
            LEFT JOIN LATERAL (SELECT nav FROM nav_snapshots WHERE chain_id = t.chain_id AND token_address = t.address
                               AND hour <= n.hour - 168 ORDER BY hour DESC LIMIT 1) n7 ON true
            LEFT JOIN LATERAL (SELECT tx_hash, log_index, block_number, block_time, trigger, rebalance_id FROM rebalances
                               WHERE chain_id = t.chain_id AND token_address = t.address
                               ORDER BY block_number DESC, log_index DESC LIMIT 1) r ON true
            LEFT JOIN LATERAL (SELECT utilization_bps, block_time FROM reserve_metrics
                               WHERE chain_id = t.chain_id AND pool_address = t.pool_address ORDER BY hour DESC LIMIT 1) m ON true
            LEFT JOIN LATERAL (SELECT is_suspended FROM suspension_events WHERE chain_id = t.chain_id AND pool_address = t.pool_address
                               ORDER BY block_number DESC, log_index DESC LIMIT 1) s ON true
            WHERE @chain::bigint IS NULL OR t.chain_id = @chain
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter("chain", NpgsqlTypes.NpgsqlDbType.Bigint) { Value = (object?)chainId ?? DBNull.Value });
        var rows = new Dictionary<(long, string), TokenOverview>();
        var byKey = tokens.ToDictionary(t => (t.ChainId, t.Address));
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                if (!byKey.TryGetValue((reader.GetInt64(0), reader.GetString(1)), out var t)) continue;
                var latest = reader.IsDBNull(2) ? null : new LatestNav(reader.GetInt64(2), reader.GetDateTime(3),
                    SeriesQueries.Big(reader, 4), SeriesQueries.Big(reader, 5), SeriesQueries.Big(reader, 6));
                var last = reader.IsDBNull(9) ? null : new RebalanceRef(t.ChainId, reader.GetString(9), reader.GetInt32(10),
                    reader.GetInt64(11), reader.GetDateTime(12), (Entities.RebalanceTrigger)reader.GetInt16(13), reader.GetInt64(14));
                BigInteger? util = reader.IsDBNull(15) ? null : SeriesQueries.Big(reader, 15);
                var suspended = !reader.IsDBNull(17) && reader.GetBoolean(17);
                rows[(t.ChainId, t.Address)] = new TokenOverview(t, latest, reader.IsDBNull(7) ? null : SeriesQueries.Big(reader, 7),
                    reader.IsDBNull(8) ? null : SeriesQueries.Big(reader, 8), last, util,
                    reader.IsDBNull(16) ? null : reader.GetDateTime(16), suspended, Classify(util, suspended));
            }
        }
        return [.. tokens.Where(t => rows.ContainsKey((t.ChainId, t.Address))).Select(t => rows[(t.ChainId, t.Address)])];
    }

    public static PoolHealth Classify(BigInteger? utilizationBps, bool suspended) =>
        suspended ? PoolHealth.Suspended
        : utilizationBps is not { } u ? PoolHealth.Unknown
        : u >= 10_000 ? PoolHealth.BelowFloor
        : u >= NearFloorBps ? PoolHealth.NearFloor
        : PoolHealth.Ok;
}
