namespace LeveragedTokens.EndToEnd.Tests;

/// <summary>
/// Every page at 1400 px in light and dark and at 400 px, saved to docs/screenshots/; a page fails if it scrolls sideways at
/// 400 px or the browser logs an error (a missing asset, a failed script, a broken circuit).
/// </summary>
[Collection(DashboardSiteCollection.Name)]
public sealed class ScreenshotTests(DashboardSite site)
{
    public static TheoryData<string, string> Pages() => new()
    {
        { "overview", "/" },
        { "token", "/chains/31337/tokens/BTC3L?range=30d" },
        { "reserve", "/chains/31337/reserves/ETH?range=all" },
        { "rebalances", "/rebalances" },
        { "rebalance-detail", "DETAIL" },
        { "status", "/status" },
        { "decay-league", "/decay" },
        { "staff-alerts", "/staff/alerts" },
        { "staff-thresholds", "/staff/thresholds" },
        { "staff-users", "/staff/users" },
        { "audit", "/audit" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryPageIsCapturedAndFitsAPhoneWithoutBrowserErrors(string name, string path)
    {
        if (path == "DETAIL")
        {
            var r = site.Seeded.Rebalances[3];
            path = Data.PublicPaths.Rebalance(r.ChainId, r.TxHash, r.LogIndex);
        }
        foreach (var (width, height, themes) in new[] { (1400, 900, new[] { "light", "dark" }), (400, 860, new[] { "light" }) })
        {
            var page = await site.NewPageAsync(width, height);
            var errors = new List<string>();
            page.Console += (_, m) => { if (m.Type == "error") errors.Add($"{m.Text} ({m.Location})"); };
            page.PageError += (_, e) => errors.Add(e);
            if (path.StartsWith("/staff") || path == "/audit")
                await StaffSignIn.OnTheWayToAsync(page, site.BaseUrl + path, DashboardSite.StaffEmail, DashboardSite.StaffPassword);
            else
                await page.GotoAsync(site.BaseUrl + path);
            // Interactive (the theme toggle needs the circuit) and drawn.
            await page.Locator("[data-testid=main][data-interactive=true]").WaitForAsync();
            if (name is "token" or "rebalances") await PageObjects.WaitForGridRowsAsync(page);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            foreach (var theme in themes)
            {
                if (theme == "dark") await PageObjects.SwitchToDarkAsync(page);
                // Away from the toggle, so its tooltip is not in the picture.
                await page.Mouse.MoveAsync(1, 1);
                await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardSite.ScreenshotDir, $"{name}-{theme}-{width}.png") });
            }
            if (width == 400)
            {
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                Assert.True(overflow <= 0, $"{name} scrolls sideways by {overflow}px at 400 px");
            }
            Assert.True(errors.Count == 0, $"{name} at {width} px: {string.Join(" | ", errors)}");
            await page.Context.CloseAsync();
        }
    }
}
