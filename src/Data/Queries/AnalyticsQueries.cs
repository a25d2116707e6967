namespace LeveragedTokens.Data.Queries;

/// <summary>The raw figures behind a token's decay view over a period (ratios are computed by the caller).</summary>
public sealed record DecayInputs(
    NavPoint Start, NavPoint End, DateTime StartTime, DateTime EndTime, BigInteger SumNavDelta, long RebalanceCount,
    double HourlyLogReturnStdDev, long Hours);

public sealed class AnalyticsQueries(IDbContextFactory<DashboardDbContext> factory)
{
    public async Task<DecayInputs?> DecayAsync(long chainId, string token, long? fromHour, long? toHour, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var snaps = db.NavSnapshots.AsNoTracking().Where(n => n.ChainId == chainId && n.TokenAddress == token);
        if (fromHour is { } f) snaps = snaps.Where(n => n.Hour >= f);
        if (toHour is { } t) snaps = snaps.Where(n => n.Hour <= t);
        var first = await snaps.OrderBy(n => n.Hour).Select(n => new { P = new NavPoint(n.Hour, n.Nav, n.Leverage, n.MarkPrice), n.BlockTime, n.BlockNumber, n.LogIndex }).FirstOrDefaultAsync(ct);
        var last = await snaps.OrderByDescending(n => n.Hour).Select(n => new { P = new NavPoint(n.Hour, n.Nav, n.Leverage, n.MarkPrice), n.BlockTime, n.BlockNumber, n.LogIndex }).FirstOrDefaultAsync(ct);
        if (first is null || last is null || first.P.Hour == last.P.Hour) return null;

        // The rebalances between the two snapshots in log order: exactly what moved NAV between them besides
        // the market, and a range of the (token, block, log) index, which covers nav_delta.
        var conn = await SeriesQueries.OpenAsync(db, ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT coalesce(sum(nav_delta), 0), count(*) FROM rebalances
            WHERE chain_id = @c AND token_address = @t
              AND (block_number, log_index) > (@fromBlock, @fromLog) AND (block_number, log_index) <= (@toBlock, @toLog);
            SELECT coalesce(stddev_samp(r), 0)::float8 FROM (
              SELECT ln(mark_price::float8 / nullif(lag(mark_price) OVER (ORDER BY hour), 0)::float8) AS r
              FROM nav_snapshots WHERE chain_id = @c AND token_address = @t AND hour BETWEEN @fh AND @th AND mark_price > 0) x;
            """, conn);
        cmd.Parameters.AddWithValue("c", chainId);
        cmd.Parameters.AddWithValue("t", token);
        cmd.Parameters.AddWithValue("fromBlock", first.BlockNumber);
        cmd.Parameters.AddWithValue("fromLog", first.LogIndex);
        cmd.Parameters.AddWithValue("toBlock", last.BlockNumber);
        cmd.Parameters.AddWithValue("toLog", last.LogIndex);
        cmd.Parameters.AddWithValue("fh", first.P.Hour);
        cmd.Parameters.AddWithValue("th", last.P.Hour);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var sum = SeriesQueries.Big(reader, 0);
        var count = reader.GetInt64(1);
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        var sigma = reader.IsDBNull(0) ? 0 : reader.GetDouble(0);
        return new DecayInputs(first.P, last.P, first.BlockTime, last.BlockTime, sum, count, sigma, last.P.Hour - first.P.Hour);
    }
}
