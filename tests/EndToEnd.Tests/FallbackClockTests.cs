using LeveragedTokens.Data.Entities;

namespace LeveragedTokens.EndToEnd.Tests;

/// <summary>The 24 h fallback countdown on the token page and the overview's cards: it ticks in the browser and restarts when a rebalance lands.</summary>
[Collection(DashboardSiteCollection.Name)]
public sealed partial class FallbackClockTests(DashboardSite site)
{
    [Theory]
    [InlineData("/tokens/BTC3S")]
    [InlineData("/")]
    public async Task TheFallbackCountdownTicksInTheBrowser(string path)
    {
        var page = await site.OpenAsync(path);
        var clock = page.Locator("[data-testid=fallback]").First;
        // The browser's text has seconds; the server's has none.
        await Assertions.Expect(clock).ToHaveTextAsync(Ticking());
        var first = await clock.InnerTextAsync();
        await page.WaitForTimeoutAsync(2500);
        var second = await clock.InnerTextAsync();
        Assert.Matches(Ticking(), second);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task TheCountdownRestartsWhenARebalanceLandsLive()
    {
        var token = SampleData.Tokens.First(t => t.Symbol == "ETH3S");
        var page = await site.OpenAsync("/tokens/ETH3S");
        var clock = page.Locator("[data-testid=fallback]");
        await Assertions.Expect(clock).ToHaveTextAsync(Ticking());
        var landed = site.Seeded.LastTime.AddMinutes(30);

        // Inside the confirmed head: the newest rebalance of the site stays a final one for the other tests.
        await site.LandRebalanceAsync(token, site.Seeded.LastBlock + 1, landed, RebalanceTrigger.TimeFallback);

        // Due 24 h after the new rebalance; chain now is still the last hour, so a full 24 h and the 30 min are left.
        await Assertions.Expect(clock).ToHaveAttributeAsync("data-due", landed.AddHours(24).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            new() { Timeout = 15_000 });
        await Assertions.Expect(clock).ToHaveTextAsync(new Regex(@"^in 1d 0h (29m|30m) \d\ds "));
    }

    [GeneratedRegex(@"^(in|due since|overdue by) .*\d\ds")]
    private static partial Regex Ticking();
}
