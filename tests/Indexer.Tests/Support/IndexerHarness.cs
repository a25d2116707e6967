using LeveragedTokens.Data;
using LeveragedTokens.Indexer.Hosting;
using LeveragedTokens.Indexer.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeveragedTokens.Indexer.Tests.Support;

/// <summary>
/// The indexer's real services, built by AddDataServices + AddIndexer, without starting the
/// worker: a test drives the syncer poll by poll.
/// </summary>
public sealed class IndexerHarness(IHost host, long chainId) : IAsyncDisposable
{
    public IServiceProvider Services => host.Services;
    public long ChainId => chainId;
    public ChainSyncer Syncer => host.Services.GetRequiredService<ChainSyncer>();

    public static async Task<IndexerHarness> CreateAsync(string rpcUrl, string connectionString, string registry, long startBlock = 0,
        IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Dashboard"] = connectionString,
            ["Chain:RpcUrl"] = rpcUrl,
            ["Chain:RegistryAddress"] = registry,
            ["Chain:StartBlock"] = startBlock.ToString(),
            ["Chain:Confirmations"] = "0",
            ["Chain:PollInterval"] = "00:00:00.200",
            ["Indexer:EnableJobs"] = "false",
        };
        foreach (var (k, v) in overrides ?? new Dictionary<string, string?>()) settings[k] = v;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.AddDataServices();
        builder.AddIndexer();
        var host = builder.Build();
        await host.Services.MigrateDashboardDatabaseAsync();
        var chainId = await host.Services.GetRequiredService<ChainCheck>().RunAsync(CancellationToken.None);
        await host.Services.GetRequiredService<ChainSyncer>().InitializeAsync(chainId, CancellationToken.None);
        return new IndexerHarness(host, chainId);
    }

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

    public async ValueTask DisposeAsync()
    {
        if (host is IAsyncDisposable d) await d.DisposeAsync();
        else host.Dispose();
    }
}
