using System.Text.RegularExpressions;

namespace LeveragedTokens.Data;

/// <summary>
/// Paths of the public token and reserve pages and APIs (the web app's pages, the staff alerts' chart
/// links). A symbol or underlying is one percent-encoded path segment, so any characters ('/', '%',
/// quotes, unicode) round-trip: the web app reads the segment back exactly (ExactRouteValues).
/// </summary>
public static partial class PublicPaths
{
    public static string Token(string symbol, string address) => "/tokens/" + PageSegment(symbol, address);
    public static string Reserve(string underlying, string poolAddress) => "/reserves/" + PageSegment(underlying, poolAddress);
    public static string TokenApi(string symbolOrAddress) => "/api/v1/tokens/" + Uri.EscapeDataString(symbolOrAddress);
    public static string ReserveApi(string underlyingOrAddress) => "/api/v1/reserves/" + Uri.EscapeDataString(underlyingOrAddress);

    // Blazor's router decodes the whole page path before matching it, so a name holding '/' or a percent
    // escape of its own ("A%2FB") cannot come back from a page link whole: such a page is linked by address.
    private static string PageSegment(string name, string address) => UnsafeInPagePath().IsMatch(name) ? address : Uri.EscapeDataString(name);

    [GeneratedRegex("/|%[0-9A-Fa-f]{2}")]
    private static partial Regex UnsafeInPagePath();
}
