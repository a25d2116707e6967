using LeveragedTokens.Data.Entities;

namespace LeveragedTokens.EndToEnd.Tests;

[Collection(DashboardSiteCollection.Name)]
public sealed partial class DashboardFlowTests(DashboardSite site)
{
    [Fact]
    public async Task OverviewListsEveryTokenAndOpensItsPage()
    {
        var page = await site.OpenAsync("/");
        foreach (var t in SampleData.Tokens) await page.GetByRole(AriaRole.Link, new() { Name = t.Symbol, Exact = true }).WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "ETH3L", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/tokens/ETH3L$"));
        Assert.True(await DashboardPageChartPoints(page, "nav-chart") > 100);
        Assert.True(await DashboardPageChartPoints(page, "leverage-chart") > 100);
    }

    [Fact]
    public async Task TheTimeRangeChangesTheChartAndTheUrl()
    {
        var page = await site.OpenAsync("/tokens/BTC3L");
        await PageObjects.WaitForGridRowsAsync(page);
        Assert.Equal(169, await DashboardPageChartPoints(page, "nav-chart"));
        await page.Locator("[data-testid=range-24h]").ClickAsync();
        await page.WaitForURLAsync(new Regex("range=24h"));
        await Assertions.Expect(page.Locator("[data-testid=nav-chart]")).ToHaveAttributeAsync("data-points", "25");
        await page.Locator("[data-testid=range-all]").ClickAsync();
        await page.WaitForURLAsync(new Regex("range=all"));
        await Assertions.Expect(page.Locator("[data-testid=nav-chart]")).ToHaveAttributeAsync("data-points", site.Seeded.Hours.ToString());
    }

    [Fact]
    public async Task ClickingARebalanceRowOpensItsDetail()
    {
        var page = await site.OpenAsync("/rebalances");
        var rows = await PageObjects.WaitForGridRowsAsync(page);
        await PageObjects.ClickUntilNavigatedAsync(page, rows.First.Locator("td").Nth(2), RebalanceUrl());
        await page.Locator("[data-testid=raw-log]").GetByText("Rebalanced").WaitForAsync();
        await page.Locator("[data-testid=decoded]").WaitForAsync();
        Assert.Contains("final after 2", await page.Locator("[data-testid=confirmations]").InnerTextAsync());
    }

    [Theory]
    [InlineData("Asia/Tokyo", 9 * 60, "GMT+9")]
    [InlineData("Australia/Darwin", 9 * 60 + 30, "GMT+9:30")]
    public async Task TheRebalanceDetailShowsTheBlockTimeInTheViewersZone(string zone, int offsetMinutes, string offsetText)
    {
        var rebalance = site.Seeded.Rebalances[5];
        var page = await site.NewPageAsync(timezoneId: zone);
        await page.GotoAsync($"{site.BaseUrl}/rebalances/{rebalance.TxHash}/{rebalance.LogIndex}");

        var utcText = await page.Locator("[data-testid=source] time").First.InnerTextAsync();
        var utc = DateTime.Parse(utcText, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        Assert.Equal(rebalance.BlockTime, utc);
        // Japan and the Northern Territory keep one offset all year, so the shift is the same on every date.
        var local = page.Locator("[data-testid=source] [data-testid=local-time]");
        var expected = $"{utc.AddMinutes(offsetMinutes).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} {offsetText} ({zone})";
        await Assertions.Expect(local).ToHaveTextAsync(expected);
        await Assertions.Expect(local).ToHaveAttributeAsync("aria-busy", "false");
        Assert.Equal(utcText, await local.GetAttributeAsync("datetime"));
    }

    [Fact]
    public async Task FilteringTheHistoryByTokenPutsTheFilterInTheUrl()
    {
        var page = await site.OpenAsync("/rebalances?token=BTC3S&direction=sell");
        var rows = await PageObjects.WaitForGridRowsAsync(page);
        var texts = await rows.AllInnerTextsAsync();
        Assert.All(texts, t => Assert.Contains("BTC3S", t));
        Assert.All(texts, t => Assert.Contains("Sell", t));
    }

    [Fact]
    public async Task NextAndPreviousPageWalkTheHistory()
    {
        var page = await site.OpenAsync("/rebalances");
        var rows = await PageObjects.WaitForGridRowsAsync(page);
        var first = await rows.First.InnerTextAsync();
        await page.Locator("[data-testid=page-next]").ClickAsync();
        await Assertions.Expect(page.GetByText("Page 2,")).ToBeVisibleAsync();
        // The page counter moves at the click; the rows when the next keyset page has arrived.
        await Assertions.Expect(rows.First).Not.ToHaveTextAsync(first);
        await page.Locator("[data-testid=page-previous]").ClickAsync();
        await Assertions.Expect(page.GetByText("Page 1,")).ToBeVisibleAsync();
        await Assertions.Expect(rows.First).ToHaveTextAsync(first);
    }

    [Fact]
    public async Task ANewRebalanceAppearsLiveWithoutAReload()
    {
        var page = await site.OpenAsync("/rebalances?token=BTC3L");
        await PageObjects.WaitForGridRowsAsync(page);
        var tx = await InsertRebalanceAndNotifyAsync();
        await page.Locator($"a[href='{Data.PublicPaths.Rebalance(ChainRows.ChainId, tx, 0)}']").WaitForAsync(new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task UnknownTokenShowsANotFoundPage()
    {
        var page = await site.NewPageAsync();
        var response = await page.GotoAsync(site.BaseUrl + "/tokens/NOPE9X");
        Assert.Equal(404, response!.Status);
        await page.Locator("[data-testid=problem]").WaitForAsync();
    }

    private static Task<int> DashboardPageChartPoints(IPage page, string testId) => PageObjects.ChartPointsAsync(page, testId);

    [GeneratedRegex("/rebalances/0x[0-9a-f]{64}/[0-9]+$")]
    private static partial Regex RebalanceUrl();

    private async Task<string> InsertRebalanceAndNotifyAsync() =>
        (await site.LandRebalanceAsync(SampleData.Tokens[0], site.Seeded.LastBlock + 100, site.Seeded.LastTime.AddMinutes(30), RebalanceTrigger.Manual)).TxHash;
}
