namespace LeveragedTokens.Dashboard.Web.Tests;

/// <summary>The prerendered pages over HTTP: data shown, and 400/404 pages instead of exception pages.</summary>
[Collection(SeededDashboardCollection.Name)]
public sealed class PageTests(SeededDashboard app)
{
    private readonly HttpClient _client = app.Factory.CreateClient();

    [Theory]
    [InlineData("/", "BTC3L")]
    [InlineData("/tokens/ETH3S", "nav-chart")]
    [InlineData("/tokens/ETH3S?range=all", "polyline")]
    [InlineData("/tokens/ETH3S?range=all", "The three parts sum to the gap.")]
    // Rebalance markers are drawn by the browser from the API (ChartTests); the prerendered chart announces them.
    [InlineData("/tokens/BTC3L?range=custom&from=2026-01-05T00:00:00Z&to=2026-01-09T00:00:00Z", "Rebalance (opens its detail)")]
    [InlineData("/reserves/ETH", "utilization-chart")]
    [InlineData("/reserves/ETH?range=all", "Rebalancing suspended")]
    [InlineData("/rebalances", "rebalance-grid")]
    [InlineData("/rebalances?token=BTC3L&trigger=fallback&direction=buy", "rebalance-grid")]
    [InlineData("/status", "status-table")]
    public async Task PagesRenderWithData(string url, string expected)
    {
        var response = await _client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, html);
        Assert.DoesNotContain("data-testid=\"problem\"", html);
    }

    [Theory]
    [InlineData("/tokens/ETH3S?range=7d", "/chains/31337/tokens/ETH3S?range=7d")]
    [InlineData("/reserves/BTC", "/chains/31337/reserves/BTC")]
    public async Task AChainlessAddressOfANameOnOneChainRedirectsToItsCanonicalPage(string url, string canonical)
    {
        using var client = app.Factory.CreateClient(new() { AllowAutoRedirect = false });
        using var response = await client.GetAsync(url);
        Assert.True((int)response.StatusCode is 301 or 302, $"{url}: {(int)response.StatusCode}");
        Assert.Equal(canonical, response.Headers.Location?.OriginalString.Replace("http://localhost", ""));
    }

    [Fact]
    public async Task TheStatusPageListsEveryLogThatDidNotDecodeWithItsPlaceAndContent()
    {
        var html = await _client.GetStringAsync("/status");
        foreach (var f in app.Seeded.DecodeFailures)
        {
            Assert.Contains($"data-tx=\"{f.TxHash}\"", html);
            Assert.Contains("https://explorer.example/tx/" + f.TxHash, html);
            Assert.Contains(f.Topics[0], html);
            Assert.Contains(f.Error, html);
        }
    }

    [Fact]
    public async Task TheStatusPageShowsEachNodeWithItsStateLagAndFailovers()
    {
        var html = await _client.GetStringAsync("/status");
        Assert.Contains("data-testid=\"node-table\"", html);
        foreach (var n in SampleData.Nodes)
        {
            Assert.Contains(n.Name, html);
            Assert.Contains($"data-state=\"{n.State}\" data-failovers=\"{n.Failovers}\"", html);
        }
        Assert.Contains("breaker open", html);
        Assert.Contains("12 blocks", html); // the broken node's head behind the best
        Assert.Contains("HTTP 502 from the node", html);
    }

    [Fact]
    public async Task RebalanceDetailShowsDecodedFieldsBesideTheRawLog()
    {
        var r = app.Seeded.Rebalances[5];
        var html = await _client.GetStringAsync($"/rebalances/{r.TxHash}/{r.LogIndex}");
        Assert.Contains(r.BlockHash, html);
        Assert.Contains(SampleData.RebalancedTopic0, html);
        Assert.Contains("https://explorer.example/tx/" + r.TxHash, html);
        Assert.Contains(LeveragedTokens.Protocol.Wad.Exact(r.NavDelta), html);
        Assert.Contains("final after 2", html);
        // Prerendered, the server cannot know the viewer's zone: the local time waits for the browser.
        Assert.Contains("loading your time zone", html);
    }

    [Theory]
    [InlineData("/tokens/NOPE3L")]
    [InlineData("/reserves/DOGE")]
    [InlineData("/rebalances/0x1111111111111111111111111111111111111111111111111111111111111111/3")]
    [InlineData("/no/such/page")]
    public async Task UnknownThingsAreA404Page(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Not found", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", html);
    }

    [Theory]
    [InlineData("/tokens/BTC3L?range=5y")]
    [InlineData("/tokens/BTC3L?range=custom&from=garbage")]
    [InlineData("/reserves/BTC?range=custom&from=2026-02-01&to=2026-01-01")]
    [InlineData("/rebalances/0xzz/1")]
    [InlineData("/rebalances/0x1111111111111111111111111111111111111111111111111111111111111111/x")]
    [InlineData("/rebalances?trigger=often")]
    [InlineData("/rebalances?minDelta=abc")]
    [InlineData("/rebalances?token=%3Cscript%3E")]
    public async Task BadParametersAreA400Page(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Bad request", html);
        Assert.DoesNotContain("<script>", html);
    }
}
