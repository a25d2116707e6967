using Hangfire;
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
            sp.GetRequiredService<IRecurringJobManager>(), scheduledExports, sp.GetRequiredService<ILogger<RecurringJobs>>()));
        builder.Services.AddHangfireServer(o => o.WorkerCount = 2);
        builder.Services.AddHostedService<AlertEvaluationOnNewData>();
        return builder;
    }
}
