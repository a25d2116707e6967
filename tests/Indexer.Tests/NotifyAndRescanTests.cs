using LeveragedTokens.Indexer.Jobs;
using LeveragedTokens.Indexer.Storage;
using LeveragedTokens.Indexer.Tests.Support;
using LeveragedTokens.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;
using LeveragedTokens.Data;

namespace LeveragedTokens.Indexer.Tests;

public sealed class NotifyAndRescanTests
{
    [Fact]
    public async Task EveryCommittedBatchAndReorgIsAnnouncedOnTheChainDataChannel()
    {
        await using var anvil = await AnvilNode.StartAsync();
        var chain = await ProtocolChain.DeployAsync(anvil);
        await chain.PlayHoursAsync(3);
        await using var db = await PostgresDatabase.CreateAsync("idx");
        await using var indexer = await IndexerHost.StartAsync(anvil.RpcUrl, db.ConnectionString, chain.Registry.Address);

        var received = new List<ChainNotification>();
        await using var listener = new NpgsqlConnection(db.ConnectionString);
        await listener.OpenAsync();
        listener.Notification += (_, e) => { lock (received) received.Add(ChainNotification.Parse(e.Payload)!); };
        await using (var listen = new NpgsqlCommand($"LISTEN {NotifyChannels.ChainData}", listener)) await listen.ExecuteNonQueryAsync();

        var result = await indexer.RunUntilHeadAsync();
        await anvil.CallAsync("anvil_rollback", 2);
        await indexer.RunUntilHeadAsync();
        await listener.WaitAsync(TimeSpan.FromSeconds(1));
        while (await listener.WaitAsync(TimeSpan.FromMilliseconds(200))) { }

        lock (received)
        {
            var appends = received.Where(n => n.Kind == "append").ToList();
            Assert.NotEmpty(appends);
            Assert.All(received, n => Assert.Equal(31337, n.ChainId));
            Assert.Equal(0, appends[0].FromBlock);
            Assert.Equal(result.IndexedBlock, appends.Max(n => n.ToBlock));
            var reorg = Assert.Single(received, n => n.Kind == "reorg");
            Assert.Equal(result.IndexedBlock - 1, reorg.FromBlock);
            Assert.Equal(result.IndexedBlock - 2, reorg.IndexedBlock);
        }
    }

    [Fact]
    public async Task TheRescanJobRepairsALogTheNodeLeftOut()
    {
        await using var anvil = await AnvilNode.StartAsync();
        var chain = await ProtocolChain.DeployAsync(anvil);
        await chain.PlayHoursAsync(6);
        await using var db = await PostgresDatabase.CreateAsync("idx");
        await using var indexer = await IndexerHost.StartAsync(anvil.RpcUrl, db.ConnectionString, chain.Registry.Address, 0,
            new Dictionary<string, string?> { ["Chain:ReorgWindow"] = "3" });
        await indexer.RunUntilHeadAsync();

        // What an inconsistent node leaves behind: a log missing below the window, where nothing re-checks it.
        await DbSnapshot.CountAsync(db.ConnectionString,
            "WITH d AS (DELETE FROM raw_events WHERE (block_number, log_index) = (SELECT block_number, log_index FROM raw_events WHERE event_name = 'NavSnapshot' ORDER BY block_number LIMIT 1) RETURNING 1) SELECT count(*) FROM d");
        await DbSnapshot.CountAsync(db.ConnectionString,
            "WITH d AS (DELETE FROM nav_snapshots WHERE block_number = (SELECT min(block_number) FROM nav_snapshots) RETURNING 1) SELECT count(*) FROM d");

        var job = ActivatorUtilities.CreateInstance<RecentWindowRescanJob>(indexer.Services);
        Assert.NotNull(await job.RunAsync(CancellationToken.None));
        await indexer.RunUntilHeadAsync();
        Assert.Null(await job.RunAsync(CancellationToken.None));

        await ChainTruth.AssertStoredEqualsChainAsync(anvil, db.ConnectionString, 31337, chain.Registry.Address, 0);
        Assert.Equal(6, await DbSnapshot.CountAsync(db.ConnectionString, "SELECT count(*) FROM nav_snapshots"));
    }
}
