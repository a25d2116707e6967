using Xunit.Abstractions;

namespace LeveragedTokens.Indexer.Tests;

/// <summary>A node that times out, rate-limits, errors, cuts answers short and answers too early: the index still ends exact.</summary>
public sealed class FaultTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AFaultyNodeIsRetriedAndTheIndexEndsExact(bool followingTheHead)
    {
        await using var anvil = await AnvilNode.StartAsync();
        var chain = await ProtocolChain.DeployAsync(anvil);
        await chain.PlayHoursAsync(15);
        // "Not served yet" answers only make sense near the head, where headers are checked against them.
        await using var proxy = new FaultProxy(anvil.RpcUrl, emptyFirstLogAnswers: followingTheHead, maxSpan: 5);
        await using var db = await PostgresDatabase.CreateAsync("idx");

        var settings = new Dictionary<string, string?>
        {
            ["Chain:RequestTimeout"] = "00:00:01",
            ["Chain:ReorgWindow"] = followingTheHead ? "1000" : "2",
            ["Chain:InitialRange"] = "50",
        };
        await using (var indexer = await IndexerHost.StartAsync(proxy.Url, db.ConnectionString, chain.Registry.Address, 0, settings))
            await indexer.RunUntilHeadAsync(maxPolls: 200);

        output.WriteLine(string.Join(", ", proxy.Served.Select(kv => $"{kv.Key}: {kv.Value}")));
        foreach (var fault in new[] { "429", "500", "truncated", "range" }) Assert.True(proxy.Served.ContainsKey(fault), fault + " never served");
        if (followingTheHead) Assert.True(proxy.Served.ContainsKey("empty"));
        await ChainTruth.AssertStoredEqualsChainAsync(anvil, db.ConnectionString, 31337, chain.Registry.Address, 0);
    }
}
