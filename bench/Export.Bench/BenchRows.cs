using System.Numerics;
using LeveragedTokens.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using LeveragedTokens.TestSupport;

namespace LeveragedTokens.Export.Bench;

/// <summary>Bulk-loads synthetic rebalances with the indexer's binary COPY: realistic widths (WAD values of 18-25 digits).</summary>
internal static class BenchRows
{
    private static readonly ChainRows Chain = new(2);

    public static async Task LoadAsync(string connectionString, int rows)
    {
        var tokens = Enumerable.Range(1, 5).Select(ChainRows.Address).ToArray();
        await using (var db = TestDatabases.Dashboard(connectionString))
        {
            await db.Database.MigrateAsync();
            // No confirmations: every loaded row is final, so the export holds them all.
            db.IndexerStates.Add(ChainRows.Indexed(head: 1_000_000 + rows / 4, confirmations: 0));
            for (var i = 0; i < tokens.Length; i++)
                db.Tokens.Add(ChainRows.LeveragedToken(ChainRows.Registration(i), tokens[i], "TOK" + i, ChainRows.Address(0)));
            await db.SaveChangesAsync();
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ChainRowCopy.CopyAsync(connection, Rebalances(tokens, rows));
        await using var analyze = new NpgsqlCommand("ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    private static IEnumerable<Rebalance> Rebalances(string[] tokens, int rows)
    {
        var random = new Random(1);
        BigInteger Wadish(int digits) => BigInteger.Parse(random.NextInt64(1, long.MaxValue).ToString()) * BigInteger.Pow(10, digits - 18);
        for (var i = 0; i < rows; i++)
        {
            var block = 1_000_000L + i / 4;
            var token = tokens[i % tokens.Length];
            var navBefore = Wadish(20);
            var navAfter = navBefore - Wadish(19) / 1000;
            yield return new Rebalance
            {
                TokenAddress = token, RebalanceId = i / tokens.Length + 1, Trigger = (RebalanceTrigger)(i % 3), IsBuy = i % 2 == 0,
                Amount = Wadish(19), MarkPrice = Wadish(23), ExecutionPrice = Wadish(23), LeverageBefore = Wadish(19), LeverageAfter = Wadish(19),
                NavBefore = navBefore, NavAfter = navAfter, NavDelta = navAfter - navBefore, SlippageCost = Wadish(19), GasCost = Wadish(18),
                ReserveDraw = Wadish(18),
            }.At(Chain.At(block, i % 4, token));
        }
    }
}
