using Microsoft.Playwright;

namespace LeveragedTokens.Operations.Tests.Support;

/// <summary>Debian's Chromium through Playwright, with every CSP violation, console error and dialog recorded.</summary>
public sealed class Chromium : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    public IBrowser Browser { get; }

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

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

    public async Task<WatchedPage> NewPageAsync(IEnumerable<Cookie>? cookies = null)
    {
        var context = await Browser.NewContextAsync();
        if (cookies is not null) await context.AddCookiesAsync(cookies);
        context.SetDefaultTimeout(20_000);
        await context.AddInitScriptAsync("""
            window.__csp = [];
            document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
            """);
        var page = await context.NewPageAsync();
        var watched = new WatchedPage(page);
        page.Console += (_, m) => { if (m.Type == "error") watched.ConsoleErrors.Add(m.Text); };
        page.Dialog += async (_, d) => { watched.Dialogs.Add(d.Message); await d.DismissAsync(); };
        return watched;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}

public sealed class WatchedPage(IPage page)
{
    public IPage Page { get; } = page;
    public List<string> ConsoleErrors { get; } = [];
    public List<string> Dialogs { get; } = [];

    public async Task<IReadOnlyList<string>> CspViolationsAsync() => await Page.EvaluateAsync<string[]>("() => window.__csp");

    /// <summary>The theme toggle only works once the circuit is up: proof the page is interactive.</summary>
    public async Task SwitchToDarkAsync()
    {
        const string background = "() => getComputedStyle(document.documentElement).getPropertyValue('--mud-palette-background')";
        var light = await Page.EvaluateAsync<string>(background);
        for (var i = 0; i < 40; i++)
        {
            await Page.Locator("[data-testid=theme-toggle]").ClickAsync();
            for (var j = 0; j < 5; j++)
            {
                await Page.WaitForTimeoutAsync(100);
                if (await Page.EvaluateAsync<string>(background) != light) return;
            }
        }
        throw new InvalidOperationException("The theme toggle never switched the page to dark: the circuit did not attach.");
    }
}
