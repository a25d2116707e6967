using Hangfire;
using Hangfire.Storage;
using LeveragedTokens.Exports;
using LeveragedTokens.Staff.Persistence;
using LeveragedTokens.Staff.Scenarios;
using LeveragedTokens.Hosting;
using LeveragedTokens.Indexer.Jobs;
using Microsoft.Extensions.Hosting;

namespace LeveragedTokens.Staff.Tests;

/// <summary>
/// The indexer host, wired exactly as its Program.cs does (minus the chain-following worker, which
/// needs a node), is the Hangfire server of the Staff and Exports jobs: it migrates the staff
/// schema, registers their recurring jobs, and runs a job the web host enqueues and the daily export.
/// </summary>
[Collection(HangfireHostsCollection.Name)]
public sealed class IndexerJobHostTests : IAsyncLifetime
{
    private sealed class FixedTime(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utc);
    }

    // 2026-01-03 10:00 UTC: with one catch-up day the export writes 2026-01-02.
    private static readonly DateTime Now = new(2026, 1, 3, 10, 0, 0, DateTimeKind.Utc);
    private const long Jan2Block = 30 * ChainSeeder.BlocksPerHour;  // 2026-01-02 06:00
    private const long Jan3Block = 49 * ChainSeeder.BlocksPerHour;  // 2026-01-03 01:00

    private static readonly string ExportJobId = RecurringJobs.ScheduledExportJobId(ChainSeeder.ChainId);

    private PostgresDatabase _database = null!;
    private string _folder = null!;
    private IHost _host = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync("jobhost");
        _folder = Directory.CreateTempSubdirectory("scheduled-exports-").FullName;
        _host = BuildIndexerHost(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["Chain:ChainId"] = ChainSeeder.ChainId.ToString(), // the scheduled export's chain by default
            ["Exports:Scheduled:Folder"] = _folder,
            ["Exports:Scheduled:CatchUpDays"] = "1",
        }, new FixedTime(Now));
        // Seeded before the host starts: the same migrations, run now.
        await _host.Services.MigrateDatabasesAsync();
        var chain = new ChainSeeder(_host.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>());
        await chain.RegisterAsync();
        await chain.RebalanceAsync(Jan2Block);
        await chain.MetricsAsync(Jan2Block, 10_500);
        await chain.IndexedUpToAsync(Jan3Block);
        await _host.StartAsync();
    }

    /// <summary>The indexer's own wiring (as Program.cs) with its jobs, without the chain-following worker (no node here).</summary>
    /// <remarks>No node to ask: the chain is Chain:ChainId, <see cref="ChainSeeder.ChainId"/> unless the settings name another.</remarks>
    internal static IHost BuildIndexerHost(string connectionString, Dictionary<string, string?> settings, TimeProvider? time = null)
    {
        var builder = IndexerHost.Builder("http://127.0.0.1:9", connectionString, "0x00000000000000000000000000000000000000c1",
            new Dictionary<string, string?>(settings) { ["Chain:ChainId"] = settings.GetValueOrDefault("Chain:ChainId") ?? ChainSeeder.ChainId.ToString() });
        if (time is not null) builder.Services.AddSingleton(time);
        builder.AddIndexerJobs();
        return builder.Build();
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(10));
        _host.Dispose();
        Directory.Delete(_folder, recursive: true);
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task TheIndexerRegistersTheStaffAndExportJobsAndCanActivateEachOne()
    {
        using var connection = _host.Services.GetRequiredService<JobStorage>().GetConnection();
        var recurring = connection.GetRecurringJobs();

        Assert.Superset(
            new HashSet<string> { AlertEvaluationJob.RecurringJobId, WebhookDeliveryJob.SweepJobId, ExportJobId, RecentWindowRescanJob.JobId(ChainSeeder.ChainId),
                SavedScenarioJob.RecurringJobId },
            recurring.Select(j => j.Id).ToHashSet());
        // Every recurring job the server holds, the indexer's own included, loads and resolves from its container.
        Assert.All(recurring, j => Assert.Null(j.LoadException));
        using var scope = _host.Services.CreateScope();
        Assert.All(recurring, j => Assert.NotNull(scope.ServiceProvider.GetRequiredService(j.Job.Type)));
        Assert.Equal(RecurringJobs.ScheduledExportCron, recurring.Single(j => j.Id == ExportJobId).Cron);
        Assert.Equal(SavedScenarioJob.Cron, recurring.Single(j => j.Id == SavedScenarioJob.RecurringJobId).Cron);
        // The staff schema came up with the job host: the web host is not needed for the jobs to run.
        await using var staff = await _host.Services.GetRequiredService<IDbContextFactory<StaffDbContext>>().CreateDbContextAsync();
        Assert.Empty(await staff.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task AnAlertEvaluationTheWebEnqueuesRunsOnTheIndexer()
    {
        // The web host's side: a Hangfire client of its own on the same database.
        var web = new Hangfire.PostgreSql.PostgreSqlStorage(
            new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(_database.ConnectionString, new Hangfire.PostgreSql.PostgreSqlStorageOptions()),
            new Hangfire.PostgreSql.PostgreSqlStorageOptions { SchemaName = "hangfire" });
        var id = new BackgroundJobClient(web).EnqueueAlertEvaluation();

        await WaitForSuccessAsync(id);

        await using var staff = await _host.Services.GetRequiredService<IDbContextFactory<StaffDbContext>>().CreateDbContextAsync();
        Assert.Contains(await staff.Alerts.AsNoTracking().ToListAsync(), a => a.Kind == AlertKind.ReserveBelowFloor && a.FiredBlock == Jan2Block);
    }

    [Fact]
    public async Task TheDailyExportRunsOnTheIndexerAndWritesDatedFilesWithManifests()
    {
        _host.Services.GetRequiredService<IRecurringJobManager>().Trigger(ExportJobId);

        var day = Path.Combine(_folder, "2026-01-02");
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while ((!Directory.Exists(day) || Directory.GetFiles(day, "*.manifest.json").Length < 3) && DateTime.UtcNow < deadline)
            await Task.Delay(250);

        var rebalances = Path.Combine(day, "rebalances.v2.chain-31337.time-20260102T000000Z-20260103T000000Z.csv");
        Assert.True(File.Exists(ExportFileNames.ManifestFor(rebalances)), FailureOf(ExportJobId));
        var manifest = ExportManifest.FromJson(await File.ReadAllTextAsync(ExportFileNames.ManifestFor(rebalances)));
        Assert.Equal(1, manifest.RowCount);
        Assert.Equal(3, Directory.GetFiles(day, "*.manifest.json").Length);
    }

    private async Task WaitForSuccessAsync(string jobId)
    {
        var monitoring = _host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        string? state = null;
        while (DateTime.UtcNow < deadline)
        {
            var details = monitoring.JobDetails(jobId);
            state = details?.History.FirstOrDefault()?.StateName;
            if (state is "Succeeded") return;
            if (state is "Failed")
                Assert.Fail($"Job {jobId} failed on the indexer: {Reason(details!.History[0])}");
            await Task.Delay(250);
        }
        Assert.Fail($"Job {jobId} did not run within 90 s (last state: {state ?? "none"})");
    }

    private static string? Reason(Hangfire.Storage.Monitoring.StateHistoryDto state) =>
        state.Data.TryGetValue("ExceptionMessage", out var message) ? message : state.Reason;

    private string FailureOf(string recurringJobId)
    {
        using var connection = _host.Services.GetRequiredService<JobStorage>().GetConnection();
        var last = connection.GetRecurringJobs([recurringJobId]).SingleOrDefault()?.LastJobId;
        if (last is null) return "the recurring job never ran";
        var details = _host.Services.GetRequiredService<JobStorage>().GetMonitoringApi().JobDetails(last);
        var latest = details?.History.FirstOrDefault();
        return $"last run {last}: {latest?.StateName} {(latest is null ? null : Reason(latest))}";
    }
}

/// <summary>Without Exports:Scheduled:Folder the indexer starts as before and no daily export is registered.</summary>
[Collection(HangfireHostsCollection.Name)]
public sealed class IndexerWithoutScheduledExportsTests
{
    [Fact]
    public async Task WithoutAFolderTheDailyExportIsNotRegisteredAndTheStaffJobsStillAre()
    {
        await using var database = await PostgresDatabase.CreateAsync("jobhost");
        using var host = IndexerJobHostTests.BuildIndexerHost(database.ConnectionString, []);
        await host.Services.MigrateDatabasesAsync();
        // A registration left by an earlier configuration is removed.
        host.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<ScheduledExportJob>(
            RecurringJobs.ScheduledExportJobId(ChainSeeder.ChainId), j => j.RunAsync(CancellationToken.None), Cron.Daily());

        await host.StartAsync();
        try
        {
            using var connection = host.Services.GetRequiredService<JobStorage>().GetConnection();
            var ids = connection.GetRecurringJobs().Select(j => j.Id).ToList();
            Assert.DoesNotContain(RecurringJobs.ScheduledExportJobId(ChainSeeder.ChainId), ids);
            Assert.Contains(AlertEvaluationJob.RecurringJobId, ids);
            Assert.Contains(WebhookDeliveryJob.SweepJobId, ids);
        }
        finally
        {
            await host.StopAsync(TimeSpan.FromSeconds(10));
        }
    }
}
