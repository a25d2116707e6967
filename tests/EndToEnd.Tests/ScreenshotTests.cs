namespace LeveragedTokens.EndToEnd.Tests;

/// <summary>Every page in light and dark, at desktop and phone width, written to test-output/screenshots/.</summary>
[Collection(DashboardSiteCollection.Name)]
public sealed class ScreenshotTests(DashboardSite site)
{
    public static TheoryData<string, string> Pages() => new()
    {
        { "overview", "/" },
        { "token", "/tokens/BTC3L?range=30d" },
        { "reserve", "/reserves/ETH?range=all" },
        { "rebalances", "/rebalances" },
        { "rebalance-detail", "DETAIL" },
        { "status", "/status" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryPageIsCapturedLightAndDarkOnDesktopAndPhone(string name, string path)
    {
        if (path == "DETAIL")
        {
            var r = site.Seeded.Rebalances[3];
            path = $"/rebalances/{r.TxHash}/{r.LogIndex}";
        }
        foreach (var (size, width, height) in new[] { ("desktop", 1366, 900), ("phone", 390, 844) })
        {
            var page = await site.NewPageAsync(width, height);
            await page.GotoAsync(site.BaseUrl + path);
            if (name is "token" or "rebalances") await PageObjects.WaitForGridRowsAsync(page);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardSite.ScreenshotDir, $"{name}-light-{size}.png"), FullPage = true });
            await PageObjects.SwitchToDarkAsync(page);
            await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardSite.ScreenshotDir, $"{name}-dark-{size}.png"), FullPage = true });
            // Nothing overflows sideways at phone width (the layout is responsive, tables stack).
            if (size == "phone")
            {
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                Assert.True(overflow <= 2, $"{name} overflows the phone width by {overflow}px");
            }
            await page.Context.CloseAsync();
        }
        Assert.True(File.Exists(Path.Combine(DashboardSite.ScreenshotDir, $"{name}-dark-phone.png")));
    }
}
