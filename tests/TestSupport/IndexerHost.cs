using LeveragedTokens.Hosting;
using LeveragedTokens.Indexer;
using LeveragedTokens.Indexer.Hosting;
using LeveragedTokens.Indexer.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeveragedTokens.TestSupport;

/// <summary>
/// The indexer as its Program.cs builds it (host kit + pipeline), without the worker: migrated, the chain
/// checked and the syncer initialized, so a test or bench polls it. <see cref="Builder"/> is for hosts that add more.
/// </summary>
public sealed class IndexerHost(IHost host, long chainId) : IAsyncDisposable
{
    public IHost Host => host;
    public IServiceProvider Services => host.Services;
    public long ChainId => chainId;
    public ChainSyncer Syncer => host.Services.GetRequiredService<ChainSyncer>();

    /// <summary>The indexer's settings for a test (no confirmations, fast polls, no jobs) over the host kit and the pipeline.</summary>
    public static HostApplicationBuilder Builder(string rpcUrl, string connectionString, string registry, IDictionary<string, string?>? settings = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Dashboard"] = connectionString,
            ["Chain:RpcUrl"] = rpcUrl,
            ["Chain:RegistryAddress"] = registry,
            ["Chain:Confirmations"] = "0",
            ["Chain:PollInterval"] = "00:00:00.200",
            ["Indexer:EnableJobs"] = "false",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.AddDashboardDatabase();
        builder.AddIndexerPipeline();
        return builder;
    }

    public static async Task<IndexerHost> StartAsync(string rpcUrl, string connectionString, string registry, long startBlock = 0,
        IDictionary<string, string?>? settings = null)
    {
        var host = Builder(rpcUrl, connectionString, registry,
            new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Chain:StartBlock"] = startBlock.ToString() }).Build();
        await host.Services.MigrateDatabasesAsync();
        var chainId = await host.Services.GetRequiredService<ChainCheck>().RunAsync(CancellationToken.None);
        await host.Services.GetRequiredService<ChainSyncer>().InitializeAsync(chainId, CancellationToken.None);
        return new IndexerHost(host, chainId);
    }

    /// <summary>The indexer over a simulated deployment, from its deployment block.</summary>
    public static Task<IndexerHost> StartAsync(string rpcUrl, string connectionString, SimulatedDeployment deployment, IDictionary<string, string?>? settings = null) =>
        StartAsync(rpcUrl, connectionString, deployment.RegistryAddress, deployment.DeploymentBlock, settings);

    /// <summary>Polls until everything up to the node's head is stored.</summary>
    public async Task<ChainSyncer.PollResult> RunUntilHeadAsync(int maxPolls = 50)
    {
        for (var i = 0; i < maxPolls; i++)
        {
            var result = await Syncer.PollAsync(CancellationToken.None);
            if (result.IndexedBlock >= result.Head) return result;
        }
        throw new TimeoutException($"Not caught up after {maxPolls} polls");
    }

    public ValueTask DisposeAsync()
    {
        host.Dispose();
        return ValueTask.CompletedTask;
    }
}
