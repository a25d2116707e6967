namespace LeveragedTokens.Indexer.Tests;

public sealed class SimulatedHistoryTests
{
    [Fact]
    public async Task EveryLogOfASimulatedHistoryIsStoredExactlyOnceWithEqualFields()
    {
        var (anvil, deployment) = await SimulatorProcess.StartSimulatedChainAsync(days: 4, seed: 7);
        await using var _ = anvil;
        await using var db = await PostgresDatabase.CreateAsync("idx");

        // Tiny ranges and a short window: many batches, discovery inside the concurrent backfill,
        // and the rest read block by block as the live tail would.
        var settings = new Dictionary<string, string?>
        {
            ["Chain:InitialRange"] = "3", ["Chain:MaxRange"] = "7", ["Chain:FetchConcurrency"] = "4", ["Chain:ReorgWindow"] = "25",
        };
        await using (var indexer = await IndexerHost.StartAsync(anvil.RpcUrl, db.ConnectionString, deployment.RegistryAddress, deployment.DeploymentBlock, settings))
        {
            var result = await indexer.RunUntilHeadAsync();
            Assert.Equal(await anvil.BlockNumberAsync(), result.IndexedBlock);
        }
        await ChainTruth.AssertStoredEqualsChainAsync(anvil, db.ConnectionString, deployment.ChainId, deployment.RegistryAddress, deployment.DeploymentBlock);

        // Read models agree with the raw events they came from.
        Assert.Equal(5, await DbSnapshot.CountAsync(db.ConnectionString, "SELECT count(*) FROM tokens"));
        Assert.Equal(3, await DbSnapshot.CountAsync(db.ConnectionString, "SELECT count(*) FROM reserve_pools"));
        Assert.Equal(0, await DbSnapshot.CountAsync(db.ConnectionString, "SELECT count(*) FROM decode_failures"));
        foreach (var (table, eventName) in new[] { ("rebalances", "Rebalanced"), ("nav_snapshots", "NavSnapshot"), ("reserve_metrics", "ReserveMetricsPublished"),
                     ("rebalance_deferrals", "RebalanceDeferred") })
        {
            Assert.Equal(await DbSnapshot.CountAsync(db.ConnectionString, $"SELECT count(*) FROM raw_events WHERE event_name = '{eventName}'"),
                await DbSnapshot.CountAsync(db.ConnectionString, $"SELECT count(*) FROM {table}"));
        }
        Assert.True(await DbSnapshot.CountAsync(db.ConnectionString, "SELECT count(*) FROM rebalances") > 0);
        Assert.Equal(0, await DbSnapshot.CountAsync(db.ConnectionString, "SELECT count(*) FROM rebalances WHERE nav_delta <> nav_after - nav_before"));

        // A second run over the same database changes nothing.
        var before = await DbSnapshot.TakeAsync(db.ConnectionString);
        await using (var again = await IndexerHost.StartAsync(anvil.RpcUrl, db.ConnectionString, deployment.RegistryAddress, deployment.DeploymentBlock))
            await again.RunUntilHeadAsync();
        Assert.Equal(before, await DbSnapshot.TakeAsync(db.ConnectionString));
    }
}
