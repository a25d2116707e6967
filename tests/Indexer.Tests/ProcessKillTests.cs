namespace LeveragedTokens.Indexer.Tests;

/// <summary>SIGKILL at any moment loses nothing and duplicates nothing: the checkpoint moves with the rows.</summary>
public sealed class ProcessKillTests
{
    private static readonly string NavData = ProtocolLogs.Word(1)[2..] + ProtocolLogs.Word(3)[2..] + ProtocolLogs.Word(5)[2..] + ProtocolLogs.Word(7)[2..];

    [Fact]
    public async Task KilledMidBackfillAndRestartedItEndsWithNoGapAndNoDuplicate()
    {
        await using var anvil = await AnvilNode.StartAsync();
        var chain = await ProtocolChain.DeployAsync(anvil);
        var lastTx = "";
        for (var i = 0; i < 30; i++) lastTx = await chain.Token.EmitDenseAsync(EventCatalog.NavSnapshot.Topic0, i * 1500, 1500, "0x" + NavData);
        await LogEmitter.WaitForReceiptAsync(anvil, lastTx); // every dense block mined before "until head" means anything
        await using var db = await PostgresDatabase.CreateAsync("idx");
        var env = IndexerProcess.Environment(anvil.RpcUrl, db.ConnectionString, chain.Registry.Address);
        env["Chain__InitialRange"] = "1";
        env["Chain__MaxRange"] = "1";
        env["Chain__ReorgWindow"] = "5";

        for (var kill = 0; kill < 3; kill++)
        {
            await using var process = IndexerProcess.Start(env, "--until-head");
            var before = await Indexed(db);
            await WaitUntilAsync(async () => await Indexed(db) >= before + 3 || process.HasExited, process);
            await Task.Delay(Random.Shared.Next(0, 150));
            await process.KillAsync();
        }
        await using (var last = IndexerProcess.Start(env, "--until-head"))
            Assert.Equal(0, await last.WaitForExitAsync(TimeSpan.FromSeconds(120)));

        await ChainTruth.AssertStoredEqualsChainAsync(anvil, db.ConnectionString, 31337, chain.Registry.Address, 0);
        Assert.Equal(45_000, await DbSnapshot.CountAsync(db.ConnectionString, "SELECT count(*) FROM nav_snapshots"));
    }

    [Fact]
    public async Task KilledWhileFollowingTheHeadAndRestartedItEndsWithNoGapAndNoDuplicate()
    {
        await using var anvil = await AnvilNode.StartAsync();
        var chain = await ProtocolChain.DeployAsync(anvil);
        await using var db = await PostgresDatabase.CreateAsync("idx");
        var env = IndexerProcess.Environment(anvil.RpcUrl, db.ConnectionString, chain.Registry.Address);
        env["Chain__PollInterval"] = "00:00:00.050";

        using var stop = new CancellationTokenSource();
        var producer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await chain.PlayHoursAsync(1);
                await Task.Delay(30); // a busy chain, not a flood: the point is to be killed mid-tail
            }
        });
        for (var kill = 0; kill < 4; kill++)
        {
            await using var process = IndexerProcess.Start(env);
            var before = await Indexed(db);
            await WaitUntilAsync(async () => await Indexed(db) > before + 2, process);
            await Task.Delay(Random.Shared.Next(0, 300));
            await process.KillAsync();
        }
        await stop.CancelAsync();
        await producer;
        await using (var last = IndexerProcess.Start(env, "--until-head"))
            Assert.Equal(0, await last.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        await ChainTruth.AssertStoredEqualsChainAsync(anvil, db.ConnectionString, 31337, chain.Registry.Address, 0);
    }

    internal static async Task<long> Indexed(PostgresDatabase db)
    {
        try
        {
            return await DbSnapshot.CountAsync(db.ConnectionString, "SELECT coalesce(max(indexed_block), -1) FROM indexer_state");
        }
        catch (Npgsql.PostgresException)
        {
            return -1; // the indexer has not created its schema yet
        }
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, IndexerProcess process, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            try
            {
                if (await condition()) return;
            }
            catch (Npgsql.PostgresException) { } // the schema may not exist yet
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Condition not met. Indexer output:\n" + process.Output);
            await Task.Delay(25);
        }
    }
}
