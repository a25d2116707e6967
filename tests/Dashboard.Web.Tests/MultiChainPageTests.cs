using System.Text.RegularExpressions;
using LeveragedTokens.Data;

namespace LeveragedTokens.Dashboard.Web.Tests;

/// <summary>The prerendered pages over two chains holding the same protocol: grouped by chain, canonical URLs per chain, a choice for chainless names.</summary>
public sealed class MultiChainPageTests(TwoChainDashboard app) : IClassFixture<TwoChainDashboard>
{
    private readonly HttpClient _client = app.Factory.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task TheOverviewGroupsTokensByChainWithTheChainsNameAndCanonicalLinks()
    {
        var html = await _client.GetStringAsync("/");
        var groups = Regex.Matches(html, "data-testid=\"chain-group\" data-chain=\"([0-9]+)\"").Select(m => m.Groups[1].Value).ToList();
        // By chain id: Base (8453) before the local anvil (31337).
        Assert.Equal(["8453", "31337"], groups);
        var second = html[html.IndexOf("data-chain=\"8453\"", StringComparison.Ordinal)..html.IndexOf("data-chain=\"31337\"", StringComparison.Ordinal)];
        var first = html[html.IndexOf("data-chain=\"31337\"", StringComparison.Ordinal)..];
        Assert.Contains("Base", second);
        Assert.Contains("Anvil (local)", first);
        Assert.Contains("https://explorer.example", first);
        foreach (var t in SampleData.Tokens)
        {
            Assert.Contains($"href=\"{PublicPaths.Token(SecondChainSample.ChainId, t.Symbol, t.Address)}\"", second);
            Assert.Contains($"href=\"{PublicPaths.Token(ChainRows.ChainId, t.Symbol, t.Address)}\"", first);
        }
        // Each group shows its own chain's NAV: 777 on the second chain only.
        Assert.Contains("777.0", second);
        Assert.DoesNotContain("777.0", first);
    }

    [Fact]
    public async Task TheCanonicalTokenPagesShowEachChainsOwnToken()
    {
        // The token of the rebalance both chains hold at the same transaction and log index.
        var twin = app.Second.Twin;
        var token = SampleData.Tokens.Single(t => t.Address == twin.TokenAddress);
        var second = await _client.GetStringAsync(PublicPaths.Token(SecondChainSample.ChainId, token.Symbol, token.Address));
        Assert.Contains("Base (chain 8453)", second);
        Assert.DoesNotContain("data-testid=\"problem\"", second);
        // The freshness banner is the page's chain's only.
        Assert.Contains("Base (chain 8453), indexed block", second);
        Assert.DoesNotContain("(chain 31337), indexed block", second);
        Assert.Contains(PublicPaths.Rebalance(SecondChainSample.ChainId, twin.TxHash, twin.LogIndex), second);
        Assert.DoesNotContain(PublicPaths.Rebalance(ChainRows.ChainId, twin.TxHash, twin.LogIndex), second);
        var first = await _client.GetStringAsync(PublicPaths.Token(ChainRows.ChainId, token.Symbol, token.Address));
        Assert.Contains("Anvil (local) (chain 31337)", first);
        Assert.DoesNotContain(PublicPaths.Rebalance(SecondChainSample.ChainId, twin.TxHash, twin.LogIndex), first);
    }

    [Theory]
    [InlineData("/tokens/BTC3L", "/tokens/BTC3L")]
    [InlineData("/reserves/ETH", "/reserves/ETH")]
    public async Task AChainlessNameOnTwoChainsOffersOneLinkPerChain(string url, string canonicalTail)
    {
        using var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"chain-choice\"", html);
        Assert.Contains($"href=\"/chains/31337{canonicalTail}\"", html);
        Assert.Contains($"href=\"/chains/8453{canonicalTail}\"", html);
        Assert.Contains("Base (chain 8453)", html);
    }

    [Fact]
    public async Task AChainlessRebalanceLinkOnTwoChainsOffersBoth()
    {
        var twin = app.Second.Twin;
        var html = await _client.GetStringAsync($"/rebalances/{twin.TxHash}/{twin.LogIndex}");
        Assert.Contains($"href=\"{PublicPaths.Rebalance(SecondChainSample.ChainId, twin.TxHash, twin.LogIndex)}\"", html);
        Assert.Contains($"href=\"{PublicPaths.Rebalance(ChainRows.ChainId, twin.TxHash, twin.LogIndex)}\"", html);
    }

    [Fact]
    public async Task TheChainsRebalanceHistoryListsThatChainsRowsOnly()
    {
        var html = await _client.GetStringAsync("/chains/8453/rebalances");
        var links = Regex.Matches(html, "href=\"(/chains/[0-9]+/rebalances/0x[0-9a-f]+/[0-9]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, l => Assert.StartsWith("/chains/8453/", l));
    }
}
