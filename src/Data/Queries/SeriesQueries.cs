using System.Data.Common;

namespace LeveragedTokens.Data.Queries;

/// <summary>
/// Hourly series, downsampled in SQL so a chart never gets more than <see cref="MaxPoints"/> points:
/// a bucket of N hours keeps its last value (and, for reserves, the worst utilization and buffer).
/// Buckets are a GROUP BY on hour / N, then an index lookup of each bucket's last row: no sort of the
/// whole range (DISTINCT ON over two years of numerics cost several times more).
/// </summary>
public sealed class SeriesQueries(IDbContextFactory<DashboardDbContext> factory)
{
    public const int MaxPoints = 1000;

    /// <summary>Hours per bucket for a span: 1 up to <see cref="MaxPoints"/> hours (so 7 d and 30 d stay hourly).</summary>
    public static int BucketHours(long fromHour, long toHour, int maxPoints = MaxPoints) =>
        (int)Math.Max(1, (toHour - fromHour + maxPoints) / maxPoints);

    public async Task<Series<NavPoint>> NavAsync(long chainId, string token, long? fromHour, long? toHour, int minBucketHours = 1, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var conn = await OpenAsync(db, ct);
        var (from, to) = await SpanAsync(conn, "nav_snapshots", "token_address", chainId, token, fromHour, toHour, ct);
        if (from > to) return new Series<NavPoint>([], 1);
        var bucket = Math.Max(minBucketHours, BucketHours(from, to));
        await using var cmd = new NpgsqlCommand("""
            WITH last AS (
              SELECT max(hour) AS hour FROM nav_snapshots
              WHERE chain_id = @c AND token_address = @t AND hour BETWEEN @from AND @to GROUP BY hour / @b)
            SELECT DISTINCT ON (n.hour) n.hour, n.nav, n.leverage, n.mark_price
            FROM last JOIN nav_snapshots n ON n.chain_id = @c AND n.token_address = @t AND n.hour = last.hour
            ORDER BY n.hour
            """, conn);
        Bind(cmd, chainId, token, from, to, bucket);
        var points = new List<NavPoint>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            points.Add(new NavPoint(reader.GetInt64(0), Big(reader, 1), Big(reader, 2), Big(reader, 3)));
        return new Series<NavPoint>(points, bucket);
    }

    public async Task<Series<ReservePoint>> ReserveAsync(long chainId, string pool, long? fromHour, long? toHour, int minBucketHours = 1, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var conn = await OpenAsync(db, ct);
        var (from, to) = await SpanAsync(conn, "reserve_metrics", "pool_address", chainId, pool, fromHour, toHour, ct);
        if (from > to) return new Series<ReservePoint>([], 1);
        var bucket = Math.Max(minBucketHours, BucketHours(from, to));
        await using var cmd = new NpgsqlCommand("""
            WITH b AS (
              SELECT max(hour) AS hour, max(utilization_bps) AS utilization, min(buffer_depth) AS buffer FROM reserve_metrics
              WHERE chain_id = @c AND pool_address = @t AND hour BETWEEN @from AND @to GROUP BY hour / @b)
            SELECT DISTINCT ON (m.hour) m.hour, m.reserve_balance, m.reserve_value, m.floor_value, m.token_supply_value, b.utilization, b.buffer, m.mark_price
            FROM b JOIN reserve_metrics m ON m.chain_id = @c AND m.pool_address = @t AND m.hour = b.hour
            ORDER BY m.hour
            """, conn);
        Bind(cmd, chainId, pool, from, to, bucket);
        var points = new List<ReservePoint>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            points.Add(new ReservePoint(reader.GetInt64(0), Big(reader, 1), Big(reader, 2), Big(reader, 3), Big(reader, 4),
                Big(reader, 5), Big(reader, 6), Big(reader, 7)));
        return new Series<ReservePoint>(points, bucket);
    }

    /// <summary>The newest hour stored for a token (nav_snapshots) or pool (reserve_metrics).</summary>
    public async Task<long?> LatestHourAsync(long chainId, string address, bool pool, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return pool
            ? await db.ReserveMetrics.AsNoTracking().Where(m => m.ChainId == chainId && m.PoolAddress == address).MaxAsync(m => (long?)m.Hour, ct)
            : await db.NavSnapshots.AsNoTracking().Where(n => n.ChainId == chainId && n.TokenAddress == address).MaxAsync(n => (long?)n.Hour, ct);
    }

    /// <summary>The requested span clipped to the data (an open end takes the first/last stored hour).</summary>
    private static async Task<(long From, long To)> SpanAsync(NpgsqlConnection conn, string table, string keyColumn,
        long chainId, string key, long? fromHour, long? toHour, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"SELECT min(hour), max(hour) FROM {table} WHERE chain_id = @c AND {keyColumn} = @t AND hour BETWEEN @from AND @to", conn);
        cmd.Parameters.AddWithValue("c", chainId);
        cmd.Parameters.AddWithValue("t", key);
        cmd.Parameters.AddWithValue("from", fromHour ?? long.MinValue);
        cmd.Parameters.AddWithValue("to", toHour ?? long.MaxValue);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return reader.IsDBNull(0) ? (1, 0) : (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static void Bind(NpgsqlCommand cmd, long chainId, string key, long from, long to, int bucket)
    {
        cmd.Parameters.AddWithValue("c", chainId);
        cmd.Parameters.AddWithValue("t", key);
        cmd.Parameters.AddWithValue("from", from);
        cmd.Parameters.AddWithValue("to", to);
        cmd.Parameters.AddWithValue("b", (long)bucket);
    }

    internal static async Task<NpgsqlConnection> OpenAsync(DashboardDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        return (NpgsqlConnection)db.Database.GetDbConnection();
    }

    internal static BigInteger Big(DbDataReader reader, int ordinal) => reader.GetFieldValue<BigInteger>(ordinal);
}
