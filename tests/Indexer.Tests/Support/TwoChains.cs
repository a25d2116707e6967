using Npgsql;

namespace LeveragedTokens.Indexer.Tests.Support;

/// <summary>
/// Two chains, one database: two anvils with different chain ids, the simulator deploying the same contracts at the
/// same addresses on both (other seeds, so other prices), and two indexer processes, configured exactly as a single
/// one and with their jobs on, writing into one database. Each chain's rows must equal its own logs, never merged,
/// and a reorg on one chain must leave the other's rows untouched (<see cref="TwoChainsTests"/>).
/// </summary>
public sealed class TwoChains : IAsyncLifetime
{
    public const long Local = 31337, Base = 8453;
    private readonly List<IAsyncDisposable> _owned = [];

    public AnvilNode LocalNode { get; private set; } = null!;
    public AnvilNode BaseNode { get; private set; } = null!;
    public SimulatedDeployment LocalDeployment { get; private set; } = null!;
    public SimulatedDeployment BaseDeployment { get; private set; } = null!;
    public PostgresDatabase Database { get; private set; } = null!;
    public Dictionary<long, IndexerProcess> Indexers { get; } = [];

    public async Task InitializeAsync()
    {
        LocalNode = Own(await AnvilNode.StartAsync(Local, "--timestamp", SimulatorProcess.FixedGenesis.ToString()));
        BaseNode = Own(await AnvilNode.StartAsync(Base, "--timestamp", SimulatorProcess.FixedGenesis.ToString()));
        var local = SimulatorProcess.SimulateAsync(LocalNode.RpcUrl, days: 2, seed: 3);
        var @base = SimulatorProcess.SimulateAsync(BaseNode.RpcUrl, days: 2, seed: 4);
        (LocalDeployment, BaseDeployment) = (await local, await @base);
        Database = Own(await PostgresDatabase.CreateAsync("twochains"));
        foreach (var (node, deployment) in new[] { (LocalNode, LocalDeployment), (BaseNode, BaseDeployment) })
        {
            var environment = IndexerProcess.Environment(node.RpcUrl, Database.ConnectionString, deployment.RegistryAddress);
            environment["Chain__ChainId"] = deployment.ChainId.ToString();
            environment["Chain__StartBlock"] = deployment.DeploymentBlock.ToString();
            environment["Indexer__EnableJobs"] = "true";
            Indexers[deployment.ChainId] = Own(IndexerProcess.Start(environment));
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

    /// <summary>Every chain-derived row of one chain, as JSON text in key order.</summary>
    public async Task<List<string>> RowsOfAsync(long chainId) =>
        (await DbSnapshot.TakeAsync(Database.ConnectionString)).Where(r => r.Contains($"\"chain_id\":{chainId},", StringComparison.Ordinal)).ToList();

    public Task<long> CountAsync(string sql) => DbSnapshot.CountAsync(Database.ConnectionString, sql);

    public async Task WaitUntilIndexedAsync(long chainId, long block) =>
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

    public async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!await condition())
        {
            foreach (var (chainId, indexer) in Indexers)
                if (indexer.HasExited) throw new InvalidOperationException($"The indexer of chain {chainId} exited:\n{indexer.Output}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}");
            await Task.Delay(300);
        }
    }
}
