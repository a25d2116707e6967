using System.Numerics;
using Npgsql;
using NpgsqlTypes;

namespace LeveragedTokens.Web.Bench;

/// <summary>
/// Synthetic history written with binary COPY: <see cref="Pools"/> pools with two tokens each,
/// hourly NAV and reserve metrics for <see cref="Hours"/> hours, <see cref="RebalanceCount"/> rebalances
/// (each with its reserve draw), raw logs for the first token's rebalances.
/// </summary>
public sealed class BulkLoad(string connectionString, int rebalanceCount, int pools = 10, int hours = 24 * 730)
{
    public const long ChainId = 1;
    public const int BlocksPerHour = 300;
    public static readonly DateTime Start = new(2024, 11, 26, 0, 0, 0, DateTimeKind.Utc);
    private static readonly BigInteger Gwei = BigInteger.Pow(10, 9);

    public int Pools => pools;
    public int Hours => hours;
    public int RebalanceCount => rebalanceCount;
    public int TokenCount => pools * 2;
    public static string PoolAddress(int p) => "0x" + (0x1000 + p).ToString("x40");
    public static string TokenAddress(int t) => "0x" + (0x2000 + t).ToString("x40");
    public static string Symbol(int t) => $"U{t / 2}3{(t % 2 == 0 ? "L" : "S")}";
    public static string Underlying(int p) => $"U{p}";
    public static string TxHash(long i) => "0x" + i.ToString("x64");
    private static string BlockHash(long b) => "0x" + (b + (1L << 60)).ToString("x64");
    private static BigInteger Wad(double v) => new BigInteger(Math.Round(v * 1e9)) * Gwei;

    /// <summary>Where rebalance i sits: hour, block and owner token.</summary>
    public (long Block, int Token, long Id, int Hour) RebalanceAt(long i)
    {
        var hour = (int)(i * hours / rebalanceCount);
        var firstOfHour = ((long)hour * rebalanceCount + hours - 1) / hours;
        return ((long)hour * BlocksPerHour + 3 + (i - firstOfHour), (int)(i % TokenCount), i / TokenCount + 1, hour);
    }

    public async Task LoadAsync()
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await LoadRegistryAsync(conn);
        await CopyAsync(conn, "nav_snapshots (chain_id, block_number, log_index, token_address, hour, nav, leverage, mark_price, total_supply, block_hash, tx_hash, block_time, contract_address)", async w =>
        {
            var hour0 = (long)(Start - DateTime.UnixEpoch).TotalHours;
            for (var h = 0; h < hours; h++)
                for (var t = 0; t < TokenCount; t++)
                {
                    var block = (long)h * BlocksPerHour + 1;
                    await w.StartRowAsync();
                    await w.WriteAsync(ChainId); await w.WriteAsync(block); await w.WriteAsync(t); await w.WriteAsync(TokenAddress(t));
                    await w.WriteAsync(hour0 + h);
                    await w.WriteAsync(Wad(100 * Math.Exp(Math.Sin(h / 500.0 + t) * 0.5)), NpgsqlDbType.Numeric);
                    await w.WriteAsync(Wad(3 + Math.Sin(h / 7.0 + t) * 0.4), NpgsqlDbType.Numeric);
                    await w.WriteAsync(Wad(1000 * Math.Exp(Math.Sin(h / 300.0 + t / 2) * 0.3)), NpgsqlDbType.Numeric);
                    await w.WriteAsync(Wad(10_000), NpgsqlDbType.Numeric);
                    await Chain(w, block, TxHash(-block - 1 - t * 1_000_000_000L), Start.AddHours(h + 1), TokenAddress(t));
                }
        });
        await CopyAsync(conn, "reserve_metrics (chain_id, block_number, log_index, pool_address, hour, reserve_balance, mark_price, reserve_value, token_supply_value, floor_value, utilization_bps, buffer_depth, block_hash, tx_hash, block_time, contract_address)", async w =>
        {
            var hour0 = (long)(Start - DateTime.UnixEpoch).TotalHours;
            for (var h = 0; h < hours; h++)
                for (var p = 0; p < pools; p++)
                {
                    var block = (long)h * BlocksPerHour + 2;
                    var value = 300_000 * (1 + 0.5 * Math.Sin(h / 900.0 + p));
                    var floor = 200_000.0;
                    await w.StartRowAsync();
                    await w.WriteAsync(ChainId); await w.WriteAsync(block); await w.WriteAsync(p); await w.WriteAsync(PoolAddress(p));
                    await w.WriteAsync(hour0 + h);
                    await w.WriteAsync(Wad(value / 1000), NpgsqlDbType.Numeric); await w.WriteAsync(Wad(1000), NpgsqlDbType.Numeric);
                    await w.WriteAsync(Wad(value), NpgsqlDbType.Numeric); await w.WriteAsync(Wad(floor * 10), NpgsqlDbType.Numeric);
                    await w.WriteAsync(Wad(floor), NpgsqlDbType.Numeric); await w.WriteAsync(new BigInteger(floor * 10000 / value), NpgsqlDbType.Numeric);
                    await w.WriteAsync(Wad(value - floor), NpgsqlDbType.Numeric);
                    await Chain(w, block, TxHash(-block - 1 - p * 1_000_000_000L - 500_000_000), Start.AddHours(h + 1), PoolAddress(p));
                }
        });
        await CopyAsync(conn, "rebalances (chain_id, block_number, log_index, token_address, rebalance_id, trigger, is_buy, amount, mark_price, execution_price, leverage_before, leverage_after, nav_before, nav_after, nav_delta, slippage_cost, gas_cost, reserve_draw, block_hash, tx_hash, block_time, contract_address)", async w =>
        {
            for (long i = 0; i < rebalanceCount; i++)
            {
                var (block, t, id, hour) = RebalanceAt(i);
                var nav = 100 + (i % 97);
                var delta = -(1 + i % 1013) * 1e-5;
                await w.StartRowAsync();
                await w.WriteAsync(ChainId); await w.WriteAsync(block); await w.WriteAsync(0); await w.WriteAsync(TokenAddress(t));
                await w.WriteAsync(id); await w.WriteAsync((short)(i % 7 == 0 ? 1 : i % 101 == 0 ? 2 : 0)); await w.WriteAsync(i % 2 == 0);
                await w.WriteAsync(Wad(1 + i % 13), NpgsqlDbType.Numeric); await w.WriteAsync(Wad(1000), NpgsqlDbType.Numeric);
                await w.WriteAsync(Wad(1000.5), NpgsqlDbType.Numeric); await w.WriteAsync(Wad(2.4 + (i % 3) * 0.6), NpgsqlDbType.Numeric);
                await w.WriteAsync(Wad(3), NpgsqlDbType.Numeric); await w.WriteAsync(Wad(nav), NpgsqlDbType.Numeric);
                await w.WriteAsync(Wad(nav + delta), NpgsqlDbType.Numeric); await w.WriteAsync(Wad(nav + delta) - Wad(nav), NpgsqlDbType.Numeric);
                await w.WriteAsync(Wad(0.02), NpgsqlDbType.Numeric); await w.WriteAsync(Wad(0.01), NpgsqlDbType.Numeric); await w.WriteAsync(Wad(0.015), NpgsqlDbType.Numeric);
                await Chain(w, block, TxHash(i + 1), Start.AddHours(hour).AddSeconds(12 * (block % BlocksPerHour)), TokenAddress(t));
            }
        });
        await CopyAsync(conn, "pool_ledger (chain_id, block_number, log_index, pool_address, kind, amount, value, new_balance, counterparty, rebalance_id, block_hash, tx_hash, block_time, contract_address)", async w =>
        {
            for (long i = 0; i < rebalanceCount; i++)
            {
                var (block, t, id, hour) = RebalanceAt(i);
                await w.StartRowAsync();
                await w.WriteAsync(ChainId); await w.WriteAsync(block); await w.WriteAsync(1); await w.WriteAsync(PoolAddress(t / 2));
                await w.WriteAsync((short)0); await w.WriteAsync(Wad(0.000015), NpgsqlDbType.Numeric); await w.WriteAsync(Wad(0.015), NpgsqlDbType.Numeric);
                await w.WriteNullAsync(); await w.WriteAsync(TokenAddress(t)); await w.WriteAsync(id);
                await Chain(w, block, TxHash(i + 1), Start.AddHours(hour).AddSeconds(12 * (block % BlocksPerHour)), PoolAddress(t / 2));
            }
        });
        await CopyAsync(conn, "raw_events (chain_id, block_number, log_index, tx_index, event_name, topics, data, block_hash, tx_hash, block_time, contract_address)", async w =>
        {
            for (long i = 0; i < rebalanceCount; i += TokenCount)
            {
                var (block, t, id, hour) = RebalanceAt(i);
                await w.StartRowAsync();
                await w.WriteAsync(ChainId); await w.WriteAsync(block); await w.WriteAsync(0); await w.WriteAsync(0); await w.WriteAsync("Rebalanced");
                await w.WriteAsync(new[] { "0x" + new string('a', 64), "0x" + id.ToString("x64"), "0x" + 0.ToString("x64") });
                await w.WriteAsync("0x" + new string('0', 64 * 11));
                await Chain(w, block, TxHash(i + 1), Start.AddHours(hour).AddSeconds(12 * (block % BlocksPerHour)), TokenAddress(t));
            }
        });
        // What autovacuum does to insert-only tables in production (autovacuum_vacuum_insert_threshold, PG 13+):
        // sets the visibility map, without which the covering indexes still visit the heap for every row.
        // (The COPYs commit synchronously: VACUUM never marks a page all-visible for an asynchronous commit
        // whose WAL record is not flushed yet.)
        await Exec(conn, "VACUUM ANALYZE");
    }

    private async Task LoadRegistryAsync(NpgsqlConnection conn)
    {
        var last = (long)hours * BlocksPerHour;
        var sql = new System.Text.StringBuilder();
        for (var p = 0; p < pools; p++)
        {
            sql.Append($"INSERT INTO reserve_pools VALUES ({ChainId}, 0, {p}, '{PoolAddress(p)}', '{Underlying(p)}', 1000, '{BlockHash(0)}', '{TxHash(-1 - p)}', '{Start:O}', '0x{new string('9', 40)}');");
            sql.Append($"INSERT INTO suspension_events VALUES ({ChainId}, {last / 2 + p}, 9, '{PoolAddress(p)}', true, 1, 2, '{BlockHash(last / 2)}', '{TxHash(-100 - p)}', '{Start.AddHours(hours / 2):O}', '{PoolAddress(p)}');");
            sql.Append($"INSERT INTO suspension_events VALUES ({ChainId}, {last / 2 + 2000 + p}, 9, '{PoolAddress(p)}', false, 2, 1, '{BlockHash(last / 2)}', '{TxHash(-200 - p)}', '{Start.AddHours(hours / 2 + 7):O}', '{PoolAddress(p)}');");
        }
        for (var t = 0; t < TokenCount; t++)
            sql.Append($"INSERT INTO tokens VALUES ({ChainId}, 1, {t}, '{TokenAddress(t)}', '{PoolAddress(t / 2)}', '{Symbol(t)}', {(t % 2 == 0 ? "true" : "false")}, {Wad(3)}, {Wad(2.5)}, {Wad(3.5)}, 86400, '{BlockHash(1)}', '{TxHash(-1000 - t)}', '{Start:O}', '0x{new string('9', 40)}');");
        sql.Append($"INSERT INTO indexer_state (chain_id, indexed_block, head_block, confirmations, events_per_second, reorg_count, updated_at) VALUES ({ChainId}, {last}, {last + 3}, 3, 500, 0, now());");
        await Exec(conn, sql.ToString());
    }

    private static async Task Chain(NpgsqlBinaryImporter w, long block, string tx, DateTime time, string contract)
    {
        await w.WriteAsync(BlockHash(block)); await w.WriteAsync(tx);
        await w.WriteAsync(time, NpgsqlDbType.TimestampTz); await w.WriteAsync(contract);
    }

    private static async Task CopyAsync(NpgsqlConnection conn, string target, Func<NpgsqlBinaryImporter, Task> rows)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        await using (var writer = await conn.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)"))
        {
            await rows(writer);
            await writer.CompleteAsync();
        }
        Console.WriteLine($"  COPY {target[..target.IndexOf(' ')]}: {sw.Elapsed.TotalSeconds:0.0} s");
    }

    private static async Task Exec(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }
}
