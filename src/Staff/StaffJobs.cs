using Hangfire;
using LeveragedTokens.Staff.Alerts;
using LeveragedTokens.Staff.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LeveragedTokens.Staff;

/// <summary>The staff recurring jobs, for the host that runs the Hangfire server (the indexer).</summary>
public static class StaffJobs
{
    public static IRecurringJobManager AddAlertJobs(this IRecurringJobManager jobs, string evaluationCron = "* * * * *")
    {
        var utc = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        jobs.AddOrUpdate<AlertEvaluationJob>(AlertEvaluationJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), evaluationCron, utc);
        jobs.AddOrUpdate<WebhookDeliveryJob>(WebhookDeliveryJob.SweepJobId, j => j.SweepAsync(CancellationToken.None), "*/5 * * * *", utc);
        return jobs;
    }

    /// <summary>
    /// For the host that runs the Hangfire server (the indexer): the staff services, so the server can
    /// activate the staff jobs, and the recurring jobs registered at start-up. One line in that host.
    /// </summary>
    public static IHostApplicationBuilder AddStaffAlertJobs(this IHostApplicationBuilder builder)
    {
        builder.AddStaffAlerts();
        builder.Services.AddHostedService<StaffJobRegistration>();
        return builder;
    }

    /// <summary>Right after new chain data: queue an evaluation now (runs are serialized by an advisory lock).</summary>
    public static string EnqueueAlertEvaluation(this IBackgroundJobClient jobs) =>
        jobs.Enqueue<AlertEvaluationJob>(j => j.RunAsync(CancellationToken.None));
}

internal sealed class StaffJobRegistration(IServiceProvider services, IRecurringJobManager jobs) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        // Whichever host starts first brings the staff schema up; the others wait on MigrateExclusivelyAsync's lock.
        await Identity.StaffBootstrapper.MigrateStaffDatabaseAsync(services, ct);
        jobs.AddAlertJobs();
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
