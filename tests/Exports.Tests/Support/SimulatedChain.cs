using Xunit;

namespace LeveragedTokens.Exports.Tests.Support;

/// <summary>
/// Once per test run: a real anvil, three simulated days played on it by the project's simulator
/// (driven the way scripts drive it), and the real indexer run to head into a fresh database.
/// </summary>
public sealed class SimulatedChain : IAsyncLifetime
{
    public AnvilNode Anvil { get; private set; } = null!;

    /// <summary>The one RPC client on the node, with few attempts: a test fails rather than waits.</summary>
    public LeveragedTokens.Chain.ChainRpc Rpc => LeveragedTokens.Chain.ChainRpc.Create(new LeveragedTokens.Chain.ChainRpcOptions { Urls = [Anvil.RpcUrl], MaxAttempts = 3 });
    public ExportDatabase Db { get; private set; } = null!;
    public long ChainId { get; private set; }
    public string Registry { get; private set; } = "";
    public long DeploymentBlock { get; private set; }
    private SimulatedDeployment _deployment = null!;

    public async Task InitializeAsync()
    {
        (Anvil, _deployment) = await SimulatorProcess.StartSimulatedChainAsync(days: 3, seed: 11);
        ChainId = _deployment.ChainId;
        Registry = _deployment.RegistryAddress;
        DeploymentBlock = _deployment.DeploymentBlock;

        Db = await ExportDatabase.CreateAsync("chain");
        await IndexAsync();
    }

    /// <summary>Runs the real indexer until it has stored the node's head.</summary>
    public async Task IndexAsync()
    {
        await using var indexer = await IndexerHost.StartAsync(Anvil.RpcUrl, Db.ConnectionString, _deployment);
        await indexer.RunUntilHeadAsync(maxPolls: 100);
    }

    public async Task DisposeAsync()
    {
        await Db.DisposeAsync();
        await Anvil.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SimulatedChainCollection : ICollectionFixture<SimulatedChain>
{
    public const string Name = "simulated chain";
}
