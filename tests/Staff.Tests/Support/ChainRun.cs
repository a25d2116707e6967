extern alias indexer;

using LeveragedTokens.Data;
using indexer::LeveragedTokens.Indexer;
using indexer::LeveragedTokens.Indexer.Hosting;
using indexer::LeveragedTokens.Indexer.Sync;
using LeveragedTokens.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeveragedTokens.Staff.Tests.Support;

/// <summary>The real indexer's services over a simulated chain, polled by the test.</summary>
public static class ChainRun
{
    /// <summary>The indexer's own services (not started): the test calls its syncer poll by poll.</summary>
    public static async Task<(IHost Host, ChainSyncer Syncer)> IndexerAsync(string rpcUrl, string connectionString, SimulatedDeployment deployment, int maxRange)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Dashboard"] = connectionString,
            ["Chain:RpcUrl"] = rpcUrl,
            ["Chain:RegistryAddress"] = deployment.RegistryAddress,
            ["Chain:StartBlock"] = deployment.DeploymentBlock.ToString(),
            ["Chain:Confirmations"] = "0",
            ["Chain:InitialRange"] = maxRange.ToString(),
            ["Chain:MaxRange"] = maxRange.ToString(),
            ["Indexer:EnableJobs"] = "false",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddDataServices();
        builder.AddIndexer();
        var host = builder.Build();
        var chainId = await host.Services.GetRequiredService<ChainCheck>().RunAsync(CancellationToken.None);
        var syncer = host.Services.GetRequiredService<ChainSyncer>();
        await syncer.InitializeAsync(chainId, CancellationToken.None);
        return (host, syncer);
    }
}
