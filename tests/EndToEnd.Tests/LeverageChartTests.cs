namespace LeveragedTokens.EndToEnd.Tests;

/// <summary>The leverage chart as a holder reads it: each rebalance's band breach and its fix, and the deferred ones.</summary>
[Collection(DashboardSiteCollection.Name)]
public sealed class LeverageChartTests(DashboardSite site)
{
    [Fact]
    public async Task TheLeverageChartPlotsEachRebalancesLeverageBeforeAndAfterAndEachDeferralAtTheEventsValues()
    {
        var token = SampleData.Tokens.First(t => t.Symbol == "ETH3L");
        var rebalances = site.Seeded.Rebalances.Where(r => r.TokenAddress == token.Address).ToList();
        var deferrals = site.Seeded.Deferrals.Where(d => d.TokenAddress == token.Address).ToList();
        var page = await site.OpenAsync("/tokens/ETH3L?range=all");
        var chart = await PageObjects.WaitForLiveChartAsync(page, "leverage-chart");
        var markers = chart.Locator("[data-testid=chart-marker]");
        await Assertions.Expect(markers).ToHaveCountAsync(2 * rebalances.Count + deferrals.Count);

        Assert.Equal(rebalances.Select(r => Protocol.Wad.Exact(r.LeverageBefore)).Order(), (await ValuesAsync(chart, "before")).Order());
        Assert.Equal(rebalances.Select(r => Protocol.Wad.Exact(r.LeverageAfter)).Order(), (await ValuesAsync(chart, "after")).Order());
        Assert.Equal(deferrals.Select(d => Protocol.Wad.Exact(d.Leverage)).Order(), (await ValuesAsync(chart, "deferral")).Order());

        // The breaches lie outside the [2.5, 3.5] band, and the y axis reaches them: every marker sits inside the plot.
        Assert.Contains(rebalances, r => r.LeverageBefore > Protocol.Wad.Parse("3.5") || r.LeverageBefore < Protocol.Wad.Parse("2.5"));
        var plot = (await chart.Locator(".u-over").BoundingBoxAsync())!;
        foreach (var box in await Task.WhenAll((await markers.AllAsync()).Select(m => m.BoundingBoxAsync())))
            Assert.InRange(box!.Y + box.Height / 2, plot.Y - 1, plot.Y + plot.Height + 1);
    }

    /// <summary>The exact figures (the API's decimal strings) the chart's markers of one kind were drawn at.</summary>
    private static async Task<IReadOnlyList<string>> ValuesAsync(ILocator chart, string kind) =>
        await chart.Locator($"[data-testid=chart-marker][data-kind={kind}]").EvaluateAllAsync<string[]>("ms => ms.map(m => m.dataset.value)");
}
