using LeveragedTokens.Indexer.Hosting;
using LeveragedTokens.Indexer.Jobs;
using LeveragedTokens.Indexer.Options;
using LeveragedTokens.Indexer.Rpc;
using LeveragedTokens.Indexer.Storage;
using LeveragedTokens.Indexer.Sync;
using Microsoft.Extensions.Options;
using Nethereum.JsonRpc.Client;

namespace LeveragedTokens.Indexer;

public static class IndexerServiceExtensions
{
    public const string RpcHttpClient = "chain-rpc";

    /// <summary>
    /// The sync pipeline without anything that runs by itself: options, RPC over IHttpClientFactory, the
    /// readers, the writer, <see cref="ChainSyncer"/> and <see cref="ChainCheck"/>. Tests and benches poll it.
    /// </summary>
    public static IHostApplicationBuilder AddIndexerPipeline(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ChainOptions>().BindConfiguration(ChainOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IndexerOptions>().BindConfiguration(IndexerOptions.Section);

        services.AddHttpClient(RpcHttpClient, (sp, http) =>
            {
                var o = sp.GetRequiredService<IOptions<ChainOptions>>().Value;
                http.Timeout = Timeout.InfiniteTimeSpan; // the resilience handler owns timeouts
                http.MaxResponseContentBufferSize = o.MaxResponseBytes;
            })
            .AddStandardResilienceHandler(o =>
            {
                var chain = builder.Configuration.GetSection(ChainOptions.Section).Get<ChainOptions>() ?? new ChainOptions();
                o.AttemptTimeout.Timeout = chain.RequestTimeout;
                o.TotalRequestTimeout.Timeout = chain.RequestTimeout * 4;
                o.CircuitBreaker.SamplingDuration = chain.RequestTimeout * 2;
                o.Retry.MaxRetryAttempts = 3;
                // Short first delays: the sync loop has its own slower backoff for long outages.
                o.Retry.Delay = TimeSpan.FromMilliseconds(200);
                o.Retry.UseJitter = true;
            });
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<ChainOptions>>().Value;
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            ClientBase.ConnectionTimeout = o.RequestTimeout * 5;
            return new ChainRpc(o.AllRpcUrls().Select(url => (url, (IClient)new RpcClient(new Uri(url), factory.CreateClient(RpcHttpClient)))).ToList());
        });
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<ChainOptions>>().Value;
            return new AdaptiveRange(o.InitialRange, o.MaxRange);
        });
        services.AddSingleton<RpcRetry>();
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
