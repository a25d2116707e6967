using Hangfire;
using LeveragedTokens.Data.Entities;
using Npgsql;

namespace LeveragedTokens.Indexer.Jobs;

/// <summary>
/// Recomputes token_hourly and pool_hourly from the source rows, one statement per table, so the
/// sums stay exact numerics that never pass through C#. Each run redoes every hour from the
/// latest rolled-up hour minus <see cref="SafetyWindow"/> (everything on the first run): rows
/// the indexer wrote since, or a reorg or re-scan rewind removed, are reflected, and hours that
/// lost all their rows are deleted. Hours before the window are final and left alone.
/// </summary>
public sealed class HourlyRollupJob(NpgsqlDataSource dataSource, ILogger<HourlyRollupJob> logger)
{
    public const string JobId = "indexer-hourly-rollup";

    /// <summary>Minute 5: the previous hour's last blocks have usually arrived by then.</summary>
    public const string Cron = "5 * * * *";

    /// <summary>Chain time, far deeper than any reorg or re-scan rewind can reach.</summary>
    public static readonly TimeSpan SafetyWindow = TimeSpan.FromHours(48);

    /// <summary>Roll-up rows inserted or changed, and removed, over all chains.</summary>
    public sealed record Result(int Written, int Removed);

    [DisableConcurrentExecution(60)]
    public async Task<Result> RunAsync(CancellationToken ct)
    {
        // Per chain, so each keeps its own watermark; indexer_state has a row for every chain indexed.
        var chains = new List<long>();
        await using (var cmd = dataSource.CreateCommand("SELECT chain_id FROM indexer_state ORDER BY chain_id"))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) chains.Add(reader.GetInt64(0));

        var total = new Result(0, 0);
        foreach (var chain in chains)
        {
            foreach (var (table, sql) in new[] { ("token_hourly", TokenHourlySql), ("pool_hourly", PoolHourlySql) })
            {
                var (written, removed) = await RollUpAsync(sql, chain, ct);
                if (written + removed > 0)
                    logger.LogInformation("Hourly roll-up of chain {Chain}: {Written} {Table} rows written, {Removed} removed", chain, written, table, removed);
                total = new Result(total.Written + written, total.Removed + removed);
            }
        }
        return total;
    }

    private async Task<(int Written, int Removed)> RollUpAsync(string sql, long chain, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.CommandTimeout = 600; // the first run aggregates the whole history
        cmd.Parameters.AddWithValue("chain", chain);
        cmd.Parameters.AddWithValue("window", SafetyWindow);
        // Only the pool statement reads the kinds; Npgsql binds just the parameters a statement names.
        cmd.Parameters.AddWithValue("drawn", (short)LedgerEntryKind.ReserveDrawn);
        cmd.Parameters.AddWithValue("fees", (short)LedgerEntryKind.FeesAllocated);
        cmd.Parameters.AddWithValue("injected", (short)LedgerEntryKind.CapitalInjected);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
    }

    // Each table's roll-up rows. date_trunc(..., 'UTC'): hours must not depend on the session time zone.
    // The close of an hour is its last NavSnapshot or Rebalance (navAfter, leverageAfter) in log order.
    private static readonly string TokenHourlySql = RollUpSql("token_hourly", "token_address",
        """
        source AS (
            SELECT token_address, date_trunc('hour', block_time, 'UTC') AS hour, block_number, log_index,
                   nav_after AS nav, leverage_after AS leverage, 1 AS rebalances, nav_delta, slippage_cost, gas_cost, reserve_draw
            FROM rebalances WHERE chain_id = @chain AND block_time >= (SELECT at FROM since)
            UNION ALL
            SELECT token_address, date_trunc('hour', block_time, 'UTC'), block_number, log_index, nav, leverage, 0, 0, 0, 0, 0
            FROM nav_snapshots WHERE chain_id = @chain AND block_time >= (SELECT at FROM since)
        ),
        closes AS (
            SELECT DISTINCT ON (token_address, hour) token_address, hour, nav, leverage, block_number, log_index
            FROM source ORDER BY token_address, hour, block_number DESC, log_index DESC
        ),
        rolled AS (
            SELECT c.token_address, c.hour, c.nav, c.leverage, c.block_number, c.log_index,
                   s.rebalance_count, s.nav_delta, s.slippage_cost, s.gas_cost, s.reserve_draw
            FROM closes c JOIN (
                SELECT token_address, hour, sum(rebalances)::int AS rebalance_count, sum(nav_delta) AS nav_delta,
                       sum(slippage_cost) AS slippage_cost, sum(gas_cost) AS gas_cost, sum(reserve_draw) AS reserve_draw
                FROM source GROUP BY token_address, hour
            ) s USING (token_address, hour)
        )
        """,
        ["nav", "leverage", "close_block_number", "close_log_index", "rebalance_count", "nav_delta", "slippage_cost", "gas_cost", "reserve_draw"]);

    private static readonly string PoolHourlySql = RollUpSql("pool_hourly", "pool_address",
        """
        rolled AS (
            SELECT pool_address, date_trunc('hour', block_time, 'UTC') AS hour,
                   coalesce(sum(amount) FILTER (WHERE kind = @drawn), 0) AS reserve_drawn_amount,
                   coalesce(sum(value) FILTER (WHERE kind = @drawn), 0) AS reserve_drawn_value,
                   coalesce(sum(amount) FILTER (WHERE kind = @fees), 0) AS fees_allocated,
                   coalesce(sum(amount) FILTER (WHERE kind = @injected), 0) AS capital_injected,
                   count(*)::int AS entry_count
            FROM pool_ledger WHERE chain_id = @chain AND block_time >= (SELECT at FROM since)
            GROUP BY 1, 2
        )
        """,
        ["reserve_drawn_amount", "reserve_drawn_value", "fees_allocated", "capital_injected", "entry_count"]);

    /// <summary>
    /// One statement that rolls up <paramref name="table"/> (keyed by chain, <paramref name="key"/> and hour) from
    /// <paramref name="rolledCtes"/>: CTEs ending in "rolled", whose rows are the key, the hour, then
    /// <paramref name="valueColumns"/> in that order; they may read the watermark as (SELECT at FROM since).
    /// </summary>
    private static string RollUpSql(string table, string key, string rolledCtes, string[] valueColumns)
    {
        string Columns(string prefix) => string.Join(", ", valueColumns.Select(c => prefix + c));
        // All parts of one WITH see the same snapshot, so the DELETE neither sees the upsert's rows nor
        // races it. The upsert skips unchanged hours: a repeated run writes nothing.
        return $"""
            WITH since AS (
                SELECT coalesce(max(hour) - @window, '-infinity'::timestamptz) AS at FROM {table} WHERE chain_id = @chain
            ),
            {rolledCtes},
            upserted AS (
                INSERT INTO {table} AS t (chain_id, {key}, hour, {Columns("")})
                SELECT @chain, * FROM rolled
                ON CONFLICT (chain_id, {key}, hour) DO UPDATE SET ({Columns("")}) = ({Columns("excluded.")})
                WHERE ({Columns("t.")}) IS DISTINCT FROM ({Columns("excluded.")})
                RETURNING 1
            ),
            removed AS (
                DELETE FROM {table} t
                WHERE t.chain_id = @chain AND t.hour >= (SELECT at FROM since)
                  AND NOT EXISTS (SELECT 1 FROM rolled r WHERE r.{key} = t.{key} AND r.hour = t.hour)
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM upserted), (SELECT count(*) FROM removed)
            """;
    }
}
