using LeveragedTokens.Data;
using LeveragedTokens.Indexer;
using LeveragedTokens.Indexer.Hosting;
using LeveragedTokens.Indexer.Sync;
using LeveragedTokens.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace LeveragedTokens.Exports.Tests.Support;

/// <summary>
/// Once per test run: a real anvil, three simulated days played on it by the project's simulator
/// (driven the way scripts drive it), and the real indexer run to head into a fresh database.
/// </summary>
public sealed class SimulatedChain : IAsyncLifetime
{
    public AnvilNode Anvil { get; private set; } = null!;
    public ExportDatabase Db { get; private set; } = null!;
    public long ChainId { get; private set; }
    public string Registry { get; private set; } = "";
    public long DeploymentBlock { get; private set; }

    public async Task InitializeAsync()
    {
        Anvil = await AnvilNode.StartAsync();
        var deployment = await SimulatorProcess.SimulateAsync(Anvil.RpcUrl, days: 3, seed: 11);
        ChainId = deployment.ChainId;
        Registry = deployment.RegistryAddress;
        DeploymentBlock = deployment.DeploymentBlock;

        Db = await ExportDatabase.CreateAsync("chain");
        await IndexAsync();
    }

    private async Task IndexAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Dashboard"] = Db.ConnectionString,
            ["Chain:RpcUrl"] = Anvil.RpcUrl,
            ["Chain:RegistryAddress"] = Registry,
            ["Chain:StartBlock"] = DeploymentBlock.ToString(),
            ["Chain:Confirmations"] = "0",
            ["Indexer:EnableJobs"] = "false",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddDataServices();
        builder.AddIndexer();
        using var host = builder.Build();
        var chainId = await host.Services.GetRequiredService<ChainCheck>().RunAsync(CancellationToken.None);
        var syncer = host.Services.GetRequiredService<ChainSyncer>();
        await syncer.InitializeAsync(chainId, CancellationToken.None);
        for (var i = 0; i < 100; i++)
        {
            var result = await syncer.PollAsync(CancellationToken.None);
            if (result.IndexedBlock >= result.Head) return;
        }
        throw new TimeoutException("the indexer did not reach the head");
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
