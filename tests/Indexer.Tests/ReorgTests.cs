namespace LeveragedTokens.Indexer.Tests;

/// <summary>After any reorg the database must equal a fresh index of the chain the node now serves.</summary>
public sealed class ReorgTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(3, false)]
    [InlineData(12, false)]
    [InlineData(1, true)]
    [InlineData(3, true)]
    [InlineData(12, true)]
    public async Task AReorgLeavesTheDatabaseEqualToAFreshIndexOfTheNewChain(int depth, bool withReplacementTransactions)
    {
        await using var anvil = await AnvilNode.StartAsync();
        var chain = await ProtocolChain.DeployAsync(anvil);
        await chain.PlayHoursAsync(10);
        // A token registered inside the part that will be orphaned: its rows must go with it.
        var lateToken = await LogEmitter.DeployAsync(anvil);
        await chain.Registry.EmitAsync(ProtocolLogs.TokenRegistered(lateToken.Address, chain.Pool.Address, "LATE"));
        await lateToken.EmitAsync(ProtocolLogs.NavSnapshot(1, 1, 1, 1, 1));

        await using var db = await PostgresDatabase.CreateAsync("idx");
        await using var indexer = await IndexerHost.StartAsync(anvil.RpcUrl, db.ConnectionString, chain.Registry.Address);
        await indexer.RunUntilHeadAsync();

        var replacements = withReplacementTransactions
            ? Enumerable.Range(0, depth).Select(i => new object[] { chain.ReplacementTx(1000 + i), i }).ToArray()
            : [];
        await anvil.CallAsync("anvil_reorg", depth, replacements);
        if (withReplacementTransactions) await chain.PlayHoursAsync(2); // the new fork also grows past the old head

        await indexer.RunUntilHeadAsync();
        await AssertEqualsFreshIndexAsync(anvil, db, chain.Registry.Address);
        Assert.Equal(1, await DbSnapshot.CountAsync(db.ConnectionString, "SELECT reorg_count FROM indexer_state"));
        // The status page's history has the polls before and after it, so the reorg is marked where it was seen.
        Assert.Equal(1, await DbSnapshot.CountAsync(db.ConnectionString, "SELECT max(reorg_count) - min(reorg_count) FROM indexer_polls"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ARollbackLeavesTheDatabaseEqualToAFreshIndexOfTheShorterChain(bool thenGrowAgain)
    {
        await using var anvil = await AnvilNode.StartAsync();
        var chain = await ProtocolChain.DeployAsync(anvil);
        await chain.PlayHoursAsync(8);

        await using var db = await PostgresDatabase.CreateAsync("idx");
        await using var indexer = await IndexerHost.StartAsync(anvil.RpcUrl, db.ConnectionString, chain.Registry.Address);
        await indexer.RunUntilHeadAsync();

        await anvil.CallAsync("anvil_rollback", 5);
        if (thenGrowAgain) await chain.PlayHoursAsync(4);

        await indexer.RunUntilHeadAsync();
        await AssertEqualsFreshIndexAsync(anvil, db, chain.Registry.Address);
    }

    private static async Task AssertEqualsFreshIndexAsync(AnvilNode anvil, PostgresDatabase db, string registry)
    {
        await ChainTruth.AssertStoredEqualsChainAsync(anvil, db.ConnectionString, 31337, registry, 0);
        await using var fresh = await PostgresDatabase.CreateAsync("idx");
        await using (var freshIndexer = await IndexerHost.StartAsync(anvil.RpcUrl, fresh.ConnectionString, registry))
            await freshIndexer.RunUntilHeadAsync();
        Assert.Equal(await DbSnapshot.TakeAsync(fresh.ConnectionString), await DbSnapshot.TakeAsync(db.ConnectionString));
        // The unfinalized window was rewritten too: every stored header is on the node's chain.
        Assert.Equal(await DbSnapshot.CountAsync(fresh.ConnectionString, "SELECT count(*) FROM indexed_blocks"),
            await DbSnapshot.CountAsync(db.ConnectionString, "SELECT count(*) FROM indexed_blocks"));
    }
}
