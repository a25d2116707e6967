using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeveragedTokens.Data;
using Microsoft.EntityFrameworkCore;
using System.Text.Encodings.Web;

namespace LeveragedTokens.EndToEnd.Tests;

/// <summary>
/// The sample site with symbols and an underlying no URL likes: a slash, a literal "%2F" (which the
/// server must not confuse with the slash), quotes, markup, a percent sign and non-ASCII letters.
/// </summary>
public sealed class OddNamesSite : DashboardSite
{
    public static readonly Dictionary<string, string> Renamed = new()
    {
        [SampleData.Tokens[0].Address] = "W/E \"IRD\" <b>50%</b> Ω",
        [SampleData.Tokens[1].Address] = "A%2FB",
        [SampleData.Tokens[2].Address] = "A/B",
        [SampleData.Tokens[3].Address] = "Ω \"Q\" <i>50%</i> & 'x'",
    };

    public const string OddUnderlying = "ETH/USD 1%";

    protected override async Task AfterSeedAsync(string connectionString)
    {
        await using var db = TestDatabases.Dashboard(connectionString);
        foreach (var (address, symbol) in Renamed)
            await db.Tokens.Where(t => t.Address == address).ExecuteUpdateAsync(s => s.SetProperty(t => t.Symbol, symbol));
        await db.ReservePools.Where(p => p.Address == SampleData.EthPool).ExecuteUpdateAsync(s => s.SetProperty(p => p.Underlying, OddUnderlying));
    }
}

/// <summary>Every token and pool is reachable by name and by address, whatever its name holds (issue 14).</summary>
public sealed class TokenAddressingTests(OddNamesSite site) : IClassFixture<OddNamesSite>
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(site.BaseUrl) };

    public static TheoryData<string> OddTokens => [.. SampleData.Tokens.Select(t => t.Address)];

    [Theory]
    [MemberData(nameof(OddTokens))]
    public async Task TheApiFindsATokenByItsSymbolAndByItsAddressInAnyCase(string address)
    {
        var symbol = OddNamesSite.Renamed[address];
        var mixedCase = "0x" + address[2..].ToUpperInvariant();
        foreach (var key in new[] { symbol, address, mixedCase })
        {
            var token = await _http.GetFromJsonAsync<JsonElement>(PublicPaths.TokenApi(ChainRows.ChainId, key));
            Assert.Equal(symbol, token.GetProperty("symbol").GetString());
            Assert.Equal(address, token.GetProperty("address").GetString());
            var nav = await _http.GetFromJsonAsync<JsonElement>(PublicPaths.TokenApi(ChainRows.ChainId, key) + "/nav?from=2026-01-02T00:00:00Z&to=2026-01-03T00:00:00Z");
            Assert.Equal(25, nav.GetProperty("points").GetArrayLength());
        }
        var newest = NewestRebalances(address, 5);
        foreach (var key in new[] { symbol, mixedCase })
        {
            var page = await _http.GetFromJsonAsync<JsonElement>(PublicPaths.TokenApi(ChainRows.ChainId, key) + "/rebalances?limit=5");
            Assert.Equal(newest.Select(r => r.TxHash), page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("source").GetProperty("txHash").GetString()));
        }
    }

    [Fact]
    public async Task AnUnknownTokenIsA404ThatNamesWhatWasAsked()
    {
        using var bySymbol = await _http.GetAsync(PublicPaths.TokenApi(ChainRows.ChainId, "A/C"));
        Assert.Equal(HttpStatusCode.NotFound, bySymbol.StatusCode);
        Assert.Contains("'A/C'", await bySymbol.Content.ReadAsStringAsync());
        using var byAddress = await _http.GetAsync(PublicPaths.TokenApi(ChainRows.ChainId, ChainRows.Address(0x77)));
        Assert.Equal(HttpStatusCode.NotFound, byAddress.StatusCode);
    }

    [Theory]
    [MemberData(nameof(OddTokens))]
    public async Task TheOverviewLinksEachTokenToAPageThatShowsItAndItsNewestRebalancesBeforeAnyScript(string address)
    {
        var symbol = OddNamesSite.Renamed[address];
        var overview = await _http.GetStringAsync("/");
        var href = PublicPaths.Token(ChainRows.ChainId, symbol, address);
        Assert.Contains($"href=\"{Html(href)}\"", overview);
        // A symbol holding '/' or a percent escape of its own is linked by address (Blazor's router decodes page paths).
        Assert.Equal($"/chains/{ChainRows.ChainId}" + (symbol.Contains('/') || symbol.Contains("%2F") ? $"/tokens/{address}" : "/tokens/" + Uri.EscapeDataString(symbol)), href);

        // Typed by hand, the escaped symbol opens the page too (but for a percent escape of its own, which reads as the character).
        var paths = symbol.Contains("%2F") ? new[] { href, $"/tokens/{address}" } : [href, $"/tokens/{address}", "/tokens/" + Uri.EscapeDataString(symbol)];
        foreach (var path in paths)
        {
            var html = await _http.GetStringAsync(path);
            Assert.Contains($">{Html(symbol)}</h1>", html);
            Assert.Contains(address, html);
            // The prerendered grid carries the token's newest page, not "No rebalances match."
            Assert.DoesNotContain("No rebalances match.", html);
            foreach (var r in NewestRebalances(address, 3)) Assert.Contains(PublicPaths.Rebalance(ChainRows.ChainId, r.TxHash, r.LogIndex), html);
        }
    }

    [Theory]
    [MemberData(nameof(OddTokens))]
    public async Task TheRebalancesPageFiltersByATokensSymbolOrAddress(string address)
    {
        var newest = NewestRebalances(address, 25);
        foreach (var key in new[] { OddNamesSite.Renamed[address], "0x" + address[2..].ToUpperInvariant() })
        {
            var html = await _http.GetStringAsync("/rebalances?token=" + Uri.EscapeDataString(key));
            var links = Regex.Matches(html, "href=\"(/chains/[0-9]+/rebalances/0x[0-9a-f]+/[0-9]+)\"").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(newest.Select(r => PublicPaths.Rebalance(ChainRows.ChainId, r.TxHash, r.LogIndex)), links);
        }
    }

    [Fact]
    public async Task TheRebalancesPageIsPrerenderedWithTheNewestRows()
    {
        var html = await _http.GetStringAsync("/rebalances");
        Assert.DoesNotContain("No rebalances match.", html);
        var newest = site.Seeded.Rebalances.OrderByDescending(r => r.BlockNumber).ThenByDescending(r => r.LogIndex).Take(25).ToList();
        foreach (var r in newest) Assert.Contains(PublicPaths.Rebalance(ChainRows.ChainId, r.TxHash, r.LogIndex), html);
        Assert.Equal(25, Regex.Matches(html, "data-testid=\"rebalance-link\"").Count);
    }

    [Fact]
    public async Task AReservePoolIsReachableByItsUnderlyingAndByItsAddress()
    {
        foreach (var key in new[] { OddNamesSite.OddUnderlying, SampleData.EthPool })
        {
            var html = await _http.GetStringAsync("/reserves/" + Uri.EscapeDataString(key));
            Assert.Contains(Html(OddNamesSite.OddUnderlying), html);
            Assert.DoesNotContain("data-testid=\"problem\"", html);
            var metrics = await _http.GetFromJsonAsync<JsonElement>(PublicPaths.ReserveApi(ChainRows.ChainId, key) + "/metrics?from=2026-01-02T00:00:00Z&to=2026-01-03T00:00:00Z");
            Assert.Equal(OddNamesSite.OddUnderlying, metrics.GetProperty("key").GetString());
            Assert.Equal(25, metrics.GetProperty("points").GetArrayLength());
        }
    }

    [Theory]
    [MemberData(nameof(OddTokens))]
    public async Task AVisitorClicksAnOddlyNamedTokenAndTheLivePageShowsIt(string address)
    {
        var symbol = OddNamesSite.Renamed[address];
        var page = await site.OpenAsync("/");
        // Blazor drops a link click made while the circuit is still connecting (the URL changes, the page does not).
        await page.Locator("[data-testid=main][data-interactive=true]").WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = symbol, Exact = true }).ClickAsync();
        await page.WaitForURLAsync(site.BaseUrl + PublicPaths.Token(ChainRows.ChainId, symbol, address));
        // Once the circuit is up the interactive router has rendered the page again from the URL.
        var rows = await PageObjects.WaitForGridRowsAsync(page);
        Assert.Equal(symbol, await page.Locator("h1").InnerTextAsync());
        var first = NewestRebalances(address, 1)[0];
        Assert.Equal(PublicPaths.Rebalance(ChainRows.ChainId, first.TxHash, first.LogIndex), await rows.First.Locator("a[data-testid=rebalance-link]").GetAttributeAsync("href"));
    }

    /// <summary>Text as the server's renderer encodes it.</summary>
    private static string Html(string text) => HtmlEncoder.Default.Encode(text);

    private List<Data.Entities.Rebalance> NewestRebalances(string address, int count) =>
        [.. site.Seeded.Rebalances.Where(r => r.TokenAddress == address).OrderByDescending(r => r.BlockNumber).ThenByDescending(r => r.LogIndex).Take(count)];
}
