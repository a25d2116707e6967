using LeveragedTokens.Data;

namespace LeveragedTokens.Dashboard.Web.Tests;

/// <summary>One protocol at the same addresses on two chains stays two sets of tokens, pools and rebalances in the API and exports.</summary>
public sealed class MultiChainApiTests(TwoChainDashboard app) : IClassFixture<TwoChainDashboard>
{
    private const long First = ChainRows.ChainId, Second = SecondChainSample.ChainId;
    private readonly HttpClient _client = app.Factory.CreateClient();

    [Fact]
    public async Task TheTokenListFiltersByChainAndEachItemCarriesItsChainsOwnFigures()
    {
        var all = await _client.GetJsonAsync("/api/v1/tokens");
        Assert.Equal(2 * SampleData.Tokens.Length, all.GetArrayLength());
        foreach (var chain in new[] { First, Second })
        {
            var items = (await _client.GetJsonAsync($"/api/v1/tokens?chainId={chain}")).EnumerateArray().ToList();
            Assert.Equal(SampleData.Tokens.Select(t => t.Address).Order(), items.Select(i => i.GetProperty("address").GetString()).Order());
            Assert.All(items, i => Assert.Equal(chain, i.GetProperty("chainId").GetInt64()));
            // The second chain's NAVs are its own (777), never the first chain's.
            Assert.All(items, i => Assert.Equal(chain == Second, i.GetProperty("nav").GetProperty("raw").GetString() == SecondChainSample.Nav.ToString()));
        }
    }

    [Fact]
    public async Task AChainlessSymbolOnTwoChainsIsAmbiguousAndNamesBothWhileTheChainRoutesAnswer()
    {
        using var ambiguous = await _client.GetAsync("/api/v1/tokens/BTC3L");
        Assert.Equal(HttpStatusCode.Conflict, ambiguous.StatusCode);
        var problem = await ambiguous.Content.ReadFromJsonAsync<JsonElement>();
        var candidates = problem.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal([Second, First], candidates.Select(c => c.GetProperty("chainId").GetInt64()));
        Assert.Equal("Base", candidates[0].GetProperty("chainName").GetString());
        Assert.Equal(PublicPaths.TokenApi(Second, SampleData.Tokens[0].Address), candidates[0].GetProperty("href").GetString());

        foreach (var url in new[] { PublicPaths.TokenApi(Second, "BTC3L"), "/api/v1/tokens/BTC3L?chainId=8453" })
        {
            var token = await _client.GetJsonAsync(url);
            Assert.Equal(Second, token.GetProperty("chainId").GetInt64());
            Assert.Equal(SecondChainSample.Nav.ToString(), token.GetProperty("nav").GetProperty("raw").GetString());
        }
        var first = await _client.GetJsonAsync(PublicPaths.TokenApi(First, "BTC3L"));
        Assert.NotEqual(SecondChainSample.Nav.ToString(), first.GetProperty("nav").GetProperty("raw").GetString());
    }

    [Fact]
    public async Task ATokensRebalancesAndNavAreThoseOfItsChainOnly()
    {
        var btc = SampleData.Tokens[0].Address;
        var page = await _client.GetJsonAsync(PublicPaths.TokenApi(Second, "BTC3L") + "/rebalances?limit=500");
        var expected = app.Second.Rebalances.Where(r => r.TokenAddress == btc).OrderByDescending(r => r.BlockNumber).Select(r => r.TxHash);
        Assert.Equal(expected, page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("source").GetProperty("txHash").GetString()));
        Assert.All(page.GetProperty("items").EnumerateArray(), r => Assert.Equal(Second, r.GetProperty("source").GetProperty("chainId").GetInt64()));

        var nav = await _client.GetJsonAsync(PublicPaths.TokenApi(Second, "BTC3L") + "/nav");
        Assert.Equal(Second, nav.GetProperty("chainId").GetInt64());
        Assert.Equal(SecondChainSample.Hours, nav.GetProperty("count").GetInt32());
        Assert.All(nav.GetProperty("points").EnumerateArray(), p => Assert.Equal(SecondChainSample.Nav.ToString(), p.GetProperty("nav").GetProperty("raw").GetString()));

        var list = await _client.GetJsonAsync("/api/v1/chains/8453/rebalances?limit=500");
        Assert.Equal(app.Second.Rebalances.Count, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task ReservesAndRebalanceDetailsAreFoundPerChainAndAmbiguousWithout()
    {
        var metrics = await _client.GetJsonAsync(PublicPaths.ReserveApi(Second, "BTC") + "/metrics");
        Assert.All(metrics.GetProperty("points").EnumerateArray(),
            p => Assert.Equal(SecondChainSample.ReserveBalance.ToString(), p.GetProperty("reserveBalance").GetProperty("raw").GetString()));
        using var reserve = await _client.GetAsync("/api/v1/reserves/BTC/metrics");
        Assert.Equal(HttpStatusCode.Conflict, reserve.StatusCode);
        var pools = await _client.GetJsonAsync("/api/v1/reserves?chainId=8453");
        Assert.Equal([Second, Second], pools.EnumerateArray().Select(p => p.GetProperty("chainId").GetInt64()));

        var twin = app.Second.Twin;
        using var chainless = await _client.GetAsync($"/api/v1/rebalances/{twin.TxHash}/{twin.LogIndex}");
        Assert.Equal(HttpStatusCode.Conflict, chainless.StatusCode);
        foreach (var chain in new[] { First, Second })
        {
            var detail = await _client.GetJsonAsync(PublicPaths.RebalanceApi(chain, twin.TxHash, twin.LogIndex));
            Assert.Equal(chain, detail.GetProperty("rebalance").GetProperty("source").GetProperty("chainId").GetInt64());
            Assert.Equal(chain == Second, detail.GetProperty("rebalance").GetProperty("rebalanceId").GetInt64() == 99);
        }
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheChainScopedRoutes()
    {
        var paths = (await _client.GetJsonAsync("/api/v1/openapi.json")).GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/api/v1/chains/{chainId}/tokens/{token}", "/api/v1/chains/{chainId}/tokens/{token}/deferrals",
                     "/api/v1/chains/{chainId}/reserves/{underlying}/metrics", "/api/v1/chains/{chainId}/rebalances/{txHash}/{logIndex}" })
            Assert.Contains(path, paths);
        Assert.Contains("/api/v1/reserves", paths.Select(p => p.TrimEnd('/')));
    }

    [Theory]
    [InlineData("/api/v1/tokens?chainId=abc", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/tokens?chainId=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/tokens?chainId=99999999999999999999999", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/chains/-1/tokens/BTC3L", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/tokens?chainId=5", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/chains/5/tokens/BTC3L", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/chains/5/reserves/BTC/metrics", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/exports/rebalances.csv?chainId=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/exports/rebalances.csv?chainId=5", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/exports/rebalances.csv?token=BTC3L", HttpStatusCode.Conflict)]
    public async Task ABadOrUnknownChainIsAClearProblem(string url, HttpStatusCode expected)
    {
        using var response = await _client.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnExportFilteredByChainHoldsThatChainsRowsOnly()
    {
        foreach (var (url, expected) in new[]
        {
            ("/api/v1/exports/rebalances.csv?chainId=8453", app.Second.Rebalances),
            ("/api/v1/exports/rebalances.csv?chainId=8453&token=BTC3L", app.Second.Rebalances.Where(r => r.TokenAddress == SampleData.Tokens[0].Address).ToList()),
        })
        {
            var lines = (await _client.GetStringAsync(url)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split(',')).ToList();
            var (chain, tx) = (Array.IndexOf(lines[0], "chain_id"), Array.IndexOf(lines[0], "tx_hash"));
            Assert.All(lines.Skip(1), l => Assert.Equal("8453", l[chain]));
            Assert.Equal(expected.Select(r => r.TxHash).Order(), lines.Skip(1).Select(l => l[tx]).Order());
        }
    }
}
