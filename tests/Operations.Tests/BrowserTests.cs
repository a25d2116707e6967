using Microsoft.Playwright;

namespace LeveragedTokens.Operations.Tests;

[Collection(OpsSiteCollection.Name)]
public sealed class BrowserTests(OpsSite site) : IAsyncLifetime
{
    private Chromium _chromium = default!;

    public async Task InitializeAsync() => _chromium = await Chromium.LaunchAsync();
    public async Task DisposeAsync() => await _chromium.DisposeAsync();

    [Fact]
    public async Task EveryPageRendersAndIsInteractiveUnderTheContentSecurityPolicy()
    {
        var first = site.Seeded.Rebalances[5];
        var paths = new[] { "/", "/tokens/BTC3L", "/reserves/ETH", "/rebalances", "/status", $"/rebalances/{first.TxHash}/{first.LogIndex}" };
        foreach (var path in paths)
        {
            var watched = await _chromium.NewWatchedPageAsync();
            var response = await watched.Page.GotoAsync(site.BaseUrl + path);
            Assert.Equal(200, response!.Status);
            await watched.SwitchToDarkAsync();
            Assert.Empty(await watched.CspViolationsAsync());
            Assert.DoesNotContain(watched.ConsoleErrors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
            await watched.Page.Context.CloseAsync();
        }
        // The grid loads its rows over the circuit.
        var grid = await _chromium.NewWatchedPageAsync();
        await grid.Page.GotoAsync(site.BaseUrl + "/rebalances");
        await grid.Page.Locator("[data-testid=rebalance-grid][data-interactive=true] tbody tr:has(a[data-testid=rebalance-link])").First.WaitForAsync();
        Assert.Empty(await grid.CspViolationsAsync());
        await grid.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task MarkupInTokenSymbolsIsShownAsTextAndNeverRuns()
    {
        var client = site.Client();
        var overview = await client.GetStringAsync("/");
        Assert.DoesNotContain(HostileData.ScriptSymbol, overview);
        Assert.DoesNotContain("<img src=x", overview);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", overview);
        // The API returns the symbol as JSON data, never as a document a browser would render.
        using var api = await client.GetAsync("/api/v1/tokens");
        Assert.Equal("application/json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(api.Headers.GetValues("X-Content-Type-Options")));

        var paths = new List<string> { "/", "/rebalances", "/reserves/" + Uri.EscapeDataString(HostileData.SvgUnderlying) };
        paths.AddRange(HostileData.Symbols.Select(s => "/tokens/" + Uri.EscapeDataString(s)));
        foreach (var path in paths)
        {
            var watched = await _chromium.NewWatchedPageAsync();
            var response = await watched.Page.GotoAsync(site.BaseUrl + path);
            Assert.True(response!.Status is 200 or 404, $"{response.Status} for {path}");
            await watched.SwitchToDarkAsync();
            await watched.Page.WaitForTimeoutAsync(300);
            Assert.Empty(watched.Dialogs);
            Assert.Equal(0, await watched.Page.Locator("img[src=x]").CountAsync());
            Assert.Equal(0, await watched.Page.Locator("body svg[onload]").CountAsync());
            await watched.Page.Context.CloseAsync();
        }

        // The symbols are visible as the literal text a holder would need to recognise the token.
        var home = await _chromium.NewWatchedPageAsync();
        await home.Page.GotoAsync(site.BaseUrl + "/");
        await home.SwitchToDarkAsync();
        foreach (var symbol in HostileData.Symbols)
            await Assertions.Expect(home.Page.GetByText(symbol, new() { Exact = true }).First).ToBeVisibleAsync();
        Assert.Empty(home.Dialogs);
        await home.Page.Context.CloseAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }
}
