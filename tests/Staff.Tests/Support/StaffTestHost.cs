using Hangfire;
using LeveragedTokens.Hosting;
using LeveragedTokens.Staff.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeveragedTokens.Staff.Tests.Support;

/// <summary>A fresh database with both schemas migrated and the staff services of a host, without the web.</summary>
public sealed class StaffTestHost : IAsyncDisposable
{
    private StaffTestHost(PostgresDatabase database, IHost host)
    {
        Database = database;
        Host = host;
        Chain = new ChainSeeder(Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>());
    }

    public PostgresDatabase Database { get; }
    public IHost Host { get; }
    public IServiceProvider Services => Host.Services;
    public ChainSeeder Chain { get; }

    /// <param name="hangfire">Also run a Hangfire server (PostgreSQL storage, fast polling) so deliveries go through Hangfire.</param>
    public static async Task<StaffTestHost> StartAsync(IDictionary<string, string?>? settings = null, bool identity = false, bool hangfire = false)
    {
        var database = await PostgresDatabase.CreateAsync("staff");
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Dashboard"] = database.ConnectionString,
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddDashboardDatabase();
        builder.AddStaffAlerts();
        if (identity) builder.AddStaffIdentityCore();
        if (hangfire)
        {
            builder.AddDashboardJobStorage(runsServer: true);
            builder.Services.AddHangfireServer(o =>
            {
                o.WorkerCount = 2;
                o.SchedulePollingInterval = TimeSpan.FromMilliseconds(500);
            });
        }
        var host = builder.Build();
        await host.Services.MigrateDatabasesAsync();
        if (hangfire) await host.StartAsync();
        return new StaffTestHost(database, host);
    }

    public Task<EvaluationSummary> EvaluateAsync() =>
        Services.GetRequiredService<AlertEvaluationJob>().RunAsync(CancellationToken.None);

    /// <summary>The pool publishes <paramref name="utilizationBps"/> at <paramref name="block"/>, the indexer reaches it and the rules run.</summary>
    public async Task<EvaluationSummary> EvaluateMetricsAsync(long block, long utilizationBps)
    {
        await Chain.MetricsAsync(block, utilizationBps);
        await Chain.IndexedUpToAsync(block);
        return await EvaluateAsync();
    }

    public async Task<List<Alert>> AlertsAsync(AlertKind? kind = null)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<StaffDbContext>>().CreateDbContextAsync();
        return await db.Alerts.AsNoTracking().Where(a => kind == null || a.Kind == kind).OrderBy(a => a.Id).ToListAsync();
    }

    public async Task<StaffDbContext> StaffDbAsync() =>
        await Services.GetRequiredService<IDbContextFactory<StaffDbContext>>().CreateDbContextAsync();

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync(TimeSpan.FromSeconds(5));
        Host.Dispose();
        await Database.DisposeAsync();
    }
}
