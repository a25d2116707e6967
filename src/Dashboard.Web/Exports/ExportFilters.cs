using System.Globalization;
using LeveragedTokens.Dashboard.Web.Api;
using LeveragedTokens.Dashboard.Web.Formatting;
using LeveragedTokens.Data;
using LeveragedTokens.Data.Exports;
using LeveragedTokens.Data.Queries;

namespace LeveragedTokens.Dashboard.Web.Exports;

/// <summary>The filters of an export as they arrive in a query string (or the audit page's fields).</summary>
public sealed record ExportFilterText(
    string? Token = null, string? Pool = null, string? From = null, string? To = null,
    string? FromBlock = null, string? ToBlock = null, string? ChainId = null);

/// <summary>
/// Turns <see cref="ExportFilterText"/> into an <see cref="ExportQuery"/>: a malformed value is a 400,
/// a token or pool that is not indexed a 404 (problem details either way). Tokens are symbols (as on
/// the pages) or addresses; pools are underlyings ("BTC") or addresses. Times are ISO 8601 or unix
/// seconds and 'to' is inclusive, as everywhere in the public API; the export's half-open end is the
/// next whole second (block times are whole seconds).
/// </summary>
public static class ExportFilters
{
    /// <summary>The query, or why not: 400, 404, or 409 with <paramref name="Candidates"/> when a name is on several chains.</summary>
    public sealed record Result(ExportQuery? Query, string? Error, int Status, IReadOnlyList<ChainCandidate>? Candidates = null)
    {
        public IResult Problem() => Status switch
        {
            StatusCodes.Status404NotFound => ApiMapping.NotFound(Error!),
            StatusCodes.Status409Conflict => ChainScope.Ambiguous(Candidates!, Error!),
            _ => ApiMapping.BadRequest(Error!),
        };
    }

    public static async Task<Result> ResolveAsync(ExportFilterText text, TokenQueries tokenQueries, CancellationToken ct)
    {
        if (!TimeRange.TryTime(text.From, out var from) || !TimeRange.TryTime(text.To, out var to))
            return Bad("'from' and 'to' must be ISO 8601 times (2026-01-01T00:00:00Z) or unix seconds.");
        if (from > to) return Bad("'from' must not be after 'to'.");
        if (!TryBlock(text.FromBlock, out var fromBlock) || !TryBlock(text.ToBlock, out var toBlock))
            return Bad("'fromBlock' and 'toBlock' must be non-negative block numbers.");
        if (fromBlock > toBlock) return Bad("'fromBlock' must not be after 'toBlock'.");
        if (!TryBlock(text.ChainId, out var chainId) || chainId < 1) return Bad("'chainId' must be a positive integer.");
        if (IsAddressLike(text.Token) && !EvmAddress.IsAddress(text.Token)) return Bad("'token' must be a symbol or a 0x address of 40 hex digits.");
        if (IsAddressLike(text.Pool) && !EvmAddress.IsAddress(text.Pool)) return Bad("'pool' must be an underlying or a 0x address of 40 hex digits.");

        var query = new ExportQuery
        {
            ChainId = chainId, FromBlock = fromBlock, ToBlock = toBlock, FromTime = from,
            ToTime = to is { } t && t.Ticks < DateTime.MaxValue.Ticks - TimeSpan.TicksPerSecond
                ? new DateTime(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc).AddSeconds(1)
                : null,
        };
        var all = await tokenQueries.ListAsync(ct: ct);
        if (chainId is { } c && all.All(t => t.ChainId != c)) return NotFound($"No chain {c} is indexed.");
        if (string.IsNullOrWhiteSpace(text.Token) && string.IsNullOrWhiteSpace(text.Pool)) return new Result(query, null, 200);

        var tokens = all.Where(t => chainId is null || t.ChainId == chainId).ToList();
        if (!string.IsNullOrWhiteSpace(text.Token))
        {
            var name = text.Token.Trim();
            var found = tokens.Where(t => EvmAddress.IsAddress(name) ? string.Equals(t.Address, name, StringComparison.OrdinalIgnoreCase) : t.Symbol == name).ToList();
            if (found.Count == 0) return NotFound($"No token '{Clip(name)}'.");
            if (found.Count > 1) return Ambiguous(name, [.. found.Select(t => (t.ChainId, t.Symbol, t.Address, PublicPaths.TokenApi(t.ChainId, t.Address)))]);
            query = query with { Token = found[0].Address, ChainId = found[0].ChainId };
        }
        if (!string.IsNullOrWhiteSpace(text.Pool))
        {
            var name = text.Pool.Trim();
            var found = tokens.Where(t => (query.ChainId is null || t.ChainId == query.ChainId)
                && (EvmAddress.IsAddress(name) ? string.Equals(t.PoolAddress, name, StringComparison.OrdinalIgnoreCase) : t.Underlying == name))
                .DistinctBy(t => t.ChainId).ToList();
            if (found.Count == 0) return NotFound($"No reserve pool '{Clip(name)}'.");
            if (found.Count > 1) return Ambiguous(name, [.. found.Select(t => (t.ChainId, t.Underlying, t.PoolAddress, PublicPaths.ReserveApi(t.ChainId, t.PoolAddress)))]);
            query = query with { Pool = found[0].PoolAddress, ChainId = found[0].ChainId };
        }
        return new Result(query, null, 200);
    }

    /// <summary>The same name on several chains (same protocol, same addresses): the export needs chainId.</summary>
    private static Result Ambiguous(string name, IReadOnlyList<(long ChainId, string Name, string Address, string Href)> found) => new(null,
        $"'{Clip(name)}' is on {found.Count} chains ({string.Join(", ", found.Select(f => f.ChainId))}): add chainId.",
        StatusCodes.Status409Conflict, [.. found.Select(f => new ChainCandidate(f.ChainId, null, f.Name, f.Address, f.Href))]);

    private static Result Bad(string error) => new(null, error, StatusCodes.Status400BadRequest);
    private static Result NotFound(string error) => new(null, error, StatusCodes.Status404NotFound);

    private static bool TryBlock(string? text, out long? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return false;
        value = n;
        return true;
    }

    private static bool IsAddressLike(string? s) => s?.Trim().StartsWith("0x", StringComparison.OrdinalIgnoreCase) == true;

    private static string Clip(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
