using Microsoft.Playwright;
using Cookie = Microsoft.Playwright.Cookie;

namespace LeveragedTokens.Operations.Tests.Support;

/// <summary>Pages that record every CSP violation, console error and dialog.</summary>
public static class WatchedPages
{
    public static async Task<WatchedPage> NewWatchedPageAsync(this Chromium chromium, IEnumerable<Cookie>? cookies = null)
    {
        var context = await chromium.Browser.NewContextAsync();
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
