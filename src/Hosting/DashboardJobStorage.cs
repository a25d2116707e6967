using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Hosting;

namespace LeveragedTokens.Hosting;

/// <summary>The one Hangfire storage every host shares: the dashboard's Postgres, schema "hangfire".</summary>
public static class DashboardJobStorage
{
    /// <param name="runsServer">
    /// For the host that runs the Hangfire server (the indexer): no storage at start-up is an error, not a
    /// degraded mode, so an orchestrator restarts it instead of it running without its jobs.
    /// </param>
    public static IHostApplicationBuilder AddDashboardJobStorage(this IHostApplicationBuilder builder, bool runsServer = false)
    {
        var connectionString = builder.Configuration.DashboardConnectionString();
        builder.Services.AddHangfire(c => c.UseDashboardJobStorage(connectionString, runsServer));
        return builder;
    }

    public static IGlobalConfiguration UseDashboardJobStorage(this IGlobalConfiguration configuration, string connectionString, bool failFast = false)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            // LISTEN/NOTIFY wakes a worker when a job is queued (e.g. the alert evaluation the indexer queues
            // after new chain data) instead of at the next 15 s queue poll.
            EnableLongPolling = true,
        };
        if (failFast)
        {
            options.StartupConnectionMaxRetries = 0;
            options.AllowDegradedModeWithoutStorage = false;
        }
        return configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), options);
    }
}
