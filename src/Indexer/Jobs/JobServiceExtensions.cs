using Hangfire;
using LeveragedTokens.Chain;
using LeveragedTokens.Exports;
using LeveragedTokens.Hosting;
using LeveragedTokens.Indexer.Options;
using LeveragedTokens.Staff;
using Microsoft.Extensions.Options;

namespace LeveragedTokens.Indexer.Jobs;

public static class JobServiceExtensions
{
    /// <summary>
    /// The Hangfire server on the dashboard's Postgres, with every job it runs: the indexer's own, the staff
    /// alerts and webhooks, the daily export (referencing Staff and Exports is what lets this server load
    /// the jobs), all registered by <see cref="RecurringJobs"/>; and the alert evaluation after new data.
    /// </summary>
    public static IHostApplicationBuilder AddIndexerJobs(this IHostApplicationBuilder builder)
    {
        builder.AddDashboardJobStorage(runsServer: true);
        builder.AddStaffAlerts();
        builder.AddExportServices();
        var scheduledExports = !string.IsNullOrWhiteSpace(
            builder.Configuration.GetSection(ScheduledExportOptions.Section).Get<ScheduledExportOptions>()?.Folder);
        if (scheduledExports)
        {
            // The chain id defaults to the one the indexer is pinned to (Chain:ChainId); a bad setting stops start-up.
            builder.Services.AddOptions<ScheduledExportOptions>()
                .PostConfigure<IOptions<ChainOptions>>((o, chain) => o.ChainId = o.ChainId > 0 ? o.ChainId : chain.Value.ChainId ?? 0)
                .ValidateOnStart();
        }
        builder.Services.AddTransient<RecentWindowRescanJob>();
        // Registered after the host kit's migrations, so the schemas exist before the first job runs.
        builder.Services.AddHostedService(sp => new RecurringJobs(
            sp.GetRequiredService<IRecurringJobManager>(), IndexedChainId(sp), scheduledExports, sp.GetRequiredService<ILogger<RecurringJobs>>()));
        // The chain's own queue first: its re-scan and export wait behind no other chain's shared work.
        builder.Services.AddHangfireServer((sp, o) =>
        {
            o.WorkerCount = 2;
            o.Queues = [ChainJobs.Queue(IndexedChainId(sp)), ChainJobs.SharedQueue];
        });
        builder.Services.AddEvaluationOnNewData();
        return builder;
    }

    /// <summary>The alert evaluation queued after each commit of this indexer's chain (<see cref="AlertEvaluationOnNewData"/>).</summary>
    public static IServiceCollection AddEvaluationOnNewData(this IServiceCollection services) =>
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<AlertEvaluationOnNewData>(sp, IndexedChainId(sp)));

    /// <summary>
    /// The chain this indexer reads: Chain:ChainId, else what the start-up chain check learned from the node. Both
    /// are known before the hosted services (the job server among them) start.
    /// </summary>
    public static long IndexedChainId(IServiceProvider services) =>
        services.GetRequiredService<IOptions<ChainOptions>>().Value.ChainId
        ?? services.GetRequiredService<ChainRpc>().Nodes.ExpectedChainId
        ?? throw new InvalidOperationException("The chain's jobs are keyed by its id: set Chain:ChainId or run the chain check before starting the host.");
}
