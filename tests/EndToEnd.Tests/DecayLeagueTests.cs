using System.Text.Json;
using LeveragedTokens.Protocol;

namespace LeveragedTokens.EndToEnd.Tests;

/// <summary>The decay league: every point and row of the page is the API's number, and its decay is the token page's.</summary>
[Collection(DashboardSiteCollection.Name)]
public sealed class DecayLeagueTests(DashboardSite site)
{
    [Fact]
    public async Task EveryPointAndRowOfThePageIsTheApisNumber()
    {
        var page = await site.OpenAsync("/decay");
        var rows = (await site.ApiAsync(page, "/api/v1/decay-league")).EnumerateArray().ToList();
        Assert.Equal(SampleData.Tokens.Length * 3, rows.Count);
        await Assertions.Expect(page.Locator("[data-testid=decay-row]")).ToHaveCountAsync(rows.Count);
        await Assertions.Expect(page.Locator("[data-testid=decay-point]")).ToHaveCountAsync(rows.Count);

        foreach (var r in rows)
        {
            var key = $"[data-symbol='{Text(r, "symbol")}'][data-period='{Text(r, "period")}']";
            var row = page.Locator("[data-testid=decay-row]" + key);
            var point = page.Locator("[data-testid=decay-point]" + key);
            Assert.Equal(Text(r, "volatility"), await row.GetAttributeAsync("data-volatility"));
            Assert.Equal(Text(r, "gap"), await row.GetAttributeAsync("data-gap"));
            Assert.Equal(Text(r, "expectedDecay"), await row.GetAttributeAsync("data-expected"));
            Assert.Equal(Text(r, "volatility"), await point.GetAttributeAsync("data-x"));
            Assert.Equal(Text(r, "gap"), await point.GetAttributeAsync("data-y"));
            Assert.Equal(Wad.Percent(Number(r, "gap")), await row.Locator("td").Nth(6).InnerTextAsync());
            // The expectation is Avellaneda–Zhang's at the row's own β and volatility.
            var (beta, sigma) = (Number(r, "signedLeverage"), Number(r, "volatility"));
            Assert.Equal(Math.Exp(-(beta * beta - beta) * sigma * sigma / 2) - 1, Number(r, "expectedDecay"), 12);
            Assert.True(sigma > 0 && r.GetProperty("hours").GetInt64() <= Hours(Text(r, "period")));
        }
        var betas = rows.Select(r => Text(r, "signedLeverage")).Distinct().Order().ToList();
        Assert.Equal(betas, (await page.Locator("[data-testid=expected-curve]").EvaluateAllAsync<string[]>("cs => cs.map(c => c.dataset.beta)")).Order().ToList());
    }

    [Fact]
    public async Task APeriodsDecayIsTheOneTheTokenPageShowsForIt()
    {
        var page = await site.OpenAsync("/decay?period=7d");
        var rows = (await site.ApiAsync(page, "/api/v1/decay-league?period=7d")).EnumerateArray().ToList();
        Assert.Equal(SampleData.Tokens.Length, rows.Count);
        await Assertions.Expect(page.Locator("[data-testid=decay-row]")).ToHaveCountAsync(rows.Count);

        // The token page's default period is the same 7 days up to the newest hour.
        var btc = rows.Single(r => Text(r, "symbol") == "BTC3L");
        var token = await site.OpenAsync("/tokens/BTC3L");
        await Assertions.Expect(token.Locator("[data-testid=decay-gap]")).ToHaveTextAsync(Wad.Percent(Number(btc, "gap")));
    }

    private static string Text(JsonElement e, string property) => e.GetProperty(property).GetString()!;

    private static double Number(JsonElement e, string property) => double.Parse(Text(e, property), CultureInfo.InvariantCulture);

    private static int Hours(string period) => period switch { "7d" => 168, "30d" => 720, _ => 2160 };
}
