using System.Collections.Concurrent;
using Hangfire;
using Hangfire.Storage.Monitoring;
using LeveragedTokens.Dashboard.Web.Live;
using LeveragedTokens.Dashboard.Web.Staff;
using LeveragedTokens.Hosting;
using LeveragedTokens.Indexer.Jobs;
using LeveragedTokens.Indexer.Sync;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace LeveragedTokens.Staff.Tests;

/// <summary>
/// The web host's one listening session: a <c>chain_data</c> NOTIFY refreshes the live pages' hub. It queues no
/// alert evaluation: the indexer queues one itself after each commit (<see cref="IndexerEvaluationOnNewDataTests"/>).
/// </summary>
[Collection(HangfireHostsCollection.Name)]
public sealed class EvaluationOnNewDataTests : IAsyncLifetime
{
    private StaffWebApp _app = null!;
    private readonly ConcurrentQueue<long> _versionsSeen = new();
    private IDisposable _page = null!;

    private ChainDataHub Hub => _app.Services.GetRequiredService<ChainDataHub>();

    public async Task InitializeAsync()
    {
        _app = await StaffWebApp.StartAsync(settings: new Dictionary<string, string?>
        {
            // A refresh tick every second: ticks must queue nothing.
            ["Dashboard:RefreshSeconds"] = "1",
        });
        // What an open page does: re-read on every publish (here, note the data version it would read).
        _page = Hub.Subscribe(() =>
        {
            _versionsSeen.Enqueue(Hub.DataVersion);
            return Task.CompletedTask;
        });
    }

    public async Task DisposeAsync()
    {
        _page.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task OneChainDataNotifyRefreshesTheLivePagesThroughOneListeningSessionAndQueuesNoEvaluation()
    {
        await WaitForAsync(async () => await ListeningSessionsAsync() > 0, "the web host to LISTEN");

        await NotifyChainDataAsync();

        await WaitForAsync(() => Task.FromResult(_versionsSeen.Contains(1)), "the live pages' hub to publish the new data");
        // The alert pages' channel rides on the same session.
        var alertsChanged = new TaskCompletionSource();
        using (_app.Services.GetRequiredService<StaffAlertHub>().Subscribe(() =>
        {
            alertsChanged.TrySetResult();
            return Task.CompletedTask;
        }))
        {
            await NotifyAsync(NotifyChannels.StaffAlerts, "test");
            await alertsChanged.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }
        // Past the indexer's 2 s interval, with a refresh tick every second: the web queued nothing.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Empty(QueuedEvaluations(_app.Services));
        Assert.True(_versionsSeen.Count(v => v == 1) >= 2, "refresh ticks re-ran the page after the notification");
        Assert.Equal(1, await ListeningSessionsAsync());
    }

    internal static List<EnqueuedJobDto> QueuedEvaluations(IServiceProvider services) =>
    [
        .. services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedJobs("default", 0, 100)
            .Select(j => j.Value).Where(j => j.Job?.Type == typeof(AlertEvaluationJob)),
    ];

    private Task NotifyChainDataAsync() => NotifyAsync(NotifyChannels.ChainData, "");

    private async Task NotifyAsync(string channel, string payload)
    {
        await using var conn = new NpgsqlConnection(_app.Database.ConnectionString);
        await conn.OpenAsync();
        await using var notify = new NpgsqlCommand("SELECT pg_notify($1, $2)", conn);
        notify.Parameters.AddWithValue(channel);
        notify.Parameters.AddWithValue(payload);
        await notify.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The sessions on the test database that are idle after a LISTEN (their last statement;
    /// a session listening on several channels shows the last LISTEN).
    /// </summary>
    private async Task<int> ListeningSessionsAsync()
    {
        await using var conn = new NpgsqlConnection(PostgresDatabase.AdminConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND state = 'idle' AND query LIKE 'LISTEN%'", conn);
        cmd.Parameters.AddWithValue(_app.Database.Name);
        return Convert.ToInt32(await cmd.ExecuteScalarAsync());
    }

    internal static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting for {what}");
            await Task.Delay(100);
        }
    }
}

/// <summary>
/// The indexer closes its own loop: each commit of chain rows queues an alert evaluation in Hangfire, at most
/// every 2 s (no server here, so queued jobs stay visible).
/// </summary>
[Collection(HangfireHostsCollection.Name)]
public sealed class IndexerEvaluationOnNewDataTests : IAsyncLifetime
{
    private PostgresDatabase _database = null!;
    private IHost _indexer = null!;

    private NewChainData NewData => _indexer.Services.GetRequiredService<NewChainData>();

    public async Task InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync("evalnew");
        var builder = IndexerHost.Builder("http://127.0.0.1:9", _database.ConnectionString, "0x00000000000000000000000000000000000000c1",
            new Dictionary<string, string?> { ["Chain:ChainId"] = "8453" });
        builder.AddDashboardJobStorage();
        builder.Services.AddEvaluationOnNewData();
        _indexer = builder.Build();
        await _indexer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _indexer.StopAsync(TimeSpan.FromSeconds(10));
        _indexer.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task ACommitQueuesOneEvaluationAndACommitInsideTheTwoSecondIntervalIsQueuedWhenTheIntervalEnds()
    {
        NewData.Raise();
        await EvaluationOnNewDataTests.WaitForAsync(() => Task.FromResult(Queued().Count == 1), "the first commit's evaluation to be queued");
        // A second commit a moment later: inside the evaluation's 2 s interval.
        NewData.Raise();
        await EvaluationOnNewDataTests.WaitForAsync(() => Task.FromResult(Queued().Count == 2), "the second commit's evaluation to be queued");

        var queued = Queued().Select(j => j.EnqueuedAt!.Value).Order().ToList();
        Assert.True(queued[1] - queued[0] >= TimeSpan.FromSeconds(1.9), $"queued {queued[1] - queued[0]} apart");
        // Only this indexer's chain is evaluated after its commits.
        Assert.All(Queued(), j => Assert.Equal((nameof(AlertEvaluationJob.RunForChainAsync), 8453L), (j.Job.Method.Name, (long)j.Job.Args[0])));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(2, Queued().Count);
    }

    private List<EnqueuedJobDto> Queued() => EvaluationOnNewDataTests.QueuedEvaluations(_indexer.Services);
}
