using LeveragedTokens.Chain;
using LeveragedTokens.Indexer.Hosting;
using LeveragedTokens.Indexer.Jobs;
using LeveragedTokens.Indexer.Options;
using LeveragedTokens.Indexer.Rpc;
using LeveragedTokens.Indexer.Storage;
using LeveragedTokens.Indexer.Sync;
using Microsoft.Extensions.Options;

namespace LeveragedTokens.Indexer;

public static class IndexerServiceExtensions
{
    /// <summary>
    /// The sync pipeline without anything that runs by itself: options, the chain's RPC client, the
    /// readers, the writer, <see cref="ChainSyncer"/> and <see cref="ChainCheck"/>. Tests and benches poll it.
    /// </summary>
    public static IHostApplicationBuilder AddIndexerPipeline(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ChainOptions>().BindConfiguration(ChainOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IndexerOptions>().BindConfiguration(IndexerOptions.Section);

        services.AddChainRpc(sp => sp.GetRequiredService<IOptions<ChainOptions>>().Value.RpcOptions());
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<ChainOptions>>().Value;
            return new AdaptiveRange(o.InitialRange, o.MaxRange);
        });
        services.AddSingleton<LogFetcher>();
        services.AddSingleton<TailReader>();
        services.AddSingleton<ReorgDetector>();
        services.AddSingleton<BatchBuilder>();
        services.AddSingleton<BatchWriter>();
        services.AddSingleton<ReorgRewinder>();
        services.AddSingleton<ChainStateStore>();
        services.AddSingleton<SyncProgress>();
        services.AddSingleton<NewChainData>();
        services.AddSingleton<ChainSyncer>();
        services.AddSingleton<ChainCheck>();
        return builder;
    }

    /// <summary>What runs by itself: the chain-following worker (writer lock, polls) and, unless Indexer:EnableJobs is false, the jobs.</summary>
    public static IHostApplicationBuilder AddIndexerWorker(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<WriterLock>();
        builder.Services.AddHostedService<IndexerWorker>();
        if (builder.Configuration.GetValue($"{IndexerOptions.Section}:{nameof(IndexerOptions.EnableJobs)}", true))
            builder.AddIndexerJobs();
        return builder;
    }
}
