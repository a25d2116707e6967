using LeveragedTokens.Chain;
using LeveragedTokens.Data;
using LeveragedTokens.Indexer.Hosting;
using LeveragedTokens.Indexer.Jobs;
using LeveragedTokens.Indexer.Options;
using LeveragedTokens.Indexer.Rpc;
using LeveragedTokens.Indexer.Storage;
using LeveragedTokens.Indexer.Sync;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LeveragedTokens.Indexer;

public static class IndexerServiceExtensions
{
    /// <summary>The indexer's wiring: options, the chain's RPC client, the sync pipeline, the worker and the jobs.</summary>
    public static IHostApplicationBuilder AddIndexer(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ChainOptions>().BindConfiguration(ChainOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IndexerOptions>().BindConfiguration(IndexerOptions.Section);

        var connectionString = builder.Configuration.GetConnectionString(DataServiceExtensions.ConnectionName)!;
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());

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
        services.AddSingleton<ChainSyncer>();
        services.AddSingleton<ChainCheck>();
        services.AddSingleton<WriterLock>();
        services.AddHostedService<IndexerWorker>();

        if (builder.Configuration.GetValue($"{IndexerOptions.Section}:{nameof(IndexerOptions.EnableJobs)}", true))
            builder.AddIndexerJobs(connectionString);
        return builder;
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> for bad settings before any service starts.</summary>
    public static void ValidateIndexerOptions(this IServiceProvider services)
    {
        _ = services.GetRequiredService<IOptions<ChainOptions>>().Value;
        _ = services.GetRequiredService<IOptions<IndexerOptions>>().Value;
    }
}
