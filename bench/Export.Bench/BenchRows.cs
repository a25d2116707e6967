using System.Numerics;
using LeveragedTokens.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using LeveragedTokens.TestSupport;

namespace LeveragedTokens.Export.Bench;

/// <summary>Bulk-loads synthetic rebalances with binary COPY: realistic widths (WAD values of 18-25 digits).</summary>
internal static class BenchRows
{
    private static readonly BigInteger Wad = BigInteger.Pow(10, 18);

    public static async Task LoadAsync(string connectionString, int rows)
    {
        var tokens = Enumerable.Range(1, 5).Select(i => "0x" + i.ToString("x40")).ToArray();
        await using (var db = TestDatabases.Dashboard(connectionString))
        {
            await db.Database.MigrateAsync();
            db.IndexerStates.Add(new IndexerState { ChainId = 31337, IndexedBlock = 1_000_000 + rows / 4, HeadBlock = 1_000_000 + rows / 4, Confirmations = 12, UpdatedAt = DateTime.UtcNow });
            for (var i = 0; i < tokens.Length; i++)
                db.Tokens.Add(new LeveragedToken
                {
                    ChainId = 31337, BlockNumber = 1, LogIndex = i, BlockHash = "0x0", TxHash = "0x0", BlockTime = DateTime.UnixEpoch, ContractAddress = "0x0",
                    Address = tokens[i], PoolAddress = "0x" + 0.ToString("x40"), Symbol = "TOK" + i, IsLong = true,
                    TargetLeverage = 3 * Wad, MinLeverage = 2 * Wad, MaxLeverage = 4 * Wad, FallbackIntervalSeconds = 86400,
                });
            await db.SaveChangesAsync();
        }

        var random = new Random(1);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await using var import = await connection.BeginBinaryImportAsync(
            "COPY rebalances (chain_id, block_number, log_index, token_address, rebalance_id, trigger, is_buy, amount, mark_price, execution_price, "
            + "leverage_before, leverage_after, nav_before, nav_after, nav_delta, slippage_cost, gas_cost, reserve_draw, block_hash, tx_hash, block_time, contract_address) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < rows; i++)
        {
            var block = 1_000_000L + i / 4;
            var token = tokens[i % tokens.Length];
            BigInteger Wadish(int digits) => BigInteger.Parse(random.NextInt64(1, long.MaxValue).ToString()) * BigInteger.Pow(10, digits - 18);
            var navBefore = Wadish(20);
            var navAfter = navBefore - Wadish(19) / 1000;
            await import.StartRowAsync();
            await import.WriteAsync(31337L, NpgsqlDbType.Bigint);
            await import.WriteAsync(block, NpgsqlDbType.Bigint);
            await import.WriteAsync(i % 4, NpgsqlDbType.Integer);
            await import.WriteAsync(token, NpgsqlDbType.Text);
            await import.WriteAsync((long)(i / tokens.Length + 1), NpgsqlDbType.Bigint);
            await import.WriteAsync((short)(i % 3), NpgsqlDbType.Smallint);
            await import.WriteAsync(i % 2 == 0, NpgsqlDbType.Boolean);
            foreach (var v in new[] { Wadish(19), Wadish(23), Wadish(23), Wadish(19), Wadish(19), navBefore, navAfter, navAfter - navBefore, Wadish(19), Wadish(18), Wadish(18) })
                await import.WriteAsync(v, NpgsqlDbType.Numeric);
            await import.WriteAsync("0x" + block.ToString("x64"), NpgsqlDbType.Varchar);
            await import.WriteAsync("0x" + (block * 7 + i % 4).ToString("x64"), NpgsqlDbType.Varchar);
            await import.WriteAsync(start.AddSeconds(block * 2), NpgsqlDbType.TimestampTz);
            await import.WriteAsync(token, NpgsqlDbType.Varchar);
        }
        await import.CompleteAsync();
        await import.DisposeAsync();
        await using var analyze = new NpgsqlCommand("ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync();
    }
}
