using Npgsql;
using Xunit.Abstractions;

namespace LeveragedTokens.Indexer.Tests;

/// <summary>
/// Several nodes of one chain, against real anvils: each node's chain id is checked (at start, after it
/// failed, after calls move to it), a node of another chain is never used, a lagging node does not give
/// the tip, a dead node's breaker opens, and an indexer on a faulty node and a good one ends exact.
/// </summary>
public sealed class NodeTests(ITestOutputHelper output)
{
    private static ChainRpc Client(params string[] urls) =>
        ChainRpc.Create(new ChainRpcOptions { Urls = urls, MaxAttempts = 6, RequestTimeout = TimeSpan.FromSeconds(2), MaxHeadLag = 5 });

    [Fact]
    public async Task ANodeOfAnotherChainIsRefusedAtStartAndNeverUsed()
    {
        await using var other = await AnvilNode.StartAsync(chainId: 8453);
        await using var right = await AnvilNode.StartAsync(chainId: 31337);
        var rpc = Client(other.RpcUrl, right.RpcUrl); // the other chain's node is the preferred one

        Assert.Equal(31337, await rpc.CheckNodesAsync(31337, CancellationToken.None));

        var refused = rpc.Nodes.All[0];
        Assert.Equal($"{refused.LogName} serves chain 8453, not chain 31337", refused.Refusal);
        Assert.Same(rpc.Nodes.All[1], rpc.Nodes.Current);
        for (var i = 0; i < 5; i++) Assert.Equal(31337, await rpc.ChainIdAsync(CancellationToken.None));
        await right.CallAsync("anvil_mine", "0x7");
        await other.CallAsync("anvil_mine", "0x40"); // a longer chain elsewhere is no reason to use it
        Assert.Equal(await right.BlockNumberAsync(), await rpc.TipAsync(CancellationToken.None));
        var states = rpc.Nodes.Snapshot();
        Assert.Equal([RpcNodeState.WrongChain, RpcNodeState.InUse], states.Select(s => s.State));
        Assert.Equal(8453, states[0].ChainId);
    }

    [Fact]
    public async Task WithOnlyNodesOfAnotherChainTheCheckNamesBothIds()
    {
        await using var other = await AnvilNode.StartAsync(chainId: 8453);
        var rpc = Client(other.RpcUrl);

        var e = await Assert.ThrowsAsync<NoNodeOfTheChainException>(() => rpc.CheckNodesAsync(31337, CancellationToken.None));

        Assert.Contains("No configured node serves chain 31337", e.Message);
        Assert.Contains("serves chain 8453, not chain 31337", e.Message);
    }

    [Fact]
    public async Task ANodeRepointedToAnotherChainIsRefusedBeforeCallsMoveToIt()
    {
        var firstPort = FreePort.Next();
        var secondPort = FreePort.Next();
        var first = await AnvilNode.StartOnAsync(firstPort, 31337);
        var second = await AnvilNode.StartOnAsync(secondPort, 31337);
        var rpc = Client(first.RpcUrl, second.RpcUrl);
        Assert.Equal(31337, await rpc.CheckNodesAsync(null, CancellationToken.None));
        Assert.All(rpc.Nodes.All, n => Assert.Null(n.Refusal));

        // The standby comes back serving another chain on the same URL; then the node in use dies.
        await second.DisposeAsync();
        await using var secondElsewhere = await AnvilNode.StartOnAsync(secondPort, 8453);
        await first.DisposeAsync();

        // Calls move to the standby, ask its chain first, refuse it, and do not answer from it.
        var failed = await Assert.ThrowsAsync<RpcCallFailedException>(() => rpc.BlockNumberAsync(CancellationToken.None));
        output.WriteLine(failed.Message);
        Assert.Equal($"{rpc.Nodes.All[1].LogName} serves chain 8453, not chain 31337", rpc.Nodes.All[1].Refusal);
        Assert.Null(rpc.Nodes.All[0].Refusal); // dead, not of another chain: it may come back
        Assert.True(rpc.Nodes.All[0].Failovers >= 1);

        // The first node comes back on another chain too: no node of the chain is left, and calls stop retrying.
        await using var firstElsewhere = await AnvilNode.StartOnAsync(firstPort, 8453);
        var none = await Assert.ThrowsAsync<NoNodeOfTheChainException>(() => rpc.BlockNumberAsync(CancellationToken.None));
        Assert.Contains($"{rpc.Nodes.All[0].LogName} serves chain 8453, not chain 31337", none.Message);
        Assert.Contains($"{rpc.Nodes.All[1].LogName} serves chain 8453, not chain 31337", none.Message);
    }

    [Fact]
    public async Task TheTipComesFromANodeThatDoesNotLagTheBestHead()
    {
        await using var behind = await AnvilNode.StartAsync();
        await using var ahead = await AnvilNode.StartAsync();
        var rpc = Client(behind.RpcUrl, ahead.RpcUrl);
        await rpc.CheckNodesAsync(31337, CancellationToken.None);
        await ahead.CallAsync("anvil_mine", "0x3");

        // Within the allowed lag (5 blocks): calls stay on the preferred node.
        Assert.Equal(await behind.BlockNumberAsync(), await rpc.TipAsync(CancellationToken.None));
        Assert.Same(rpc.Nodes.All[0], rpc.Nodes.Current);

        await ahead.CallAsync("anvil_mine", "0x14");
        Assert.Equal(await ahead.BlockNumberAsync(), await rpc.TipAsync(CancellationToken.None));
        Assert.Same(rpc.Nodes.All[1], rpc.Nodes.Current);
        var states = rpc.Nodes.Snapshot();
        Assert.Equal([RpcNodeState.Lagging, RpcNodeState.InUse], states.Select(s => s.State));
        Assert.Equal(1, states[0].Failovers);
        Assert.Equal(await behind.BlockNumberAsync(), states[0].Head);
    }

    [Fact]
    public async Task ADeadFirstNodeIsLeftAtOnceAndItsBreakerKeepsItOut()
    {
        await using var anvil = await AnvilNode.StartAsync();
        var dead = $"http://127.0.0.1:{FreePort.Next()}/"; // nothing listens there
        var rpc = ChainRpc.Create(new ChainRpcOptions { Urls = [dead, anvil.RpcUrl], BreakAfterFailures = 1, BreakDuration = TimeSpan.FromMinutes(5) });
        await rpc.CheckNodesAsync(null, CancellationToken.None);

        Assert.Same(rpc.Nodes.All[1], rpc.Nodes.Current); // the start-up check found it dead and moved on
        for (var i = 0; i < 3; i++) Assert.Equal(await anvil.BlockNumberAsync(), await rpc.TipAsync(CancellationToken.None));

        var states = rpc.Nodes.Snapshot();
        Assert.Equal([RpcNodeState.Broken, RpcNodeState.InUse], states.Select(s => s.State));
        Assert.True(rpc.Nodes.All[0].BrokenUntil > DateTime.UtcNow.AddMinutes(4));
        Assert.Equal(1, states[0].ConsecutiveFailures); // the open breaker kept the tip probes off it
        Assert.NotNull(states[1].LatencyMs);
    }

    [Fact]
    public async Task AnIndexerOnAFaultyNodeAndAGoodOneFailsOverEndsExactAndRecordsItsNodes()
    {
        await using var anvil = await AnvilNode.StartAsync();
        var chain = await ProtocolChain.DeployAsync(anvil);
        await chain.PlayHoursAsync(10);
        await using var proxy = new FaultProxy(anvil.RpcUrl, emptyFirstLogAnswers: false, maxSpan: 1000);
        await using var db = await PostgresDatabase.CreateAsync("idx");
        var settings = new Dictionary<string, string?>
        {
            ["Chain:RpcUrls:0"] = anvil.RpcUrl,
            ["Chain:RequestTimeout"] = "00:00:01",
            ["Chain:InitialRange"] = "20",
        };

        await using (var indexer = await IndexerHost.StartAsync(proxy.Url, db.ConnectionString, chain.Registry.Address, 0, settings))
        {
            await indexer.RunUntilHeadAsync(maxPolls: 100);
            await chain.PlayHoursAsync(2);
            await indexer.RunUntilHeadAsync(maxPolls: 100);
        }

        output.WriteLine(string.Join(", ", proxy.Served.Select(kv => $"{kv.Key}: {kv.Value}")));
        Assert.True(proxy.Served.Keys.Any(k => k is "429" or "500" or "truncated" or "timeout"), "the proxy never failed a call");
        await ChainTruth.AssertStoredEqualsChainAsync(anvil, db.ConnectionString, 31337, chain.Registry.Address, 0);

        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT node_index, name, state, node_chain_id, head_block, failovers FROM indexer_nodes WHERE chain_id = 31337 ORDER BY node_index", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<(int Index, string Name, string State, long? Chain, long? Head, long Failovers)>();
        while (await reader.ReadAsync())
            rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4), reader.GetInt64(5)));
        Assert.Equal(2, rows.Count);
        Assert.Equal(RpcLogText.Redact(proxy.Url), rows[0].Name);
        Assert.True(rows[0].Failovers >= 1, "the faulty node was never left");
        Assert.Equal(nameof(RpcNodeState.InUse), rows[1].State); // calls stay on the good node once there
        Assert.Equal(31337, rows[1].Chain);
        Assert.Equal(await anvil.BlockNumberAsync(), rows[1].Head);
    }
}
