using System.Text.Json;

namespace LeveragedTokens.EndToEnd.Tests;

/// <summary>The uPlot charts as a person uses them: hover for exact figures, drag to zoom, click a marker.</summary>
[Collection(DashboardSiteCollection.Name)]
public sealed partial class ChartTests(DashboardSite site)
{
    [Fact]
    public async Task HoveringTheNavChartShowsTheApiValueOfThePointUnderTheCursorOnEveryChartOfThePage()
    {
        var page = await site.OpenAsync("/tokens/BTC3L?range=24h");
        var nav = await PageObjects.WaitForLiveChartAsync(page, "nav-chart");
        await PageObjects.WaitForLiveChartAsync(page, "leverage-chart");
        var points = await ApiPointsAsync(page, nav);
        Assert.Equal(25, points.Count);

        // A quarter of the way across the plot: hourly points are evenly spaced from the first to the last.
        var over = nav.Locator(".u-over");
        var box = (await over.BoundingBoxAsync())!;
        const float fraction = 0.25f;
        await page.Mouse.MoveAsync(box.X + box.Width * fraction, box.Y + box.Height / 2);
        var expected = points[(int)Math.Round(fraction * (points.Count - 1))];

        var time = expected.GetProperty("time").GetDateTime().ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
        var tooltip = nav.Locator("[data-testid=chart-tooltip]");
        await Assertions.Expect(tooltip.Locator("[data-testid=tooltip-time]")).ToHaveTextAsync(time);
        await Assertions.Expect(tooltip.Locator("[data-testid=tooltip-value]"))
            .ToHaveTextAsync($"NAV: {expected.GetProperty("nav").GetProperty("value").GetString()} USD");
        // The cursor is shared: the leverage chart shows the same hour, with its exact leverage.
        var leverage = page.Locator("[data-testid=leverage-chart] [data-testid=chart-tooltip]");
        await Assertions.Expect(leverage.Locator("[data-testid=tooltip-time]")).ToHaveTextAsync(time);
        await Assertions.Expect(leverage.Locator("[data-testid=tooltip-value]"))
            .ToHaveTextAsync($"Effective leverage: {expected.GetProperty("leverage").GetProperty("value").GetString()}x");
    }

    [Fact]
    public async Task HoveringTheUtilizationChartShowsTheApiBasisPointsAsAnExactPercentage()
    {
        var page = await site.NewPageAsync(width: 400);
        await page.GotoAsync(site.BaseUrl + "/reserves/ETH?range=24h");
        var utilization = await PageObjects.WaitForLiveChartAsync(page, "utilization-chart");
        var points = await ApiPointsAsync(page, utilization);

        // At phone width the chart is below the fold: the mouse reaches only what is on screen.
        await utilization.ScrollIntoViewIfNeededAsync();
        var box = (await utilization.Locator(".u-over").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width - 2, box.Y + box.Height / 2);
        var bps = points[^1].GetProperty("maxUtilizationBps").GetProperty("value").GetString()!.PadLeft(3, '0');
        await Assertions.Expect(utilization.Locator("[data-testid=tooltip-value]")).ToHaveTextAsync($"Utilization: {bps[..^2]}.{bps[^2..]}%");
    }

    [Fact]
    public async Task DraggingAcrossTheNavChartZoomsIntoThatPeriodAndPutsItInTheUrl()
    {
        var page = await site.OpenAsync("/tokens/BTC3L?range=7d");
        // Once the grid has its rows the page has stopped moving: a drag is a gesture at one place.
        await PageObjects.WaitForGridRowsAsync(page);
        var nav = await PageObjects.WaitForLiveChartAsync(page, "nav-chart");
        await PageObjects.WaitForLiveChartAsync(page, "leverage-chart");
        await Assertions.Expect(nav).ToHaveAttributeAsync("data-points", "169");

        var box = (await nav.Locator(".u-over").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width * 0.25f, box.Y + box.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width * 0.5f, box.Y + box.Height / 2, new() { Steps = 5 });
        await page.Mouse.UpAsync();

        // Blazor writes the URL with history.pushState: poll the address rather than wait for a page load.
        await Assertions.Expect(page).ToHaveURLAsync(ZoomedUrl());
        var range = ZoomedUrl().Match(page.Url);
        var (from, to) = (PageObjects.Iso(range.Groups["from"].Value), PageObjects.Iso(range.Groups["to"].Value));
        // A quarter of 168 hours, widened to whole hours.
        Assert.InRange((to - from).TotalHours, 40, 46);
        await Assertions.Expect(nav).ToHaveAttributeAsync("data-source", new Regex("from=.*&to="));
        var points = await ApiPointsAsync(page, nav);
        Assert.Equal(points.Count.ToString(CultureInfo.InvariantCulture), await nav.GetAttributeAsync("data-points"));
        Assert.Equal(from, points[0].GetProperty("time").GetDateTime().ToUniversalTime());
        Assert.Equal(to, points[^1].GetProperty("time").GetDateTime().ToUniversalTime());
        // The page's own figures follow the URL too: the fallback was read for the same period.
        await Assertions.Expect(page.Locator("[data-testid=nav-chart]")).ToHaveAttributeAsync("data-points", points.Count.ToString(CultureInfo.InvariantCulture));

        // Double-click zooms out to twice the span, again through the URL (the zoomed page may have moved the chart).
        box = (await nav.Locator(".u-over").BoundingBoxAsync())!;
        var zoomedUrl = page.Url;
        await page.Mouse.DblClickAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await Assertions.Expect(page).Not.ToHaveURLAsync(zoomedUrl);
        var wider = ZoomedUrl().Match(page.Url);
        Assert.True(PageObjects.Iso(wider.Groups["from"].Value) < from);
        Assert.True(PageObjects.Iso(wider.Groups["to"].Value) - PageObjects.Iso(wider.Groups["from"].Value) >= 2 * (to - from) - TimeSpan.FromHours(2));
    }

    [Fact]
    public async Task ARebalanceMarkerLinksToThatRebalanceFromTheApi()
    {
        var page = await site.OpenAsync("/tokens/ETH3S?range=24h");
        var nav = await PageObjects.WaitForLiveChartAsync(page, "nav-chart");
        var marker = nav.Locator("a[data-testid=chart-marker]").First;
        var href = await marker.GetAttributeAsync("href");
        var rebalances = await site.ApiAsync(page, "/api/v1/tokens/ETH3S/rebalances?" + new Uri(site.BaseUrl + (await nav.GetAttributeAsync("data-source"))).Query.TrimStart('?'));
        var items = rebalances.GetProperty("items").EnumerateArray()
            .Select(r => Data.PublicPaths.Rebalance(r.GetProperty("source").GetProperty("chainId").GetInt64(),
                r.GetProperty("source").GetProperty("txHash").GetString()!, r.GetProperty("source").GetProperty("logIndex").GetInt32()));
        Assert.Contains(href, items);
        await marker.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(site.BaseUrl + href);
        await page.Locator("[data-testid=decoded]").WaitForAsync();
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(400)]
    public async Task TheServerRenderedFallbackHoldsTheChartsPlaceSoNothingJumps(int width)
    {
        var page = await site.NewPageAsync(width, 900);
        // The same page without scripts is what a visitor sees before the chart module has drawn.
        await using var scriptless = await page.Context.Browser!.NewContextAsync(new() { JavaScriptEnabled = false, ViewportSize = new() { Width = width, Height = 900 } });
        var before = await scriptless.NewPageAsync();
        await before.GotoAsync(site.BaseUrl + "/tokens/BTC3L?range=7d");
        await page.GotoAsync(site.BaseUrl + "/tokens/BTC3L?range=7d");
        foreach (var id in new[] { "nav-chart", "leverage-chart" })
        {
            await PageObjects.WaitForLiveChartAsync(page, id);
            var fallback = (await before.Locator($"[data-testid={id}]").BoundingBoxAsync())!;
            var live = (await page.Locator($"[data-testid={id}]").BoundingBoxAsync())!;
            Assert.InRange(live.Height - fallback.Height, -8, 8);
            Assert.Equal(1, await before.Locator($"[data-testid={id}] svg polyline").CountAsync());
        }
    }

    /// <summary>The points of exactly what the chart fetched (its data-source), read from the API.</summary>
    [Fact]
    public async Task TheStatusChartsMarkTheIndexersReorgsAndDecodeFailuresWhereTheyWereSeen()
    {
        var from = SampleData.PollsStart;
        var page = await site.OpenAsync($"/status?range=custom&from={from:O}&to={from.AddHours(1):O}");
        var lag = await PageObjects.WaitForLiveChartAsync(page, $"lag-chart-{ChainRows.ChainId}");

        Assert.Equal(SampleData.PollCount.ToString(CultureInfo.InvariantCulture), await lag.GetAttributeAsync("data-points"));
        var reorgs = lag.Locator("a[data-testid=chart-marker][data-kind=reorg]");
        await Assertions.Expect(reorgs).ToHaveCountAsync(2);
        await Assertions.Expect(lag.Locator("a[data-testid=chart-marker][data-kind=decode-failure]")).ToHaveCountAsync(1);
        // At the lag of the poll that first counted it (poll 10: 10 blocks), and it opens the status table.
        Assert.Equal("10", await reorgs.First.GetAttributeAsync("data-value"));
        await reorgs.First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("#reorg$"));
    }

    private async Task<List<JsonElement>> ApiPointsAsync(IPage page, ILocator chart) =>
        (await site.ApiAsync(page, (await chart.GetAttributeAsync("data-source"))!)).GetProperty("points").EnumerateArray().ToList();

    [GeneratedRegex("range=custom&from=(?<from>[^&]+)&to=(?<to>[^&]+)")]
    private static partial Regex ZoomedUrl();
}
