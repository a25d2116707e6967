using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeveragedTokens.Data;

namespace LeveragedTokens.Indexer.Tests;

/// <summary>
/// Two chains, one database (<see cref="TwoChains"/>): the same contracts on two chains stay two sets of rows, each equal
/// to its own chain's logs, through the indexers, the API and the exports; a reorg on one chain leaves the other alone.
/// </summary>
public sealed class TwoChainsTests(TwoChains chains) : IClassFixture<TwoChains>
{
    private const long Local = TwoChains.Local, Base = TwoChains.Base;

    [Fact]
    public async Task TheSameContractsOnTwoChainsStayTwoSetsOfRowsEachEqualToItsChainAndAReorgOnOneLeavesTheOtherUntouched()
    {
        Assert.Equal(chains.LocalDeployment.RegistryAddress, chains.BaseDeployment.RegistryAddress);
        await ChainTruth.AssertStoredEqualsChainAsync(chains.LocalNode, chains.Database.ConnectionString, Local, chains.LocalDeployment.RegistryAddress, chains.LocalDeployment.DeploymentBlock);
        await ChainTruth.AssertStoredEqualsChainAsync(chains.BaseNode, chains.Database.ConnectionString, Base, chains.BaseDeployment.RegistryAddress, chains.BaseDeployment.DeploymentBlock);
        // Same addresses, not the same rows: the tokens are registered on both chains, with each chain's own NAVs
        // (equal at launch, apart once the two seeds' prices move).
        Assert.Equal(await chains.CountAsync("SELECT count(*) FROM tokens WHERE chain_id = 31337"), await chains.CountAsync("SELECT count(*) FROM tokens WHERE chain_id = 8453"));
        Assert.True(await chains.CountAsync("""
            SELECT count(*) FROM nav_snapshots a JOIN nav_snapshots b ON a.token_address = b.token_address AND a.hour = b.hour
            WHERE a.chain_id = 31337 AND b.chain_id = 8453 AND a.nav <> b.nav
            """) > 0);
        // Each indexer holds its own writer lock and registered its own chain's jobs.
        Assert.Equal(2, await chains.CountAsync("SELECT count(*) FROM indexer_state WHERE writer_instance IS NOT NULL"));
        await chains.WaitForAsync(async () => await chains.CountAsync(
            "SELECT count(*) FROM hangfire.set WHERE key = 'recurring-jobs' AND value LIKE 'indexer-rescan-recent-window-chain-%'") == 2,
            "each indexer's re-scan job, keyed by its chain");

        var localBefore = await chains.RowsOfAsync(Local);
        await chains.BaseNode.CallAsync("anvil_reorg", 5, Array.Empty<object>());
        await SimulatorProcess.ShockAsync(chains.BaseNode.RpcUrl, "BTC:-4");  // the new fork grows past the old head, with new logs
        await chains.WaitUntilIndexedAsync(Base, await chains.BaseNode.BlockNumberAsync());
        await chains.WaitForAsync(async () => await chains.CountAsync("SELECT reorg_count FROM indexer_state WHERE chain_id = 8453") == 1, "chain 8453's reorg to be recorded");

        await ChainTruth.AssertStoredEqualsChainAsync(chains.BaseNode, chains.Database.ConnectionString, Base, chains.BaseDeployment.RegistryAddress, chains.BaseDeployment.DeploymentBlock);
        Assert.Equal(localBefore, await chains.RowsOfAsync(Local));
        Assert.Equal(0, await chains.CountAsync("SELECT reorg_count FROM indexer_state WHERE chain_id = 31337"));
        Assert.All(chains.Indexers.Values, i => Assert.False(i.HasExited, i.Output));
    }

    [Fact]
    public async Task TheApiShowsEachChainsTokensWithItsOwnLogsValuesAndExportsFilterByChain()
    {
        await using var web = DashboardWebFactory.Create(chains.Database.ConnectionString);
        using var client = web.CreateClient();

        var listed = await GetJsonAsync(client, "/api/v1/chains");
        Assert.Equal([Base, Local], listed.EnumerateArray().Select(c => c.GetProperty("chainId").GetInt64()).Order());
        var navs = new List<BigInteger>();
        foreach (var (chainId, node) in new[] { (Local, chains.LocalNode), (Base, chains.BaseNode) })
        {
            // Every token's NAV is the one its latest NavSnapshot log on this chain carries, to the wei.
            var tokens = (await GetJsonAsync(client, $"/api/v1/tokens?chainId={chainId}")).EnumerateArray().ToList();
            Assert.NotEmpty(tokens);
            foreach (var token in tokens)
            {
                Assert.Equal(chainId, token.GetProperty("chainId").GetInt64());
                var latest = (await LogsAsync(node, token.GetProperty("address").GetString()!, EventCatalog.NavSnapshot.Topic0))
                    .Select(l => EventCatalog.Decode<NavSnapshotEvent>(Topics(l), l.GetProperty("data").GetString()!)).MaxBy(e => e.Hour)!;
                Assert.Equal(latest.Nav.ToString(), token.GetProperty("nav").GetProperty("raw").GetString());
                navs.Add(latest.Nav);
            }

            // The rebalance export of one chain holds exactly that chain's Rebalanced logs.
            var rebalanced = new List<string>();
            foreach (var token in tokens)
                rebalanced.AddRange((await LogsAsync(node, token.GetProperty("address").GetString()!, EventCatalog.Rebalanced.Topic0))
                    .Select(l => $"{l.GetProperty("transactionHash").GetString()}/{Convert.ToInt64(l.GetProperty("logIndex").GetString(), 16)}"));
            var csv = (await client.GetStringAsync($"/api/v1/exports/rebalances.csv?chainId={chainId}")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var header = csv[0].TrimEnd('\r').Split(',');
            var rows = csv.Skip(1).Select(r => r.TrimEnd('\r').Split(',')).ToList();
            Assert.All(rows, r => Assert.Equal(chainId.ToString(), r[Array.IndexOf(header, "chain_id")]));
            Assert.Equal(rebalanced.Order(), rows.Select(r => $"{r[Array.IndexOf(header, "tx_hash")]}/{r[Array.IndexOf(header, "log_index")]}").Order());
            Assert.NotEmpty(rebalanced);
        }

        // The overview shows both chains, each token with its own chain's NAV (the exact value sits in the figure's title)
        // and a link to its page on its chain.
        var overview = await client.GetStringAsync("/");
        Assert.All(navs, nav => Assert.Contains($"(raw {nav})", overview));
        Assert.Contains(PublicPaths.Token(Local, "BTC3L", ""), overview);
        Assert.Contains(PublicPaths.Token(Base, "BTC3L", ""), overview);

        // A symbol on both chains: the chainless item names both; the stress API wants the chain.
        using var ambiguous = await client.GetAsync("/api/v1/tokens/BTC3L");
        Assert.Equal(HttpStatusCode.Conflict, ambiguous.StatusCode);
        using var stress = await client.GetAsync("/api/v1/stress?shocks=BTC:-30");
        Assert.Equal(HttpStatusCode.BadRequest, stress.StatusCode);
        Assert.Contains("Several chains are indexed", await stress.Content.ReadAsStringAsync());
        var based = await GetJsonAsync(client, "/api/v1/stress?shocks=BTC:-30&chainId=8453");
        Assert.Equal(Base, based.GetProperty("chainId").GetInt64());
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<List<JsonElement>> LogsAsync(AnvilNode node, string address, string topic0) =>
        (await node.CallAsync("eth_getLogs", new { fromBlock = "0x0", toBlock = "latest", address, topics = new[] { topic0 } })).EnumerateArray().ToList();

    private static string[] Topics(JsonElement log) => [.. log.GetProperty("topics").EnumerateArray().Select(t => t.GetString()!)];
}
