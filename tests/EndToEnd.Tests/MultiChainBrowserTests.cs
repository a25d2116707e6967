using LeveragedTokens.Data;

namespace LeveragedTokens.EndToEnd.Tests;

/// <summary>The sample site plus a second chain holding the same protocol at the same addresses (SecondChainSample).</summary>
public sealed class TwoChainSite : DashboardSite
{
    public SecondChainSample.Seeded Second { get; private set; } = default!;

    protected override async Task AfterSeedAsync(string connectionString) => Second = await SecondChainSample.SeedAsync(connectionString, Seeded);
}

/// <summary>Two chains in Chromium (issue 18): the overview's groups with their own figures and widgets, canonical pages, the choice.</summary>
public sealed class MultiChainBrowserTests(TwoChainSite site) : IClassFixture<TwoChainSite>
{
    [Fact]
    public async Task TheOverviewShowsOneGroupPerChainWithItsOwnFiguresAndWorkingWidgets()
    {
        var page = await site.OpenAsync("/");
        await page.Locator("[data-testid=main][data-interactive=true]").WaitForAsync();
        foreach (var (chain, name) in new[] { (SecondChainSample.ChainId, "Base"), (ChainRows.ChainId, "Anvil (local)") })
        {
            var group = page.Locator($"[data-testid=chain-group][data-chain='{chain}']");
            Assert.Equal(name, await group.Locator("[data-testid=chain-name]").InnerTextAsync());
            var cards = group.Locator("[data-testid=token-card]");
            await Assertions.Expect(cards).ToHaveCountAsync(SampleData.Tokens.Length);
            foreach (var t in SampleData.Tokens)
            {
                var card = group.Locator($"[data-testid=token-card][data-token='{t.Address}']");
                Assert.Equal(PublicPaths.Token(chain, t.Symbol, t.Address), await card.GetByRole(AriaRole.Link, new() { Name = t.Symbol, Exact = true }).GetAttributeAsync("href"));
                foreach (var widget in new[] { "nav-sparkline", "leverage-bar", "fallback", "utilization-gauge" })
                    await Assertions.Expect(card.Locator($"[data-testid={widget}]")).ToBeVisibleAsync();
                var nav = await card.Locator(".mud-typography-subtitle1").InnerTextAsync();
                Assert.Equal(chain == SecondChainSample.ChainId, nav.Contains("777.0", StringComparison.Ordinal));
            }
        }
        // Each chain's explorer from settings: the test site's for the local chain, appsettings.json's for Base.
        await Assertions.Expect(page.Locator($"[data-chain='{ChainRows.ChainId}'] [data-testid=chain-explorer]")).ToHaveAttributeAsync("href", "https://explorer.example");
        await Assertions.Expect(page.Locator($"[data-chain='{SecondChainSample.ChainId}'] [data-testid=chain-explorer]")).ToHaveAttributeAsync("href", "https://basescan.org");
    }

    [Fact]
    public async Task AChainlessTokenLinkOffersTheChainsAndEachLeadsToItsCanonicalPage()
    {
        var page = await site.OpenAsync("/tokens/BTC3L");
        await page.Locator("[data-testid=main][data-interactive=true]").WaitForAsync();
        await Assertions.Expect(page.Locator("[data-testid=chain-choices] a")).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Link, new() { Name = $"Base (chain {SecondChainSample.ChainId})" }).ClickAsync();
        await page.WaitForURLAsync(site.BaseUrl + PublicPaths.Token(SecondChainSample.ChainId, "BTC3L", SampleData.Tokens[0].Address));
        await Assertions.Expect(page.Locator("[data-testid=token-chain]")).ToHaveTextAsync($"Base (chain {SecondChainSample.ChainId})");
        var rows = await PageObjects.WaitForGridRowsAsync(page);
        Assert.All(await rows.Locator("a[data-testid=rebalance-link]").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"),
            href => Assert.StartsWith($"/chains/{SecondChainSample.ChainId}/rebalances/", href));
    }
}
