namespace LeveragedTokens.Indexer.Tests;

public sealed class ReplayTests
{
    [Fact]
    public async Task ReplayingBlocksThatAreAlreadyStoredChangesNothing()
    {
        await using var anvil = await AnvilNode.StartAsync();
        var chain = await ProtocolChain.DeployAsync(anvil);
        await chain.PlayHoursAsync(10);
        await using var db = await PostgresDatabase.CreateAsync("idx");
        await using var indexer = await IndexerHost.StartAsync(anvil.RpcUrl, db.ConnectionString, chain.Registry.Address, 0,
            new Dictionary<string, string?> { ["Chain:ReorgWindow"] = "4" });
        await indexer.RunUntilHeadAsync();
        var before = await DbSnapshot.TakeAsync(db.ConnectionString);

        // Move the checkpoint back without deleting rows: the writer meets rows it already has.
        await DbSnapshot.CountAsync(db.ConnectionString, "WITH u AS (UPDATE indexer_state SET indexed_block = 3, indexed_block_hash = NULL RETURNING 1) SELECT count(*) FROM u");
        await DbSnapshot.CountAsync(db.ConnectionString, "WITH d AS (DELETE FROM indexed_blocks RETURNING 1) SELECT count(*) FROM d");
        await indexer.RunUntilHeadAsync();

        Assert.Equal(before, await DbSnapshot.TakeAsync(db.ConnectionString));
    }

    [Fact]
    public void TheStaticWordDecoderAgreesWithNethereumOnRandomValues()
    {
        var random = new Random(42);
        BigInteger Uint(int bits) => new(random.GetItems<byte>([.. Enumerable.Range(0, 256).Select(i => (byte)i)], bits / 8), isUnsigned: true, isBigEndian: true);
        for (var i = 0; i < 200; i++)
        {
            var words = Enumerable.Range(0, 11).Select(_ => Uint(256)).ToArray();
            var log = ProtocolLogs.Rebalanced(Uint(64), (byte)random.Next(256), [random.Next(2), .. words[1..]]);
            var fast = EventCatalog.Decode<RebalancedEvent>([.. log.Topics], log.Data);
            var slow = EventCatalog.DecodeWithNethereum<RebalancedEvent>([.. log.Topics], log.Data);
            Assert.Equal((slow.RebalanceId, slow.Trigger, slow.IsBuy, slow.Amount, slow.NavBefore, slow.ReserveDraw),
                (fast.RebalanceId, fast.Trigger, fast.IsBuy, fast.Amount, fast.NavBefore, fast.ReserveDraw));

            var metrics = ProtocolLogs.ReserveMetrics(Uint(64), Uint(256), Uint(256), Uint(256), Uint(256), Uint(256), Uint(256), Uint(256) - BigInteger.Pow(2, 255));
            var f = EventCatalog.Decode<ReserveMetricsPublishedEvent>([.. metrics.Topics], metrics.Data);
            var s = EventCatalog.DecodeWithNethereum<ReserveMetricsPublishedEvent>([.. metrics.Topics], metrics.Data);
            Assert.Equal((s.Hour, s.ReserveBalance, s.UtilizationBps, s.BufferDepth), (f.Hour, f.ReserveBalance, f.UtilizationBps, f.BufferDepth));

            var drawn = new RawLog([EventCatalog.ReserveDrawn.Topic0, ProtocolLogs.Word(Uint(160)), ProtocolLogs.Word(Uint(64))],
                ProtocolLogs.Word(Uint(256)) + ProtocolLogs.Word(Uint(256))[2..]);
            var fd = EventCatalog.Decode<ReserveDrawnEvent>([.. drawn.Topics], drawn.Data);
            var sd = EventCatalog.DecodeWithNethereum<ReserveDrawnEvent>([.. drawn.Topics], drawn.Data);
            Assert.Equal((sd.Token.ToLowerInvariant(), sd.RebalanceId, sd.Amount, sd.Value), (fd.Token, fd.RebalanceId, fd.Amount, fd.Value));
        }
    }
}
