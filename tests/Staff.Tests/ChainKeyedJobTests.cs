using Hangfire;
using Hangfire.Storage;
using LeveragedTokens.Hosting;
using LeveragedTokens.Indexer.Jobs;
using Microsoft.Extensions.Hosting;

namespace LeveragedTokens.Staff.Tests;

/// <summary>
/// Two indexers of two chains on one database share one Hangfire storage: each chain's own jobs (the re-scan that
/// needs its node, the daily export that uses its folder) are registered under the chain's id and run only from its
/// queue, served only by that chain's indexer; the shared jobs are registered once.
/// </summary>
[Collection(HangfireHostsCollection.Name)]
public sealed class ChainKeyedJobTests : IAsyncLifetime
{
    private const long Base = 8453;
    private PostgresDatabase _database = null!;
    private readonly List<string> _folders = [];
    private IHost _local = null!, _base = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync("chainjobs");
        _local = Host(ChainSeeder.ChainId);
        _base = Host(Base);
        await _local.Services.MigrateDatabasesAsync();
        // What a single-chain release registered, before jobs carried their chain.
        var jobs = _local.Services.GetRequiredService<IRecurringJobManager>();
        jobs.AddOrUpdate<RecentWindowRescanJob>(RecentWindowRescanJob.Job, j => j.RunAsync(ChainSeeder.ChainId, CancellationToken.None), Cron.Hourly());
        jobs.AddOrUpdate<Exports.ScheduledExportJob>(RecurringJobs.ScheduledExportJob, j => j.RunAsync(CancellationToken.None), Cron.Daily());
        await _local.StartAsync();
        await _base.StartAsync();
    }

    private IHost Host(long chainId)
    {
        var folder = Directory.CreateTempSubdirectory($"exports-{chainId}-").FullName;
        _folders.Add(folder);
        return IndexerJobHostTests.BuildIndexerHost(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["Chain:ChainId"] = chainId.ToString(),
            ["Exports:Scheduled:Folder"] = folder,
        });
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { _local, _base })
        {
            await host.StopAsync(TimeSpan.FromSeconds(10));
            host.Dispose();
        }
        foreach (var folder in _folders) Directory.Delete(folder, recursive: true);
        await _database.DisposeAsync();
    }

    [Fact]
    public void EachChainsOwnJobsAreRegisteredUnderItsIdAndQueueAndTheSharedOnesOnce()
    {
        using var connection = _local.Services.GetRequiredService<JobStorage>().GetConnection();
        var recurring = connection.GetRecurringJobs().ToDictionary(j => j.Id);

        foreach (var chainId in new[] { ChainSeeder.ChainId, Base })
        {
            foreach (var id in new[] { RecentWindowRescanJob.JobId(chainId), RecurringJobs.ScheduledExportJobId(chainId) })
                Assert.Equal(ChainJobs.Queue(chainId), recurring[id].Job.Queue);
            Assert.Equal([chainId], recurring[RecentWindowRescanJob.JobId(chainId)].Job.Args.Take(1).Select(Convert.ToInt64));
        }
        Assert.Null(recurring[AlertEvaluationJob.RecurringJobId].Job.Queue);  // the default queue
        Assert.DoesNotContain(RecentWindowRescanJob.Job, recurring.Keys);
        Assert.DoesNotContain(RecurringJobs.ScheduledExportJob, recurring.Keys);
        Assert.Equal(7, recurring.Count);  // 2 chains x (re-scan, export) + alert evaluation, webhook sweep, saved scenarios
    }

    [Theory]
    [InlineData(ChainSeeder.ChainId, Base)]
    [InlineData(Base, ChainSeeder.ChainId)]
    public async Task AChainsJobRunsOnlyOnItsOwnIndexer(long chainId, long otherChain)
    {
        var storage = _local.Services.GetRequiredService<JobStorage>();
        var servers = storage.GetMonitoringApi().Servers();
        for (var waited = 0; servers.Count < 2 && waited < 100; waited++)
        {
            await Task.Delay(100);  // a server announces itself when its host has started
            servers = storage.GetMonitoringApi().Servers();
        }
        Assert.Equal(2, servers.Count);

        // Triggered from the other chain's host: where it runs is the queue's choice, not the trigger's.
        (chainId == Base ? _local : _base).Services.GetRequiredService<IRecurringJobManager>().Trigger(RecentWindowRescanJob.JobId(chainId));

        var server = await ProcessingServerAsync(storage, RecentWindowRescanJob.JobId(chainId));
        var queues = servers.Single(s => s.Name == server).Queues;
        Assert.Contains(ChainJobs.Queue(chainId), queues);
        Assert.DoesNotContain(ChainJobs.Queue(otherChain), queues);
    }

    /// <summary>The server that picked up the recurring job's latest run (the job itself fails here: no node answers).</summary>
    private static async Task<string> ProcessingServerAsync(JobStorage storage, string recurringJobId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            using var connection = storage.GetConnection();
            if (connection.GetRecurringJobs([recurringJobId]).Single().LastJobId is { } jobId
                && storage.GetMonitoringApi().JobDetails(jobId)?.History.FirstOrDefault(h => h.StateName == "Processing") is { } processing)
                return processing.Data["ServerId"];
            await Task.Delay(200);
        }
        throw new TimeoutException($"No server picked up {recurringJobId} within 60 s");
    }
}
