namespace LeveragedTokens.Dashboard.Web.Tests;

/// <summary>The prerendered /stress page: inputs from the URL, results, charts, heatmap and method; a bad input is a 400 page.</summary>
[Collection(SeededDashboardCollection.Name)]
public sealed class StressPageTests(SeededDashboard app)
{
    private readonly HttpClient _client = app.Factory.CreateClient();

    [Fact]
    public async Task TheStressPageShowsTheScenarioFromItsUrlWithTablesChartsHeatmapAndMethod()
    {
        var response = await _client.GetAsync("/stress?shocks=BTC:-30&hours=12&liquidity=0.5");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("value=\"BTC:-30\"", html);
        Assert.Contains("value=\"0.5\"", html);
        foreach (var part in new[] { "stress-tokens", "stress-pools", "stress-rebalances", "stress-leverage-chart", "stress-utilization-chart", "stress-methodology" })
            Assert.Contains($"data-testid=\"{part}\"", html);
        foreach (var token in SampleData.Tokens) Assert.Contains(token.Symbol, html);
        Assert.Contains("<polyline", html);
        // 11 shocks × 5 liquidity multipliers.
        var heatmap = html[html.IndexOf("data-testid=\"stress-heatmap\"", StringComparison.Ordinal)..];
        heatmap = heatmap[..heatmap.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Equal(11 * 5, heatmap.Split("<td ").Length - 1);
        Assert.Contains("Out of band", html);
        Assert.DoesNotContain("data-testid=\"problem\"", html);
    }

    [Fact]
    public async Task AnEmptyStressPageAsksTheStandingQuestionOfABtcGap()
    {
        var html = await _client.GetStringAsync("/stress");
        Assert.Contains("shocks BTC:-30 over 24 h", html);
        Assert.Contains("data-testid=\"stress-heatmap\"", html);
    }

    [Fact]
    public async Task ATokenPageShowsTheMovesThatTriggerTheNextBandRebalanceAndATenPercentHour()
    {
        var html = WebUtility.HtmlDecode(await _client.GetStringAsync("/tokens/BTC3L"));
        Assert.Contains("data-testid=\"stress-hints\"", html);
        Assert.Matches(@"BTC falls \d+\.\d\d % or rises \d+\.\d\d %", html);
        Assert.Contains("A -10 % hour", html);
        Assert.Contains("A +10 % hour", html);
    }

    [Theory]
    [InlineData("/stress?shocks=DOGE:-30", "Unknown underlying")]
    [InlineData("/stress?shocks=BTC:-100", "above -100 %")]
    [InlineData("/stress?shocks=BTC:-10&hours=1000", "720")]
    public async Task ABadScenarioIsABadRequestPageWithTheReason(string url, string reason)
    {
        var response = await _client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("data-testid=\"problem\"", html);
        Assert.Contains(reason, html);
    }
}
