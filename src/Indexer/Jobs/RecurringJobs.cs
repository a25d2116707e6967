using Hangfire;
using LeveragedTokens.Exports;
using LeveragedTokens.Staff.Alerts;
using LeveragedTokens.Staff.Notifications;
using LeveragedTokens.Staff.Scenarios;

namespace LeveragedTokens.Indexer.Jobs;

/// <summary>Every recurring job of the system, registered (or updated) in one place when the indexer starts.</summary>
public sealed class RecurringJobs(IRecurringJobManager jobs, bool scheduledExports, ILogger<RecurringJobs> logger) : IHostedService
{
    public const string ScheduledExportJobId = "exports-scheduled-daily";

    /// <summary>Daily, shortly after midnight UTC; a run that finds yesterday not yet indexed is caught up by the next one.</summary>
    public const string ScheduledExportCron = "30 0 * * *";

    private static readonly RecurringJobOptions Utc = new() { TimeZone = TimeZoneInfo.Utc };

    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdate<RecentWindowRescanJob>(RecentWindowRescanJob.JobId, j => j.RunAsync(CancellationToken.None), "*/10 * * * *", Utc);
        jobs.AddOrUpdate<AlertEvaluationJob>(AlertEvaluationJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), "* * * * *", Utc);
        jobs.AddOrUpdate<WebhookDeliveryJob>(WebhookDeliveryJob.SweepJobId, j => j.SweepAsync(CancellationToken.None), "*/5 * * * *", Utc);
        jobs.AddOrUpdate<SavedScenarioJob>(SavedScenarioJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), SavedScenarioJob.Cron, Utc);
        if (scheduledExports)
        {
            jobs.AddOrUpdate<ScheduledExportJob>(ScheduledExportJobId, j => j.RunAsync(CancellationToken.None), ScheduledExportCron, Utc);
        }
        else
        {
            // A registration left by an earlier configuration goes.
            jobs.RemoveIfExists(ScheduledExportJobId);
            logger.LogInformation("Scheduled exports are off: set Exports:Scheduled:Folder to write daily files");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
