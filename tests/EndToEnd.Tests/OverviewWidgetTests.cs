using System.Text.Json;

namespace LeveragedTokens.EndToEnd.Tests;

/// <summary>The overview's card per token: each widget shows the figure the API gives for it, and the cards fit a phone.</summary>
[Collection(DashboardSiteCollection.Name)]
public sealed class OverviewWidgetTests(DashboardSite site)
{
    [Fact]
    public async Task EachCardShowsTheApisNavLeverageFallbackAndUtilization()
    {
        var page = await site.OpenAsync("/");
        var tokens = (await site.ApiAsync(page, "/api/v1/tokens")).EnumerateArray().ToList();
        Assert.Equal(SampleData.Tokens.Length, tokens.Count);
        await Assertions.Expect(page.Locator("[data-testid=token-card]")).ToHaveCountAsync(tokens.Count);

        foreach (var token in tokens)
        {
            var symbol = token.GetProperty("symbol").GetString()!;
            var card = page.Locator($"[data-testid=token-card][data-token='{token.GetProperty("address").GetString()}']");

            // The sparkline: the 7 days up to the latest NAV hour, the same points as the API's series for that window.
            var spark = card.Locator("[data-testid=nav-sparkline]");
            var to = await spark.GetAttributeAsync("data-to");
            var from = await spark.GetAttributeAsync("data-from");
            Assert.Equal(DateTime.UnixEpoch.AddHours(token.GetProperty("navHour").GetInt64()), PageObjects.Iso(to!));
            Assert.Equal(PageObjects.Iso(to!).AddDays(-7), PageObjects.Iso(from!));
            var points = (await site.ApiAsync(page, $"/api/v1/tokens/{symbol}/nav?from={from}&to={to}")).GetProperty("points").EnumerateArray().ToList();
            Assert.Equal(169, points.Count);
            Assert.Equal(points.Count.ToString(CultureInfo.InvariantCulture), await spark.GetAttributeAsync("data-count"));
            Assert.Equal(points.Count, (await spark.Locator("polyline").GetAttributeAsync("points"))!.Split(' ').Length);
            Assert.Equal(Value(points[0], "nav"), await spark.GetAttributeAsync("data-first"));
            Assert.Equal(Value(points[^1], "nav"), await spark.GetAttributeAsync("data-last"));
            Assert.Equal(Value(token, "nav"), await spark.GetAttributeAsync("data-last"));

            // Leverage on its band.
            var bar = card.Locator("[data-testid=leverage-bar]");
            var leverage = decimal.Parse(Value(token, "leverage"), CultureInfo.InvariantCulture);
            var (min, max) = (decimal.Parse(Value(token, "minLeverage"), CultureInfo.InvariantCulture), decimal.Parse(Value(token, "maxLeverage"), CultureInfo.InvariantCulture));
            Assert.Equal(Value(token, "leverage"), await bar.GetAttributeAsync("data-leverage"));
            Assert.Equal(Value(token, "minLeverage"), await bar.GetAttributeAsync("data-min"));
            Assert.Equal(Value(token, "maxLeverage"), await bar.GetAttributeAsync("data-max"));
            Assert.Equal(Value(token, "targetLeverage"), await bar.GetAttributeAsync("data-target"));
            Assert.Equal(leverage >= min && leverage <= max ? "true" : "false", await bar.GetAttributeAsync("data-in-band"));

            // The fallback is due its interval after the last rebalance.
            var due = token.GetProperty("lastRebalance").GetProperty("blockTime").GetDateTime()
                .AddSeconds(token.GetProperty("fallbackIntervalSeconds").GetInt64());
            Assert.Equal(due, PageObjects.Iso((await card.Locator("[data-testid=fallback]").GetAttributeAsync("data-due"))!));

            // Utilization against the floor, and the pool's health.
            var gauge = card.Locator("[data-testid=utilization-gauge]");
            var bps = token.GetProperty("poolUtilizationBps").GetProperty("raw").GetString()!;
            Assert.Equal(bps, await gauge.GetAttributeAsync("data-utilization-bps"));
            Assert.Equal(token.GetProperty("poolHealth").GetString(), await gauge.GetAttributeAsync("data-health"));
            Assert.Equal(Math.Min(double.Parse(bps, CultureInfo.InvariantCulture) / 100, 125),
                double.Parse((await gauge.GetAttributeAsync("aria-valuenow"))!, CultureInfo.InvariantCulture), 2);
        }
    }

    [Fact]
    public async Task EveryWidgetFitsItsCardAt400Pixels()
    {
        var page = await site.NewPageAsync(400, 800);
        await page.GotoAsync(site.BaseUrl + "/");
        var cards = page.Locator("[data-testid=token-card]");
        // The circuit's first render comes before its first load (no cards for a moment): measure the loaded page.
        await page.Locator("[data-testid=main][data-interactive=true]").WaitForAsync();
        await Assertions.Expect(cards).ToHaveCountAsync(SampleData.Tokens.Length, new() { Timeout = 45_000 });

        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth"));
        // Measured in one script, so a live refresh re-rendering the cards cannot fall between two measurements.
        var misfits = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('[data-testid=token-card]')].flatMap((card, i) => {
                const c = card.getBoundingClientRect();
                return ['nav-sparkline', 'leverage-bar', 'utilization-gauge', 'fallback'].flatMap(id => {
                    const r = card.querySelector(`[data-testid=${id}]`)?.getBoundingClientRect();
                    return r && r.width > 20 && r.left >= c.left && r.right <= c.right + 0.5 ? [] : [`${id} of card ${i}: ${r?.left}..${r?.right} in ${c.left}..${c.right}`];
                });
            })
            """);
        Assert.Empty(misfits);
        Assert.Equal(SampleData.Tokens.Length, await cards.CountAsync());
    }

    private static string Value(JsonElement e, string property) => e.GetProperty(property).GetProperty("value").GetString()!;
}
