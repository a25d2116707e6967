using System.Collections.Concurrent;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace LeveragedTokens.Operations.Tests;

/// <summary>Two Hangfire servers (two indexer instances) on one Postgres: every job runs once.</summary>
public sealed class HangfireTests : IAsyncLifetime
{
    private PostgresDatabase _database = default!;
    private readonly List<BackgroundJobServer> _servers = [];

    public async Task InitializeAsync() => _database = await PostgresDatabase.CreateAsync("opsjobs");

    [Fact]
    public async Task JobsAndARecurringJobRunOnceAcrossTwoServers()
    {
        var storages = Enumerable.Range(0, 2).Select(_ => new PostgreSqlStorage(
            new NpgsqlConnectionFactory(_database.ConnectionString, new PostgreSqlStorageOptions()),
            new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromMilliseconds(200) })).ToList();
        foreach (var (storage, i) in storages.Select((s, i) => (s, i)))
            _servers.Add(new BackgroundJobServer(new BackgroundJobServerOptions
            {
                ServerName = $"indexer-{i}", WorkerCount = 3, SchedulePollingInterval = TimeSpan.FromSeconds(1),
                // Web hosts in this test process leave Hangfire's static activator bound to their (disposed) containers.
                Activator = new JobActivator(),
            }, storage));

        var client = new BackgroundJobClient(storages[0]);
        for (var n = 0; n < 40; n++) client.Enqueue(() => CountingJob.Run($"job-{n}"));
        // A recurring job every minute, registered by both instances as the indexer does at start-up.
        foreach (var storage in storages)
            new RecurringJobManager(storage).AddOrUpdate("ops-minutely", () => CountingJob.Run("recurring"), "* * * * *",
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while ((CountingJob.Runs.Count(r => r.Key.StartsWith("job-", StringComparison.Ordinal)) < 40 || !CountingJob.Runs.ContainsKey("recurring"))
               && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        await Task.Delay(3000); // both schedulers have had several polls past the minute

        Assert.All(Enumerable.Range(0, 40), n => Assert.Equal(1, CountingJob.Runs.GetValueOrDefault($"job-{n}")));
        Assert.Equal(1, CountingJob.Runs.GetValueOrDefault("recurring"));
        Assert.Equal(2, await ServersThatProcessedAsync());
    }

    private async Task<long> ServersThatProcessedAsync()
    {
        await using var conn = new NpgsqlConnection(_database.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT count(DISTINCT split_part(data::jsonb ->> 'ServerId', ':', 1)) FROM hangfire.state WHERE name = 'Processing'", conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        foreach (var server in _servers) server.SendStop();
        foreach (var server in _servers) server.Dispose();
        await _database.DisposeAsync();
    }
}

public static class CountingJob
{
    public static readonly ConcurrentDictionary<string, int> Runs = new();

    public static void Run(string name) => Runs.AddOrUpdate(name, 1, (_, n) => n + 1);
}
