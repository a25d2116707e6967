using LeveragedTokens.Exports.Reconciliation;
using LeveragedTokens.Exports.Tests.Support;
using Xunit;

namespace LeveragedTokens.Exports.Tests;

/// <summary>The reserve pools of a simulated history, indexed by the real indexer, reconciled with the anvil node that produced it.</summary>
[Collection(SimulatedChainCollection.Name)]
public sealed class ChainReconciliationTests(SimulatedChain chain)
{
    [Fact]
    public async Task EveryPoolOfTheSimulatedHistoryReconcilesWithTheChainAndAnAlteredRowIsReported()
    {
        var pools = new List<string>();
        await using (var command = chain.Db.DataSource.CreateCommand("SELECT address FROM reserve_pools ORDER BY address"))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) pools.Add(reader.GetString(0));
        var reconciliation = new PoolReconciliation(chain.Db.DataSource, ExportDatabase.Options);
        ReconciliationQuery Query(string pool) => new() { ChainId = chain.ChainId, Pool = pool };

        long navChecked = 0, drawsChecked = 0;
        foreach (var pool in pools)
        {
            var report = await reconciliation.RunAsync(Query(pool), chain.Rpc, CancellationToken.None);
            Assert.True(report.Clean, string.Join("\n", report.Findings));
            var checks = report.Checks.ToDictionary(c => c.Check);
            Assert.True(checks[ReconciliationChecks.ReserveBalance].Checked > 50);
            Assert.True(checks[ReconciliationChecks.ChainLogs].Checked > 50);
            Assert.Equal(0, checks[ReconciliationChecks.NavIdentity].Unverifiable);
            navChecked += checks[ReconciliationChecks.NavIdentity].Checked;
            drawsChecked += checks[ReconciliationChecks.DrawMatchesRebalance].Checked;
        }
        Assert.True(navChecked > 10, $"{navChecked} rebalances checked");
        Assert.True(drawsChecked > 10, $"{drawsChecked} draws checked");

        // Alter one published reserve balance in the database: the reconciliation names that row.
        await using (var command = chain.Db.DataSource.CreateCommand(
            "SELECT pool_address, block_number, log_index, tx_hash FROM reserve_metrics ORDER BY block_number DESC, log_index LIMIT 1 OFFSET 5"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            var (pool, block, log, tx) = (reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3));
            await chain.Db.ExecuteAsync($"UPDATE reserve_metrics SET reserve_balance = reserve_balance + 1000 WHERE block_number = {block} AND log_index = {log}");
            try
            {
                var report = await reconciliation.RunAsync(Query(pool), chain.Rpc, CancellationToken.None);
                Assert.NotEmpty(report.Findings);
                Assert.All(report.Findings, f => Assert.Equal((block, log, tx), (f.BlockNumber, f.LogIndex, f.TxHash)));
                Assert.Contains(report.Findings, f => f.Check == ReconciliationChecks.ReserveBalance);
                Assert.Contains(report.Findings, f => f.Check == ReconciliationChecks.ChainLogs && f.Subject == "reserve_balance");
            }
            finally
            {
                await chain.Db.ExecuteAsync($"UPDATE reserve_metrics SET reserve_balance = reserve_balance - 1000 WHERE block_number = {block} AND log_index = {log}");
            }
        }
    }
}
