using Npgsql;

namespace LeveragedTokens.Indexer.Tests;

/// <summary>
/// Two chains, one database: two anvils with different chain ids, the simulator deploying the same contracts at the
/// same addresses on both (other seeds, so other prices), and two indexer processes, configured exactly as a single
/// one and with their jobs on, writing into one database. Each chain's rows must equal its own logs, never merged,
/// and a reorg on one chain must leave the other's rows untouched.
/// </summary>
public sealed class TwoChainsTests : IAsyncLifetime
{
    public const long Local = 31337, Base = 8453;
    private readonly List<IAsyncDisposable> _owned = [];

    public AnvilNode LocalNode { get; private set; } = null!;
    public AnvilNode BaseNode { get; private set; } = null!;
    public SimulatedDeployment LocalDeployment { get; private set; } = null!;
    public SimulatedDeployment BaseDeployment { get; private set; } = null!;
    public PostgresDatabase Database { get; private set; } = null!;
    private readonly Dictionary<long, IndexerProcess> _indexers = [];

    public async Task InitializeAsync()
    {
        LocalNode = Own(await AnvilNode.StartAsync(Local, "--timestamp", SimulatorProcess.FixedGenesis.ToString()));
        BaseNode = Own(await AnvilNode.StartAsync(Base, "--timestamp", SimulatorProcess.FixedGenesis.ToString()));
        var local = SimulatorProcess.SimulateAsync(LocalNode.RpcUrl, days: 1, seed: 3);
        var @base = SimulatorProcess.SimulateAsync(BaseNode.RpcUrl, days: 1, seed: 4);
        (LocalDeployment, BaseDeployment) = (await local, await @base);
        Database = Own(await PostgresDatabase.CreateAsync("twochains"));
        foreach (var (node, deployment) in new[] { (LocalNode, LocalDeployment), (BaseNode, BaseDeployment) })
        {
            var environment = IndexerProcess.Environment(node.RpcUrl, Database.ConnectionString, deployment.RegistryAddress);
            environment["Chain__ChainId"] = deployment.ChainId.ToString();
            environment["Chain__StartBlock"] = deployment.DeploymentBlock.ToString();
            environment["Indexer__EnableJobs"] = "true";
            _indexers[deployment.ChainId] = Own(IndexerProcess.Start(environment));
        }
        await WaitUntilIndexedAsync(Local, await LocalNode.BlockNumberAsync());
        await WaitUntilIndexedAsync(Base, await BaseNode.BlockNumberAsync());
    }

    private T Own<T>(T resource) where T : IAsyncDisposable
    {
        _owned.Add(resource);
        return resource;
    }

    public async Task DisposeAsync()
    {
        foreach (var resource in Enumerable.Reverse(_owned)) await resource.DisposeAsync();
    }

    [Fact]
    public async Task TheSameContractsOnTwoChainsStayTwoSetsOfRowsEachEqualToItsChainAndAReorgOnOneLeavesTheOtherUntouched()
    {
        Assert.Equal(LocalDeployment.RegistryAddress, BaseDeployment.RegistryAddress);
        await ChainTruth.AssertStoredEqualsChainAsync(LocalNode, Database.ConnectionString, Local, LocalDeployment.RegistryAddress, LocalDeployment.DeploymentBlock);
        await ChainTruth.AssertStoredEqualsChainAsync(BaseNode, Database.ConnectionString, Base, BaseDeployment.RegistryAddress, BaseDeployment.DeploymentBlock);
        // Same addresses, not the same rows: the tokens are registered on both chains, with each chain's own NAVs
        // (equal at launch, apart once the two seeds' prices move).
        Assert.Equal(await CountAsync("SELECT count(*) FROM tokens WHERE chain_id = 31337"), await CountAsync("SELECT count(*) FROM tokens WHERE chain_id = 8453"));
        Assert.True(await CountAsync("""
            SELECT count(*) FROM nav_snapshots a JOIN nav_snapshots b ON a.token_address = b.token_address AND a.hour = b.hour
            WHERE a.chain_id = 31337 AND b.chain_id = 8453 AND a.nav <> b.nav
            """) > 0);
        // Each indexer holds its own writer lock and registered its own chain's jobs.
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM indexer_state WHERE writer_instance IS NOT NULL"));
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM hangfire.set WHERE key = 'recurring-jobs' AND value LIKE 'indexer-rescan-recent-window-chain-%'"));

        var localBefore = await RowsOfAsync(Local);
        await BaseNode.CallAsync("anvil_reorg", 5, Array.Empty<object>());
        await SimulatorProcess.ShockAsync(BaseNode.RpcUrl, "BTC:-4");  // the new fork grows past the old head, with new logs
        await WaitUntilIndexedAsync(Base, await BaseNode.BlockNumberAsync());
        await WaitForAsync(async () => await CountAsync("SELECT reorg_count FROM indexer_state WHERE chain_id = 8453") == 1, "chain 8453's reorg to be recorded");

        await ChainTruth.AssertStoredEqualsChainAsync(BaseNode, Database.ConnectionString, Base, BaseDeployment.RegistryAddress, BaseDeployment.DeploymentBlock);
        Assert.Equal(localBefore, await RowsOfAsync(Local));
        Assert.Equal(0, await CountAsync("SELECT reorg_count FROM indexer_state WHERE chain_id = 31337"));
        Assert.All(_indexers.Values, i => Assert.False(i.HasExited, i.Output));
    }

    /// <summary>Every chain-derived row of one chain, as JSON text in key order.</summary>
    private async Task<List<string>> RowsOfAsync(long chainId) =>
        (await DbSnapshot.TakeAsync(Database.ConnectionString)).Where(r => r.Contains($"\"chain_id\":{chainId},", StringComparison.Ordinal)).ToList();

    private Task<long> CountAsync(string sql) => DbSnapshot.CountAsync(Database.ConnectionString, sql);

    private async Task WaitUntilIndexedAsync(long chainId, long block) =>
        await WaitForAsync(async () => await IndexedBlockAsync(chainId) >= block, $"chain {chainId} indexed to block {block}");

    private async Task<long> IndexedBlockAsync(long chainId)
    {
        try
        {
            return await CountAsync($"SELECT coalesce(max(indexed_block), -1) FROM indexer_state WHERE chain_id = {chainId}");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return -1;  // not migrated yet
        }
    }

    private async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!await condition())
        {
            foreach (var (chainId, indexer) in _indexers)
                if (indexer.HasExited) throw new InvalidOperationException($"The indexer of chain {chainId} exited:\n{indexer.Output}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}");
            await Task.Delay(300);
        }
    }
}
