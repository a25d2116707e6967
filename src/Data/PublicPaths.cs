using System.Globalization;
using System.Text.RegularExpressions;

namespace LeveragedTokens.Data;

/// <summary>
/// Paths of the public pages and APIs (the web app's pages, the staff alerts' chart links). Canonical paths
/// carry the chain (/chains/{chainId}/...): a token or pool is (chain id, address), and the same protocol
/// deployed on two chains has the same addresses and symbols. The chainless paths stay for old links: they
/// redirect when the name is unique across chains, else offer the choice. A symbol or underlying is one
/// percent-encoded path segment, so any characters ('/', '%', quotes, unicode) round-trip: the web app reads
/// the segment back exactly (ExactRouteValues).
/// </summary>
public static partial class PublicPaths
{
    public static string Token(long chainId, string symbol, string address) => Chain(chainId) + Token(symbol, address);
    public static string Reserve(long chainId, string underlying, string poolAddress) => Chain(chainId) + Reserve(underlying, poolAddress);
    public static string Rebalances(long? chainId = null) => (chainId is { } c ? Chain(c) : "") + "/rebalances";
    public static string Rebalance(long chainId, string txHash, int logIndex) => RebalanceUnder(Chain(chainId), txHash, logIndex);

    public static string TokenApi(long chainId, string symbolOrAddress) => "/api/v1" + Chain(chainId) + "/tokens/" + Uri.EscapeDataString(symbolOrAddress);
    public static string ReserveApi(long chainId, string underlyingOrAddress) => "/api/v1" + Chain(chainId) + "/reserves/" + Uri.EscapeDataString(underlyingOrAddress);
    public static string RebalanceApi(long chainId, string txHash, int logIndex) => RebalanceUnder("/api/v1" + Chain(chainId), txHash, logIndex);

    /// <summary>The chainless page of a token (old links): the page redirects to the canonical one, or offers each chain's.</summary>
    public static string Token(string symbol, string address) => "/tokens/" + PageSegment(symbol, address);
    /// <summary>The chainless page of a pool (old links): as <see cref="Token(string, string)"/>.</summary>
    public static string Reserve(string underlying, string poolAddress) => "/reserves/" + PageSegment(underlying, poolAddress);

    private static string RebalanceUnder(string prefix, string txHash, int logIndex) =>
        $"{prefix}/rebalances/{txHash}/{logIndex.ToString(CultureInfo.InvariantCulture)}";

    private static string Chain(long chainId) => "/chains/" + chainId.ToString(CultureInfo.InvariantCulture);

    // Blazor's router decodes the whole page path before matching it, so a name holding '/' or a percent
    // escape of its own ("A%2FB") cannot come back from a page link whole: such a page is linked by address.
    private static string PageSegment(string name, string address) => UnsafeInPagePath().IsMatch(name) ? address : Uri.EscapeDataString(name);

    [GeneratedRegex("/|%[0-9A-Fa-f]{2}")]
    private static partial Regex UnsafeInPagePath();
}
