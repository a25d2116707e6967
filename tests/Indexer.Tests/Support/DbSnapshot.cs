using Npgsql;

namespace LeveragedTokens.Indexer.Tests.Support;

/// <summary>Every chain-derived row of a database as JSON text, in key order: two indexes are equal when these are.</summary>
public static class DbSnapshot
{
    private static readonly string[] Tables =
    [
        "raw_events", "decode_failures", "reserve_pools", "tokens", "rebalances", "rebalance_deferrals",
        "nav_snapshots", "reserve_metrics", "pool_ledger", "suspension_events",
    ];

    public static async Task<List<string>> TakeAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        var rows = new List<string>();
        foreach (var table in Tables)
        {
            await using var cmd = new NpgsqlCommand($"SELECT '{table} ' || row_to_json(t)::text FROM {table} t ORDER BY chain_id, block_number, log_index", conn);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        }
        await using (var state = new NpgsqlCommand("SELECT 'state ' || indexed_block || ' ' || coalesce(indexed_block_hash, '') FROM indexer_state", conn))
            rows.Add((string)(await state.ExecuteScalarAsync())!);
        return rows;
    }

    public static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }
}
