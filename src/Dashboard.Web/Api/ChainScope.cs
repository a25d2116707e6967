using System.Globalization;
using LeveragedTokens.Data;
using LeveragedTokens.Data.Queries;

namespace LeveragedTokens.Dashboard.Web.Api;

/// <summary>One chain's item, offered when a chainless name is on several chains (ChainName from settings; null in export filters).</summary>
public sealed record ChainCandidate(long ChainId, string? ChainName, string Name, string Address, string Href);

/// <summary>
/// The chain of an API request: /api/v1/chains/{chainId}/... or ?chainId= on the chainless routes. A token or
/// pool is (chain id, address): a chainless name found on several chains is a 409 listing each chain's item.
/// </summary>
internal static class ChainScope
{
    /// <summary>None when empty; else a positive integer (400) of a chain the database holds (404).</summary>
    public static async Task<(long? Chain, IResult? Problem)> ChainAsync(string? text, StatusQueries status, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(text)) return (null, null);
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
            return (null, ApiMapping.BadRequest("'chainId' must be a positive integer (an EVM chain id)."));
        return (await status.ChainIdsAsync(ct)).Contains(id)
            ? (id, null)
            : (null, ApiMapping.NotFound($"No chain {id} is indexed; GET /api/v1/chains lists those that are."));
    }

    public static async Task<(TokenInfo? Token, IResult? Problem)> TokenAsync(string? chainText, string name, TokenQueries tokens,
        StatusQueries status, DashboardOptions options, CancellationToken ct)
    {
        var (chain, problem) = await ChainAsync(chainText, status, ct);
        if (problem is not null) return (null, problem);
        var matches = await tokens.MatchesAsync(name, chain, ct);
        return matches.Count switch
        {
            0 => (null, TokenApi.NoToken(name)),
            1 => (matches[0], null),
            _ => (null, Ambiguous(name, [.. matches.Select(t =>
                new ChainCandidate(t.ChainId, options.ChainName(t.ChainId), t.Symbol, t.Address, PublicPaths.TokenApi(t.ChainId, t.Address)))])),
        };
    }

    public static async Task<(PoolInfo? Pool, IResult? Problem)> PoolAsync(string? chainText, string name, ReserveQueries reserves,
        StatusQueries status, DashboardOptions options, CancellationToken ct)
    {
        var (chain, problem) = await ChainAsync(chainText, status, ct);
        if (problem is not null) return (null, problem);
        var matches = await reserves.MatchesAsync(name, chain, ct);
        if (matches.Count > 1)
            return (null, Ambiguous(name, [.. matches.Select(p =>
                new ChainCandidate(p.ChainId, options.ChainName(p.ChainId), p.Underlying, p.Address, PublicPaths.ReserveApi(p.ChainId, p.Address)))]));
        return matches.Count == 1 && await reserves.FindAsync(matches[0].ChainId, matches[0].Address, ct) is { } pool
            ? (pool, null)
            : (null, ApiMapping.NotFound($"No reserve pool for '{TokenApi.Clip(name)}'."));
    }

    /// <summary>409: the name is on several chains; the body lists each chain's item and its chain-scoped address.</summary>
    public static IResult Ambiguous(string name, IReadOnlyList<ChainCandidate> candidates) => Ambiguous(candidates,
        $"'{TokenApi.Clip(name)}' is on {candidates.Count} chains ({string.Join(", ", candidates.Select(c => c.ChainId))}): "
        + "ask /api/v1/chains/{chainId}/... or add ?chainId=.");

    public static IResult Ambiguous(IReadOnlyList<ChainCandidate> candidates, string detail) => TypedResults.Problem(
        detail: detail, statusCode: StatusCodes.Status409Conflict, title: "Ambiguous: on several chains",
        extensions: new Dictionary<string, object?> { ["candidates"] = candidates });
}
