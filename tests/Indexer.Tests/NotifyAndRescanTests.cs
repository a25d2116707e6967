using LeveragedTokens.Indexer.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
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

        // The payload is empty on purpose: listeners only learn that chain data changed.
        var received = new List<string>();
        await using var listener = new NpgsqlConnection(db.ConnectionString);
        await listener.OpenAsync();
        listener.Notification += (_, e) => { lock (received) received.Add(e.Payload); };
        await using (var listen = new NpgsqlCommand($"LISTEN {NotifyChannels.ChainData}", listener)) await listen.ExecuteNonQueryAsync();

        await indexer.RunUntilHeadAsync();
        var afterAppends = await DrainAsync(listener, received);
        Assert.True(afterAppends > 0, "no notification for the stored batches");

        await anvil.CallAsync("anvil_rollback", 2);
        await indexer.RunUntilHeadAsync();
        Assert.Equal(1, await DbSnapshot.CountAsync(db.ConnectionString, "SELECT reorg_count FROM indexer_state"));
        Assert.True(await DrainAsync(listener, received) > afterAppends, "no notification for the reorg");
        lock (received) Assert.All(received, payload => Assert.Equal("", payload));
    }

    /// <summary>Waits until the notifications stop arriving; returns how many came so far.</summary>
    private static async Task<int> DrainAsync(NpgsqlConnection listener, List<string> received)
    {
        await listener.WaitAsync(TimeSpan.FromSeconds(1));
        while (await listener.WaitAsync(TimeSpan.FromMilliseconds(200))) { }
        lock (received) return received.Count;
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
        // Registered for another chain (its queue served by this indexer by mistake): refused, nothing compared or rewound.
        var wrongChain = await Assert.ThrowsAsync<InvalidOperationException>(() => job.RunAsync(8453, CancellationToken.None));
        Assert.Contains("chain 8453 ran on an indexer of chain 31337", wrongChain.Message);
        Assert.NotNull(await job.RunAsync(indexer.ChainId, CancellationToken.None));
        await indexer.RunUntilHeadAsync();
        Assert.Null(await job.RunAsync(indexer.ChainId, CancellationToken.None));

        await ChainTruth.AssertStoredEqualsChainAsync(anvil, db.ConnectionString, 31337, chain.Registry.Address, 0);
        Assert.Equal(6, await DbSnapshot.CountAsync(db.ConnectionString, "SELECT count(*) FROM nav_snapshots"));
    }
}
