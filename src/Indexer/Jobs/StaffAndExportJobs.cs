using Hangfire;
using LeveragedTokens.Exports;
using LeveragedTokens.Indexer.Options;
using LeveragedTokens.Staff;
using Microsoft.Extensions.Options;

namespace LeveragedTokens.Indexer.Jobs;

/// <summary>
/// The jobs of other projects that this host's Hangfire server runs. Referencing Staff and Exports
/// here is what lets the server load jobs the web host enqueues ("Could not resolve assembly
/// 'Staff'" otherwise); their services let it activate them.
/// </summary>
public static class StaffAndExportJobs
{
    public const string ScheduledExportJobId = "exports-scheduled-daily";

    /// <summary>Daily, shortly after midnight UTC; a run that finds yesterday not yet indexed is caught up by the next one.</summary>
    public const string ScheduledExportCron = "30 0 * * *";

    /// <summary>
    /// Staff alert evaluation and webhook sweep (AddStaffAlertJobs also migrates the staff schema at
    /// start-up, before the server below starts), and the daily export into Exports:Scheduled:Folder.
    /// Call before AddHangfireServer so the staff schema exists when the first job runs.
    /// </summary>
    public static IHostApplicationBuilder AddStaffAndExportJobs(this IHostApplicationBuilder builder)
    {
        builder.AddStaffAlertJobs();
        builder.AddExportServices();
        var folder = builder.Configuration.GetSection(ScheduledExportOptions.Section).Get<ScheduledExportOptions>()?.Folder;
        var scheduled = !string.IsNullOrWhiteSpace(folder);
        if (scheduled)
        {
            // The chain id defaults to the one the indexer is pinned to (Chain:ChainId); a bad setting stops start-up.
            builder.Services.AddOptions<ScheduledExportOptions>()
                .PostConfigure<IOptions<ChainOptions>>((o, chain) => o.ChainId = o.ChainId > 0 ? o.ChainId : chain.Value.ChainId ?? 0)
                .ValidateOnStart();
        }
        builder.Services.AddHostedService(sp => new ScheduledExportRegistration(
            sp.GetRequiredService<IRecurringJobManager>(), scheduled, sp.GetRequiredService<ILogger<ScheduledExportRegistration>>()));
        return builder;
    }
}

/// <summary>Registers the daily export when a folder is configured, and removes a stale registration when not.</summary>
internal sealed class ScheduledExportRegistration(IRecurringJobManager jobs, bool enabled, ILogger<ScheduledExportRegistration> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (enabled)
        {
            jobs.AddOrUpdate<ScheduledExportJob>(StaffAndExportJobs.ScheduledExportJobId, j => j.RunAsync(CancellationToken.None),
                StaffAndExportJobs.ScheduledExportCron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }
        else
        {
            jobs.RemoveIfExists(StaffAndExportJobs.ScheduledExportJobId);
            logger.LogInformation("Scheduled exports are off: set Exports:Scheduled:Folder to write daily files");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
