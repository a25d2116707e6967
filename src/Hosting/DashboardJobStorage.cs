using Hangfire;
using Hangfire.PostgreSql;
using LeveragedTokens.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace LeveragedTokens.Hosting;

/// <summary>The one Hangfire storage every host shares: the dashboard's Postgres, schema "hangfire".</summary>
public static class DashboardJobStorage
{
    public const string Schema = "hangfire";

    /// <param name="runsServer">
    /// For the host that runs the Hangfire server (the indexer): no storage at start-up is an error, not a
    /// degraded mode, so an orchestrator restarts it instead of it running without its jobs.
    /// </param>
    public static IHostApplicationBuilder AddDashboardJobStorage(this IHostApplicationBuilder builder, bool runsServer = false)
    {
        var connectionString = builder.Configuration.DashboardConnectionString();
        builder.Services.AddHangfire(c => c.UseDashboardJobStorage(connectionString, runsServer));
        // Before the Hangfire server (registered after this), like the EF migrations.
        builder.Services.AddSingleton<JobStorageSchema>().AddHostedService(sp => sp.GetRequiredService<JobStorageSchema>());
        return builder;
    }

    public static IGlobalConfiguration UseDashboardJobStorage(this IGlobalConfiguration configuration, string connectionString, bool failFast = false)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = Schema,
            // Installed by JobStorageSchema under the migration lock: two hosts installing at once collide in
            // Postgres' catalog ("could not find tuple for constraint").
            PrepareSchemaIfNecessary = false,
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

/// <summary>Installs or upgrades Hangfire's schema at start-up, taking turns with every other schema change.</summary>
internal sealed class JobStorageSchema(NpgsqlDataSource dataSource) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.WithMigrationLockAsync(() =>
        {
            PostgreSqlObjectsInstaller.Install(connection, DashboardJobStorage.Schema);
            return Task.CompletedTask;
        }, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
