using static LeveragedTokens.Indexer.Tests.Support.ProtocolLogs;

namespace LeveragedTokens.Indexer.Tests;

/// <summary>Logs crafted with the emitter contract: malformed ones, extreme values, discovery edges.</summary>
public sealed class DecodingTests
{
    [Fact]
    public async Task MalformedLogsAtWatchedAddressesBecomeDecodeFailuresAndIndexingGoesOn()
    {
        await using var anvil = await AnvilNode.StartAsync();
        var registry = await LogEmitter.DeployAsync(anvil);
        var token = await LogEmitter.DeployAsync(anvil);
        await registry.EmitAsync(TokenRegistered(token.Address, registry.Address, "BTC3L"));
        var nav = NavSnapshot(100, 1, 2, 3, 4);
        var rebalance = Rebalanced(1, 0, Enumerable.Repeat(BigInteger.One, 11).ToArray());
        var malformed = new (RawLog Log, string Error)[]
        {
            (new RawLog(["0x" + new string('a', 64)], "0x"), "unknown topic0"),
            (new RawLog([], "0x1234"), "anonymous log"),
            (new RawLog(rebalance.Topics.Take(2).ToList(), rebalance.Data), "expects 3 topics"),
            (new RawLog(nav.Topics, nav.Data[..^64]), "expects 128 data bytes"),
            (new RawLog(nav.Topics, nav.Data + "00"), "expects 128 data bytes"),
            (new RawLog([rebalance.Topics[0], rebalance.Topics[1], Word(256)], rebalance.Data), "uint8 value"),
            (NavSnapshot(BigInteger.Pow(2, 64) - 1, 1, 2, 3, 4), "exceeds the int64 column"),
            (NavSnapshot(BigInteger.Pow(2, 64), 1, 2, 3, 4), "uint64 value"),
        };
        foreach (var (log, _) in malformed) await token.EmitAsync(log);
        await token.EmitAsync(nav); // a good log after the bad ones is still indexed
        await LogEmitter.WaitForReceiptAsync(anvil, await registry.EmitAsync(new RawLog([EventCatalog.ReservePoolRegistered.Topic0, AddressTopic(token.Address)], "0x" + new string('f', 128))));

        await using var db = await PostgresDatabase.CreateAsync("idx");
        await using (var indexer = await IndexerHost.StartAsync(anvil.RpcUrl, db.ConnectionString, registry.Address))
            await indexer.RunUntilHeadAsync();

        await ChainTruth.AssertStoredEqualsChainAsync(anvil, db.ConnectionString, 31337, registry.Address, 0);
        var errors = await Errors(db.ConnectionString);
        Assert.Equal(malformed.Length + 1, errors.Count);
        foreach (var (_, error) in malformed) Assert.Contains(errors, e => e.Contains(error, StringComparison.Ordinal));
        Assert.Equal(1, await DbSnapshot.CountAsync(db.ConnectionString, "SELECT count(*) FROM nav_snapshots"));
        Assert.Equal(0, await DbSnapshot.CountAsync(db.ConnectionString, "SELECT count(*) FROM reserve_pools"));
    }

    [Fact]
    public async Task ExtremeValuesAreStoredWithoutLosingADigit()
    {
        await using var anvil = await AnvilNode.StartAsync();
        var registry = await LogEmitter.DeployAsync(anvil);
        var pool = await LogEmitter.DeployAsync(anvil);
        var token = await LogEmitter.DeployAsync(anvil);
        await registry.EmitManyAsync([PoolRegistered(pool.Address, "BTC", 1000), TokenRegistered(token.Address, pool.Address, "BTC3L")]);
        await pool.EmitAsync(ReserveMetrics(long.MaxValue, MaxUint256, MaxUint256 - 1, 0, 1, BigInteger.Pow(10, 77), MaxUint256, MinInt256));
        await pool.EmitAsync(ReserveMetrics(1, 0, 0, 0, 0, 0, 0, BigInteger.MinusOne));
        await LogEmitter.WaitForReceiptAsync(anvil, await token.EmitAsync(Rebalanced(ulong.MaxValue >> 1, 2, 0, MaxUint256, 1, 2, 3, 0, MaxUint256, 4, 5, 6, 7)));

        await using var db = await PostgresDatabase.CreateAsync("idx");
        await using (var indexer = await IndexerHost.StartAsync(anvil.RpcUrl, db.ConnectionString, registry.Address))
            await indexer.RunUntilHeadAsync();

        await ChainTruth.AssertStoredEqualsChainAsync(anvil, db.ConnectionString, 31337, registry.Address, 0);
        Assert.Equal(1, await DbSnapshot.CountAsync(db.ConnectionString,
            $"SELECT count(*) FROM reserve_metrics WHERE hour = {long.MaxValue} AND reserve_balance = {MaxUint256} AND mark_price = {MaxUint256 - 1} " +
            $"AND floor_value = {BigInteger.Pow(10, 77)} AND utilization_bps = {MaxUint256} AND buffer_depth = {MinInt256}"));
        Assert.Equal(1, await DbSnapshot.CountAsync(db.ConnectionString, "SELECT count(*) FROM reserve_metrics WHERE buffer_depth = -1"));
        Assert.Equal(1, await DbSnapshot.CountAsync(db.ConnectionString,
            $"SELECT count(*) FROM rebalances WHERE rebalance_id = {ulong.MaxValue >> 1} AND trigger = 2 AND nav_before = {MaxUint256} AND nav_after = 4 AND nav_delta = {4 - MaxUint256}"));
    }

    [Fact]
    public async Task PoolsAndTokensAreReadFromTheirRegistrationBlockOn()
    {
        await using var anvil = await AnvilNode.StartAsync();
        var registry = await LogEmitter.DeployAsync(anvil);
        var pool = await LogEmitter.DeployAsync(anvil);
        var token = await LogEmitter.DeployAsync(anvil);
        await pool.EmitAsync(FeesAllocated(1, 1));           // before registration: not ours yet
        await token.EmitAsync(NavSnapshot(1, 1, 1, 1, 1));
        await registry.EmitAsync(PoolRegistered(pool.Address, "ETH", 1000));
        await pool.EmitAsync(FeesAllocated(2, 3));
        for (var i = 0; i < 5; i++) await anvil.CallAsync("evm_mine");
        // Registration and the token's first log in one block, the token's log first.
        await anvil.CallAsync("evm_setAutomine", false);
        await token.EmitAsync(NavSnapshot(2, 2, 2, 2, 2));
        await registry.EmitAsync(TokenRegistered(token.Address, pool.Address, "ETH3L"));
        await token.EmitAsync(NavSnapshot(3, 3, 3, 3, 3));
        await anvil.CallAsync("evm_mine");
        await anvil.CallAsync("evm_setAutomine", true);
        await LogEmitter.WaitForReceiptAsync(anvil, await token.EmitAsync(NavSnapshot(4, 4, 4, 4, 4)));

        await using var db = await PostgresDatabase.CreateAsync("idx");
        await using (var indexer = await IndexerHost.StartAsync(anvil.RpcUrl, db.ConnectionString, registry.Address, 0,
                         new Dictionary<string, string?> { ["Chain:InitialRange"] = "2", ["Chain:MaxRange"] = "2", ["Chain:ReorgWindow"] = "3" }))
            await indexer.RunUntilHeadAsync();

        await ChainTruth.AssertStoredEqualsChainAsync(anvil, db.ConnectionString, 31337, registry.Address, 0);
        Assert.Equal(1, await DbSnapshot.CountAsync(db.ConnectionString, "SELECT count(*) FROM pool_ledger"));
        var dump = string.Join("\n", await DbSnapshot.TakeAsync(db.ConnectionString));
        Assert.True(3 == await DbSnapshot.CountAsync(db.ConnectionString, "SELECT count(*) FROM nav_snapshots"), dump);
    }

    private static async Task<List<string>> Errors(string connectionString)
    {
        await using var conn = new Npgsql.NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT error FROM decode_failures", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var list = new List<string>();
        while (await reader.ReadAsync()) list.Add(reader.GetString(0));
        return list;
    }
}
