namespace LeveragedTokens.Data.Queries;

/// <summary>A reserve pool: its tokens, ledger (draws, fees, injections) and suspension periods.</summary>
public sealed class ReserveQueries(IDbContextFactory<DashboardDbContext> factory)
{
    /// <summary>A pool of one chain by its contract address (any case) or, failing that, its exact underlying.</summary>
    public async Task<PoolInfo?> FindAsync(long chainId, string underlyingOrAddress, CancellationToken ct = default)
    {
        if ((await MatchesAsync(underlyingOrAddress, chainId, ct)).FirstOrDefault() is not { } pool) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        var tokens = await TokenQueries.Project(db, db.Tokens.Where(t => t.ChainId == pool.ChainId && t.PoolAddress == pool.Address))
            .ToListAsync(ct);
        return new PoolInfo(pool.ChainId, pool.Address, pool.Underlying, pool.FloorBps, [.. tokens.OrderBy(t => t.Symbol, StringComparer.Ordinal)]);
    }

    /// <summary>The pool an underlying or address names on each chain, by chain id (several: ambiguous without a chain).</summary>
    public async Task<IReadOnlyList<PoolRef>> MatchesAsync(string underlyingOrAddress, long? chainId = null, CancellationToken ct = default)
    {
        if (!PostgresText.CanHold(underlyingOrAddress)) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var address = EvmAddress.Normalised(underlyingOrAddress);
        var pools = chainId is { } c ? db.ReservePools.Where(p => p.ChainId == c) : db.ReservePools;
        var found = await pools.AsNoTracking().Where(p => p.Address == address || p.Underlying == underlyingOrAddress)
            .Select(p => new PoolRef(p.ChainId, p.Address, p.Underlying, p.FloorBps)).ToListAsync(ct);
        // Per chain the address wins over an underlying that happens to look like one.
        return [.. found.GroupBy(p => p.ChainId).OrderBy(g => g.Key).Select(g => g.OrderBy(p => p.Address == address ? 0 : 1).First())];
    }

    /// <summary>Every pool, by chain and underlying.</summary>
    public async Task<IReadOnlyList<PoolRef>> PoolsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var pools = await db.ReservePools.AsNoTracking().Select(p => new PoolRef(p.ChainId, p.Address, p.Underlying, p.FloorBps)).ToListAsync(ct);
        return [.. pools.OrderBy(p => p.ChainId).ThenBy(p => p.Underlying, StringComparer.Ordinal)];
    }

    /// <summary>Draws summed per token in [from, to] (SQL: EF cannot sum BigInteger).</summary>
    public async Task<IReadOnlyList<DrawsByToken>> DrawsByTokenAsync(PoolInfo pool, DateTime? from, DateTime? to, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var conn = await SeriesQueries.OpenAsync(db, ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT counterparty, sum(amount), coalesce(sum(value), 0), count(*)
            FROM pool_ledger
            WHERE chain_id = @c AND pool_address = @p AND kind = 0 AND block_time BETWEEN @from AND @to
              AND block_number BETWEEN @minBlock AND @maxBlock
            GROUP BY counterparty ORDER BY 3 DESC
            """, conn);
        await BindRangeAsync(cmd, conn, pool, from, to, ct);
        var result = new List<DrawsByToken>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var token = reader.IsDBNull(0) ? "" : reader.GetString(0);
            var symbol = pool.Tokens.FirstOrDefault(t => t.Address == token)?.Symbol;
            result.Add(new DrawsByToken(token, symbol, SeriesQueries.Big(reader, 1), SeriesQueries.Big(reader, 2), reader.GetInt64(3)));
        }
        return result;
    }

    /// <summary>The latest fees and injections (newest first), read inside the range's block bounds.</summary>
    public async Task<IReadOnlyList<LedgerEntryRow>> InflowsAsync(PoolInfo pool, DateTime? from, DateTime? to, int limit = 50, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var conn = await SeriesQueries.OpenAsync(db, ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT block_number, log_index, tx_hash, block_time, kind, amount, value, counterparty FROM pool_ledger
            WHERE chain_id = @c AND pool_address = @p AND kind <> 0 AND block_time BETWEEN @from AND @to
              AND block_number BETWEEN @minBlock AND @maxBlock
            ORDER BY block_number DESC, log_index DESC LIMIT @limit
            """, conn);
        await BindRangeAsync(cmd, conn, pool, from, to, ct);
        cmd.Parameters.AddWithValue("limit", limit);
        var rows = new List<LedgerEntryRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new LedgerEntryRow(reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetDateTime(3),
                (LedgerEntryKind)reader.GetInt16(4), SeriesQueries.Big(reader, 5), reader.IsDBNull(6) ? null : SeriesQueries.Big(reader, 6),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        return rows;
    }

    /// <summary>Suspended-to-resumed intervals, oldest first, each with the logs that opened and closed it; an open one has no end.</summary>
    public async Task<IReadOnlyList<SuspensionPeriod>> SuspensionsAsync(PoolInfo pool, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var events = await db.SuspensionEvents.AsNoTracking().Where(s => s.ChainId == pool.ChainId && s.PoolAddress == pool.Address)
            .OrderBy(s => s.BlockNumber).ThenBy(s => s.LogIndex)
            .Select(s => new { s.IsSuspended, Edge = new SuspensionEdge(s.ChainId, s.BlockNumber, s.LogIndex, s.TxHash, s.BlockHash, s.BlockTime, s.ReserveValue, s.FloorValue) })
            .ToListAsync(ct);
        var periods = new List<SuspensionPeriod>();
        SuspensionEdge? start = null;
        foreach (var e in events)
        {
            if (e.IsSuspended) start ??= e.Edge;
            else if (start is not null) { periods.Add(new SuspensionPeriod(start, e.Edge)); start = null; }
        }
        if (start is not null) periods.Add(new SuspensionPeriod(start, null));
        return periods;
    }

    /// <summary>
    /// The pool's runway as of its latest hourly metrics: that hour's buffer depth over the average draw of the
    /// <paramref name="windowHours"/> up to the hour's end. Null before any metrics.
    /// </summary>
    public async Task<RunwayReading?> RunwayAsync(PoolInfo pool, decimal windowHours, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var latest = await db.ReserveMetrics.AsNoTracking().Where(m => m.ChainId == pool.ChainId && m.PoolAddress == pool.Address)
            .OrderByDescending(m => m.Hour).Select(m => new { m.Hour, m.BufferDepth, m.BlockTime, m.BlockNumber }).FirstOrDefaultAsync(ct);
        if (latest is null) return null;
        var conn = await SeriesQueries.OpenAsync(db, ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT coalesce(sum(value), 0) FROM pool_ledger
            WHERE chain_id = @c AND pool_address = @p AND kind = 0 AND block_time > @from AND block_number <= @at
            """, conn);
        cmd.Parameters.AddWithValue("c", pool.ChainId);
        cmd.Parameters.AddWithValue("p", pool.Address);
        cmd.Parameters.AddWithValue("from", ReserveRunway.WindowStart(latest.BlockTime, windowHours));
        cmd.Parameters.AddWithValue("at", latest.BlockNumber);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new RunwayReading(latest.Hour, new ReserveRunway(latest.BufferDepth, SeriesQueries.Big(reader, 0), windowHours));
    }

    /// <summary>
    /// Binds the time range plus block bounds taken from the pool's hourly metrics (hour = timestamp / 3600),
    /// so the ledger is read by its (pool, block) index instead of filtering every row of the pool on time.
    /// </summary>
    private static async Task BindRangeAsync(NpgsqlCommand cmd, NpgsqlConnection conn, PoolInfo pool, DateTime? from, DateTime? to, CancellationToken ct)
    {
        await using (var bounds = new NpgsqlCommand("""
            SELECT (SELECT block_number FROM reserve_metrics WHERE chain_id = @c AND pool_address = @p AND hour < @fh ORDER BY hour DESC LIMIT 1),
                   (SELECT block_number FROM reserve_metrics WHERE chain_id = @c AND pool_address = @p AND hour > @th ORDER BY hour LIMIT 1)
            """, conn))
        {
            bounds.Parameters.AddWithValue("c", pool.ChainId);
            bounds.Parameters.AddWithValue("p", pool.Address);
            bounds.Parameters.AddWithValue("fh", from is { } f ? new DateTimeOffset(f).ToUnixTimeSeconds() / 3600 : long.MinValue);
            bounds.Parameters.AddWithValue("th", to is { } t ? new DateTimeOffset(t).ToUnixTimeSeconds() / 3600 : long.MaxValue);
            await using var reader = await bounds.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            cmd.Parameters.AddWithValue("minBlock", reader.IsDBNull(0) ? 0L : reader.GetInt64(0));
            cmd.Parameters.AddWithValue("maxBlock", reader.IsDBNull(1) ? long.MaxValue : reader.GetInt64(1));
        }
        BindRange(cmd, pool, from, to);
    }

    private static void BindRange(NpgsqlCommand cmd, PoolInfo pool, DateTime? from, DateTime? to)
    {
        cmd.Parameters.AddWithValue("c", pool.ChainId);
        cmd.Parameters.AddWithValue("p", pool.Address);
        cmd.Parameters.AddWithValue("from", from ?? DateTime.UnixEpoch);
        cmd.Parameters.AddWithValue("to", to ?? new DateTime(9999, 1, 1, 0, 0, 0, DateTimeKind.Utc));
    }
}
