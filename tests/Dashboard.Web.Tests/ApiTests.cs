namespace LeveragedTokens.Dashboard.Web.Tests;

[Collection(SeededDashboardCollection.Name)]
public sealed class ApiTests(SeededDashboard app)
{
    private readonly HttpClient _client = app.Factory.CreateClient();

    [Fact]
    public async Task TokensListEveryTokenWithExactNavAndPoolHealth()
    {
        var tokens = await _client.GetJsonAsync("/api/v1/tokens");
        Assert.Equal(SampleData.Tokens.Select(t => t.Symbol).Order(), tokens.EnumerateArray().Select(t => t.GetProperty("symbol").GetString()).Order());
        var btc = tokens.EnumerateArray().First(t => t.GetProperty("symbol").GetString() == "BTC3L");
        Assert.Equal("3000000000000000000", btc.GetProperty("targetLeverage").GetProperty("raw").GetString());
        Assert.Equal("3", btc.GetProperty("targetLeverage").GetProperty("value").GetString());
        var nav = btc.GetProperty("nav");
        Assert.Equal(BigInteger.Parse(nav.GetProperty("raw").GetString()!), ParseScaled(nav.GetProperty("value").GetString()!));
        Assert.NotEqual("Unknown", btc.GetProperty("poolHealth").GetString());
    }

    [Fact]
    public async Task AHugeUint256AmountRoundTripsExactlyAsAString()
    {
        var huge = app.Seeded.HugeAmount;
        var detail = await _client.GetJsonAsync($"/api/v1/rebalances/{huge.TxHash}/{huge.LogIndex}");
        var amount = detail.GetProperty("rebalance").GetProperty("amount");
        Assert.Equal(Wad.Uint256Max.ToString(), amount.GetProperty("raw").GetString());
        Assert.Equal("115792089237316195423570985008687907853269984665640564039457.584007913129639935", amount.GetProperty("value").GetString());
        Assert.Equal(huge.NavDelta.ToString(), detail.GetProperty("rebalance").GetProperty("navDelta").GetProperty("raw").GetString());
        Assert.Equal("Rebalanced", detail.GetProperty("rawLog").GetProperty("eventName").GetString());
        Assert.Equal(3, detail.GetProperty("rawLog").GetProperty("topics").GetArrayLength());
        Assert.StartsWith("https://explorer.example/tx/0x", detail.GetProperty("rebalance").GetProperty("source").GetProperty("explorerUrl").GetString());
        Assert.True(detail.GetProperty("confirmed").GetBoolean());
    }

    [Fact]
    public async Task NavSeriesIsHourlyForSevenDaysAndDownsampledBeyondAThousandPoints()
    {
        var to = ChainRows.Genesis.AddHours(app.Seeded.Hours);
        var week = await _client.GetJsonAsync($"/api/v1/tokens/BTC3L/nav?from={to.AddDays(-7):O}&to={to:O}");
        Assert.Equal(1, week.GetProperty("resolutionHours").GetInt32());
        Assert.InRange(week.GetProperty("count").GetInt32(), 168, 169);
        var all = await _client.GetJsonAsync("/api/v1/tokens/BTC3L/nav");
        Assert.Equal(app.Seeded.Hours, all.GetProperty("count").GetInt32());
        var daily = await _client.GetJsonAsync("/api/v1/tokens/BTC3L/nav?resolution=1d");
        Assert.Equal(24, daily.GetProperty("resolutionHours").GetInt32());
        Assert.InRange(daily.GetProperty("count").GetInt32(), app.Seeded.Hours / 24, app.Seeded.Hours / 24 + 1);
    }

    [Fact]
    public async Task ReserveMetricsCarryExactValuesAndWorstUtilization()
    {
        var series = await _client.GetJsonAsync("/api/v1/reserves/ETH/metrics?resolution=1d");
        var points = series.GetProperty("points").EnumerateArray().ToList();
        Assert.NotEmpty(points);
        var p = points[0];
        Assert.Equal(BigInteger.Parse(p.GetProperty("reserveValue").GetProperty("raw").GetString()!), ParseScaled(p.GetProperty("reserveValue").GetProperty("value").GetString()!));
        // The crash pushes utilization over the floor (10000 bps) inside one day's bucket.
        Assert.Contains(points, x => BigInteger.Parse(x.GetProperty("maxUtilizationBps").GetProperty("raw").GetString()!) >= 10000);
    }

    [Fact]
    public async Task StatusReportsTheIndexerCheckpoint()
    {
        var status = await _client.GetJsonAsync("/api/v1/status");
        var chain = status.GetProperty("chains")[0];
        Assert.Equal(ChainRows.ChainId, chain.GetProperty("chainId").GetInt64());
        Assert.Equal(app.Seeded.LastBlock, chain.GetProperty("indexedBlock").GetInt64());
        Assert.Equal(2, chain.GetProperty("lagBlocks").GetInt64());
        Assert.Equal(app.Seeded.DecodeFailures.Count, chain.GetProperty("decodeFailures").GetInt64());
        Assert.False(status.GetProperty("stale").GetBoolean());
    }

    [Fact]
    public async Task ChainsListEachIndexedChainWithItsNameExplorerProgressAndNodes()
    {
        var chain = Assert.Single((await _client.GetJsonAsync("/api/v1/chains")).EnumerateArray());
        var status = (await _client.GetJsonAsync("/api/v1/status")).GetProperty("chains")[0];
        Assert.Equal(ChainRows.ChainId, chain.GetProperty("chainId").GetInt64());
        Assert.Equal("Anvil (local)", chain.GetProperty("name").GetString());
        Assert.Equal("https://explorer.example", chain.GetProperty("explorer").GetString());
        Assert.Equal(app.Seeded.LastBlock, chain.GetProperty("indexedBlock").GetInt64());
        Assert.Equal(status.GetProperty("headBlock").GetInt64(), chain.GetProperty("headBlock").GetInt64());
        Assert.Equal(2, chain.GetProperty("lagBlocks").GetInt64());
        Assert.Equal("live", chain.GetProperty("status").GetString());
        Assert.Equal((1, SampleData.Nodes.Length), (chain.GetProperty("nodesUp").GetInt32(), chain.GetProperty("nodes").GetInt32()));
    }

    [Fact]
    public async Task DecodeFailuresAreListedWholeNewestFirst()
    {
        var listed = (await _client.GetJsonAsync("/api/v1/status/decode-failures")).EnumerateArray().ToList();
        var seeded = app.Seeded.DecodeFailures.OrderByDescending(f => f.BlockNumber).ThenByDescending(f => f.LogIndex).ToList();
        Assert.Equal(seeded.Count, listed.Count);
        foreach (var (json, row) in listed.Zip(seeded))
        {
            Assert.Equal((row.BlockNumber, row.LogIndex, row.TxHash, row.BlockHash, row.ContractAddress), (json.GetProperty("blockNumber").GetInt64(),
                json.GetProperty("logIndex").GetInt32(), json.GetProperty("txHash").GetString(), json.GetProperty("blockHash").GetString(),
                json.GetProperty("address").GetString()));
            Assert.Equal(row.Topics, json.GetProperty("topics").EnumerateArray().Select(t => t.GetString()!));
            Assert.Equal((row.Data, row.Error), (json.GetProperty("data").GetString(), json.GetProperty("error").GetString()));
            Assert.Equal(row.BlockTime, json.GetProperty("blockTime").GetDateTime());
        }
        Assert.Single((await _client.GetJsonAsync("/api/v1/status/decode-failures?limit=1")).EnumerateArray());
    }

    [Theory]
    [InlineData("/api/v1/tokens/NOPE")]
    [InlineData("/api/v1/tokens/NOPE/nav")]
    [InlineData("/api/v1/tokens/NOPE/rebalances")]
    [InlineData("/api/v1/reserves/DOGE/metrics")]
    [InlineData("/api/v1/rebalances/0x1111111111111111111111111111111111111111111111111111111111111111/0")]
    public async Task UnknownResourcesAre404ProblemDetails(string url)
    {
        var problem = await ProblemAsync(url, HttpStatusCode.NotFound);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Theory]
    [InlineData("/api/v1/tokens/BTC3L/nav?from=yesterday")]
    [InlineData("/api/v1/tokens/BTC3L/nav?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")]
    [InlineData("/api/v1/tokens/BTC3L/nav?resolution=fast")]
    [InlineData("/api/v1/tokens/BTC3L/rebalances?limit=0")]
    [InlineData("/api/v1/tokens/BTC3L/rebalances?limit=100000")]
    [InlineData("/api/v1/tokens/BTC3L/rebalances?trigger=sometimes")]
    [InlineData("/api/v1/tokens/BTC3L/rebalances?cursor=abc")]
    [InlineData("/api/v1/rebalances/0x12/0")]
    [InlineData("/api/v1/rebalances/0x1111111111111111111111111111111111111111111111111111111111111111/-1")]
    [InlineData("/api/v1/reserves/BTC/metrics?to=99999999999999999999")]
    [InlineData("/api/v1/status/decode-failures?limit=0")]
    [InlineData("/api/v1/status/decode-failures?limit=many")]
    [InlineData("/api/v1/status/31337/history?from=yesterday")]
    [InlineData("/api/v1/decay-league?period=1y")]
    [InlineData("/api/v1/status/31337/history?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z")]
    public async Task BadParametersAre400ProblemDetails(string url) => await ProblemAsync(url, HttpStatusCode.BadRequest);

    /// <summary>The problem+json body <paramref name="url"/> answers with, after checking its status code in both places.</summary>
    private async Task<JsonElement> ProblemAsync(string url, HttpStatusCode status)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    [Fact]
    public async Task OpenApiDocumentDescribesTheEndpoints()
    {
        var doc = await _client.GetJsonAsync("/api/v1/openapi.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/tokens/{token}/rebalances", paths);
        Assert.Contains("/api/v1/tokens/{token}/deferrals", paths);
        Assert.Contains("/api/v1/chains", paths);
        Assert.Contains("/api/v1/reserves/{underlying}/suspensions", paths);
        Assert.Contains("/api/v1/reserves/{underlying}/runway", paths);
        Assert.Contains("/api/v1/status/decode-failures", paths);
        Assert.Contains("/api/v1/reserves/{underlying}/metrics", paths);
        Assert.Contains("/api/v1/status", paths);
        Assert.Contains("/api/v1/status/{chainId}/history", paths);
        Assert.Contains("/api/v1/decay-league", paths);
    }

    private static BigInteger ParseScaled(string value)
    {
        Assert.True(Wad.TryParse(value, out var raw));
        return raw;
    }
}
