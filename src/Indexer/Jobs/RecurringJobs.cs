using Hangfire;
using LeveragedTokens.Exports;
using LeveragedTokens.Staff.Alerts;
using LeveragedTokens.Staff.Notifications;
using LeveragedTokens.Staff.Scenarios;

namespace LeveragedTokens.Indexer.Jobs;

/// <summary>
/// Every recurring job of the system, registered (or updated) in one place when an indexer starts: the shared ones
/// once for all chains, the chain's own (<see cref="ChainJobs"/>) under its id and queue.
/// </summary>
public sealed class RecurringJobs(IRecurringJobManager jobs, long chainId, bool scheduledExports, ILogger<RecurringJobs> logger) : IHostedService
{
    public const string ScheduledExportJob = "exports-scheduled-daily";

    /// <summary>Ids of the single-chain releases, before jobs were keyed by chain: gone when any indexer starts.</summary>
    private static readonly string[] UnkeyedIds = [ScheduledExportJob, RecentWindowRescanJob.Job];

    /// <summary>Daily, shortly after midnight UTC; a run that finds yesterday not yet indexed is caught up by the next one.</summary>
    public const string ScheduledExportCron = "30 0 * * *";

    private static readonly RecurringJobOptions Utc = new() { TimeZone = TimeZoneInfo.Utc };

    public static string ScheduledExportJobId(long chainId) => ChainJobs.Id(ScheduledExportJob, chainId);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var id in UnkeyedIds) jobs.RemoveIfExists(id);
        var queue = ChainJobs.Queue(chainId);
        jobs.AddOrUpdate<RecentWindowRescanJob>(RecentWindowRescanJob.JobId(chainId), queue, j => j.RunAsync(chainId, CancellationToken.None),
            "*/10 * * * *", Utc);
        jobs.AddOrUpdate<AlertEvaluationJob>(AlertEvaluationJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), "* * * * *", Utc);
        jobs.AddOrUpdate<WebhookDeliveryJob>(WebhookDeliveryJob.SweepJobId, j => j.SweepAsync(CancellationToken.None), "*/5 * * * *", Utc);
        jobs.AddOrUpdate<SavedScenarioJob>(SavedScenarioJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), SavedScenarioJob.Cron, Utc);
        if (scheduledExports)
        {
            // This process's folder and settings: its own chain's queue.
            jobs.AddOrUpdate<ScheduledExportJob>(ScheduledExportJobId(chainId), queue, j => j.RunAsync(CancellationToken.None), ScheduledExportCron, Utc);
        }
        else
        {
            // A registration left by an earlier configuration goes.
            jobs.RemoveIfExists(ScheduledExportJobId(chainId));
            logger.LogInformation("Scheduled exports are off: set Exports:Scheduled:Folder to write daily files");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
