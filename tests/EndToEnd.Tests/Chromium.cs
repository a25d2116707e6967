using Microsoft.Playwright;

namespace LeveragedTokens.EndToEnd.Tests;

/// <summary>Debian's Chromium (never a downloaded browser), with the flags this closed network needs.</summary>
public static class Chromium
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });

    /// <summary>A page in a fresh context; <paramref name="timezoneId"/> (IANA) is the viewer's zone, the machine's by default.</summary>
    public static async Task<IPage> NewPageAsync(IBrowser browser, int width = 1280, int height = 900, string? timezoneId = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            TimezoneId = timezoneId,
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        // Browser errors go to the test log: a failing circuit is otherwise invisible.
        page.Console += (_, m) => { if (m.Type is "error" or "warning") Console.WriteLine($"[browser {m.Type}] {m.Text}"); };
        page.PageError += (_, e) => Console.WriteLine($"[page error] {e}");
        return page;
    }
}
