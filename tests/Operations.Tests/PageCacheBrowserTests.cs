using Microsoft.Playwright;

namespace LeveragedTokens.Operations.Tests;

/// <summary>The same cached bytes, two browsers: each starts its own working circuit from them.</summary>
[Collection(PageCacheCollection.Name)]
public sealed class PageCacheBrowserTests(PageCacheSite site) : IAsyncLifetime
{
    private Chromium _chromium = default!;

    public async Task InitializeAsync() => _chromium = await Chromium.LaunchAsync();
    public async Task DisposeAsync() => await _chromium.DisposeAsync();

    [Fact]
    public async Task TwoVisitorsOfOneCachedPageBothGetAnInteractiveLiveCircuit()
    {
        var path = "/?visit=browsers" + Guid.NewGuid().ToString("N")[..8];
        using (var client = site.Client()) await client.GetStringAsync(path);
        var pages = new List<WatchedPage>();
        string? bytes = null;
        for (var i = 0; i < 2; i++)
        {
            var watched = await _chromium.NewWatchedPageAsync();
            var response = await watched.Page.GotoAsync(site.BaseUrl + path);
            Assert.Equal(200, response!.Status);
            Assert.True((await response.AllHeadersAsync()).ContainsKey("age"), $"visitor {i} was not served from the cache");
            var body = await response.TextAsync();
            Assert.Equal(bytes ?? body, body);
            bytes = body;
            pages.Add(watched);
        }
        // Both circuits are up (the theme toggle answers) and both get the next NOTIFY's data.
        foreach (var p in pages) await p.SwitchToDarkAsync();
        await site.AddTokenAsync("SHARED3L", 0x2301, notify: true);
        foreach (var p in pages)
            await Assertions.Expect(p.Page.GetByText("SHARED3L").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        foreach (var p in pages)
        {
            Assert.Empty(await p.CspViolationsAsync());
            Assert.Empty(p.ConsoleErrors);
            await p.Page.Context.CloseAsync();
        }
    }
}
