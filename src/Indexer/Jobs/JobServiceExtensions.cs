using Hangfire;
using LeveragedTokens.Staff;

namespace LeveragedTokens.Indexer.Jobs;

public static class JobServiceExtensions
{
    /// <summary>Hangfire on the dashboard's Postgres (schema "hangfire"): the server and the indexer's recurring jobs.</summary>
    public static IHostApplicationBuilder AddIndexerJobs(this IHostApplicationBuilder builder, string connectionString)
    {
        builder.Services.AddHangfire(c => c.UseDashboardJobStorage(connectionString, failFast: true));
        builder.AddStaffAndExportJobs(); // before the server: the staff schema is migrated before the first job runs
        builder.Services.AddHangfireServer(o => o.WorkerCount = 2);
        builder.Services.AddTransient<RecentWindowRescanJob>();
        builder.Services.AddHostedService<RecurringJobRegistration>();
        return builder;
    }
}

/// <summary>Registers (or updates) the recurring jobs once the host starts.</summary>
internal sealed class RecurringJobRegistration(IRecurringJobManager jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdate<RecentWindowRescanJob>(RecentWindowRescanJob.JobId, j => j.RunAsync(CancellationToken.None), "*/10 * * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
