using Microsoft.Playwright;

namespace LeveragedTokens.TestSupport;

/// <summary>
/// Debian's Chromium (never a downloaded browser) through Playwright, with the flags this closed
/// network needs. Owns its Playwright driver: disposing closes the browser and the driver.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<Chromium> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return new Chromium(playwright, browser);
    }

    /// <summary>
    /// A page in a fresh context with a 20 s default timeout; browser errors go to the test log.
    /// <paramref name="timezoneId"/> (IANA) sets the zone the page's scripts see; null keeps the machine's.
    /// </summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, string? timezoneId = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            TimezoneId = timezoneId,
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        // A failing circuit is otherwise invisible.
        page.Console += (_, m) => { if (m.Type is "error" or "warning") Console.WriteLine($"[browser {m.Type}] {m.Text}"); };
        page.PageError += (_, e) => Console.WriteLine($"[page error] {e}");
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
