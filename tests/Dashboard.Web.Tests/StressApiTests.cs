namespace LeveragedTokens.Dashboard.Web.Tests;

[Collection(SeededDashboardCollection.Name)]
public sealed class StressApiTests(SeededDashboard app)
{
    private readonly HttpClient _client = app.Factory.CreateClient();

    private Task<JsonElement> GetJson(string url) => _client.GetJsonAsync(url);

    private static BigInteger Raw(JsonElement value)
    {
        var raw = BigInteger.Parse(value.GetProperty("raw").GetString()!);
        Assert.Equal(Wad.Exact(raw), value.GetProperty("value").GetString());
        return raw;
    }

    [Fact]
    public async Task ABtcGapAnswersEveryTokenAndPoolInExactDecimalsFromTheLatestFinalBlock()
    {
        var result = await GetJson("/api/v1/stress?shocks=BTC:-30&hours=24&liquidity=1");

        Assert.Equal("shocks", result.GetProperty("scenario").GetProperty("kind").GetString());
        Assert.Equal(24, result.GetProperty("scenario").GetProperty("hours").GetInt32());
        Assert.InRange(result.GetProperty("atBlock").GetInt64(), 1, app.Seeded.LastBlock);
        var tokens = result.GetProperty("tokens").EnumerateArray().ToDictionary(t => t.GetProperty("symbol").GetString()!);
        Assert.Equal(SampleData.Tokens.Select(t => t.Symbol).Order(), tokens.Keys.Order());
        foreach (var token in tokens.Values.Where(t => t.GetProperty("underlying").GetString() == "BTC"))
        {
            var (before, after) = (Raw(token.GetProperty("leverageBefore")), Raw(token.GetProperty("leverageAfterShock")));
            // A 30% fall lifts a long's leverage and cuts a short's; both leave the 2.5x-3.5x band and rebalance in the first hour,
            Assert.True(token.GetProperty("isLong").GetBoolean() ? after > before : after < before);
            var first = token.GetProperty("rebalances")[0];
            Assert.Equal("band", first.GetProperty("trigger").GetString());
            // The long cuts its exposure, the short grows its (negative) one: both sell the underlying.
            Assert.Equal("sell", first.GetProperty("direction").GetString());
            Assert.Equal(24, token.GetProperty("path").GetArrayLength());
            Raw(token.GetProperty("lossVsNoShock"));
        }
        var pools = result.GetProperty("pools").EnumerateArray().ToDictionary(p => p.GetProperty("underlying").GetString()!);
        Assert.Equal(["BTC", "ETH"], pools.Keys.Order());
        var btc = pools["BTC"];
        Assert.True(Raw(btc.GetProperty("reserveDraw")) > 0);
        Assert.Equal(btc.GetProperty("path").EnumerateArray().Last().GetProperty("utilizationBps").GetProperty("raw").GetString(),
            btc.GetProperty("utilizationAfter").GetProperty("raw").GetString());
        Assert.True(btc.GetProperty("slippageModel").GetProperty("samples").GetInt32() > 0);
        Assert.Equal(JsonValueKind.False, pools["ETH"].GetProperty("suspends").ValueKind);
    }

    [Fact]
    public async Task AResultAtAGivenBlockIsReproducibleAndAPathRunsItsOwnLength()
    {
        var block = app.Seeded.LastBlock - 200;
        var first = await _client.GetStringAsync($"/api/v1/stress?path=BTC:-2x12;%2B1x6&atBlock={block}&liquidity=0.33");
        var again = await _client.GetStringAsync($"/api/v1/stress?path=BTC:-2x12;%2B1x6&atBlock={block}&liquidity=0.33");
        Assert.Equal(first, again);
        var result = JsonDocument.Parse(first).RootElement;
        Assert.Equal(block, result.GetProperty("atBlock").GetInt64());
        Assert.Equal(18, result.GetProperty("scenario").GetProperty("hours").GetInt32());
        Assert.Equal("0.33", result.GetProperty("scenario").GetProperty("liquidity").GetString());
    }

    [Fact]
    public async Task AReplayOfAnIndexedWindowRunsItsHours()
    {
        var result = await GetJson($"/api/v1/stress?replayFrom={app.Seeded.LastBlock - 500}&replayTo={app.Seeded.LastBlock - 100}");
        Assert.Equal("replay", result.GetProperty("scenario").GetProperty("kind").GetString());
        Assert.Equal(40, result.GetProperty("scenario").GetProperty("hours").GetInt32());
    }

    [Theory]
    [InlineData("shocks=DOGE:-30", "Unknown underlying 'DOGE'")]
    [InlineData("shocks=BTC:-100", "above -100 %")]
    [InlineData("shocks=BTC:-150", "above -100 %")]
    [InlineData("shocks=BTC:-30&hours=721", "'hours' must be 1 to 720")]
    [InlineData("path=BTC:-1x721", "at most 720")]
    [InlineData("shocks=BTC:-30&path=BTC:-1x3", "exactly one of")]
    [InlineData("", "exactly one of")]
    [InlineData("shocks=BTC:abc", "not a move in percent")]
    [InlineData("shocks=BTC:-30&liquidity=0", "'liquidity'")]
    [InlineData("shocks=BTC:-30&atBlock=x", "block numbers")]
    public async Task InvalidInputIsABadRequestProblemWithTheReason(string query, string reason)
    {
        var response = await _client.GetAsync("/api/v1/stress?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(reason, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task TheStressEndpointIsInTheOpenApiDocumentWithItsParameters()
    {
        var document = await GetJson("/api/v1/openapi.json");
        var get = document.GetProperty("paths").GetProperty("/api/v1/stress").GetProperty("get");
        var names = get.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Superset(new HashSet<string?> { "shocks", "path", "hours", "liquidity", "atBlock", "replayFrom", "replayTo" }, names.ToHashSet());
        Assert.True(get.GetProperty("responses").TryGetProperty("200", out _));
    }
}
