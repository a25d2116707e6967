namespace LeveragedTokens.EndToEnd.Tests;

/// <summary>Small helpers for what a person does on the dashboard.</summary>
public static class PageObjects
{
    /// <summary>The grid's rows once the circuit is up (the prerendered rows come before it and do not react to clicks).</summary>
    public static async Task<ILocator> WaitForGridRowsAsync(IPage page)
    {
        var rows = page.Locator("[data-testid=rebalance-grid][data-interactive=true] tbody tr:has(a[data-testid=rebalance-link])");
        // The circuit's first render loads the grid's data: on a loaded machine (a CI run beside other builds) that takes more
        // than Playwright's default 20 s now and then.
        var loaded = new LocatorWaitForOptions { Timeout = 45_000 };
        await rows.First.WaitForAsync(loaded);
        await page.GetByText("Page 1,").WaitForAsync(loaded);
        return rows;
    }

    /// <summary>
    /// Clicks until the page navigates: a click that lands while the grid re-renders (a live refresh) is lost,
    /// as it would be for a person, who clicks again.
    /// </summary>
    public static async Task ClickUntilNavigatedAsync(IPage page, ILocator target, System.Text.RegularExpressions.Regex url)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (url.IsMatch(page.Url)) return; // a slow navigation from the previous click arrived
            await target.ClickAsync();
            try
            {
                await page.WaitForURLAsync(url, new() { Timeout = 4000 });
                return;
            }
            catch (TimeoutException) when (attempt < 4)
            {
            }
        }
    }

    public static async Task<int> ChartPointsAsync(IPage page, string testId) =>
        int.Parse(await page.Locator($"[data-testid={testId}]").GetAttributeAsync("data-points") ?? "0");

    /// <summary>
    /// The chart uPlot drew once the circuit was up (not the server's fallback); its data-points and data-source say
    /// what it fetched from the API.
    /// </summary>
    public static async Task<ILocator> WaitForLiveChartAsync(IPage page, string testId)
    {
        var chart = page.Locator($"[data-testid={testId}] .chart-live[data-points]");
        await chart.Locator(".u-over").WaitForAsync();
        return chart;
    }

    /// <summary>Switches to dark; retries the click until the circuit has attached and the page turned dark.</summary>
    public static async Task SwitchToDarkAsync(IPage page)
    {
        var light = await BodyBackgroundAsync(page);
        for (var i = 0; i < 40; i++)
        {
            await page.Locator("[data-testid=theme-toggle]").ClickAsync();
            for (var j = 0; j < 5; j++)
            {
                await page.WaitForTimeoutAsync(100);
                if (await BodyBackgroundAsync(page) != light) return;
            }
        }
        throw new InvalidOperationException($"The theme toggle never switched the page to dark ({light}).");
    }

    private static Task<string> BodyBackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).getPropertyValue('--mud-palette-background') + '|' + getComputedStyle(document.body).backgroundColor");

    /// <summary>A UTC time as the pages and URLs write it (ISO 8601, possibly percent-encoded).</summary>
    public static DateTime Iso(string text) =>
        DateTime.Parse(Uri.UnescapeDataString(text), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
