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
    public sealed record Result(ExportQuery? Query, string? Error, int Status)
    {
        public IResult Problem() => Status == StatusCodes.Status404NotFound ? ApiMapping.NotFound(Error!) : ApiMapping.BadRequest(Error!);
    }

    public static async Task<Result> ResolveAsync(ExportFilterText text, TokenQueries tokenQueries, CancellationToken ct)
    {
        if (!TimeRange.TryTime(text.From, out var from) || !TimeRange.TryTime(text.To, out var to))
            return Bad("'from' and 'to' must be ISO 8601 times (2026-01-01T00:00:00Z) or unix seconds.");
        if (from > to) return Bad("'from' must not be after 'to'.");
        if (!TryBlock(text.FromBlock, out var fromBlock) || !TryBlock(text.ToBlock, out var toBlock))
            return Bad("'fromBlock' and 'toBlock' must be non-negative block numbers.");
        if (fromBlock > toBlock) return Bad("'fromBlock' must not be after 'toBlock'.");
        if (!TryBlock(text.ChainId, out var chainId)) return Bad("'chainId' must be a positive integer.");
        if (IsAddressLike(text.Token) && !EvmAddress.IsAddress(text.Token)) return Bad("'token' must be a symbol or a 0x address of 40 hex digits.");
        if (IsAddressLike(text.Pool) && !EvmAddress.IsAddress(text.Pool)) return Bad("'pool' must be an underlying or a 0x address of 40 hex digits.");

        var query = new ExportQuery
        {
            ChainId = chainId, FromBlock = fromBlock, ToBlock = toBlock, FromTime = from,
            ToTime = to is { } t && t.Ticks < DateTime.MaxValue.Ticks - TimeSpan.TicksPerSecond
                ? new DateTime(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc).AddSeconds(1)
                : null,
        };
        if (string.IsNullOrWhiteSpace(text.Token) && string.IsNullOrWhiteSpace(text.Pool)) return new Result(query, null, 200);

        var tokens = (await tokenQueries.ListAsync(ct)).Where(t => chainId is null || t.ChainId == chainId).OrderBy(t => t.ChainId).ToList();
        if (!string.IsNullOrWhiteSpace(text.Token))
        {
            var name = text.Token.Trim();
            var token = tokens.FirstOrDefault(t => EvmAddress.IsAddress(name) ? string.Equals(t.Address, name, StringComparison.OrdinalIgnoreCase) : t.Symbol == name);
            if (token is null) return NotFound($"No token '{Clip(name)}'.");
            query = query with { Token = token.Address, ChainId = token.ChainId };
        }
        if (!string.IsNullOrWhiteSpace(text.Pool))
        {
            var name = text.Pool.Trim();
            var pool = tokens.FirstOrDefault(t => (query.ChainId is null || t.ChainId == query.ChainId)
                && (EvmAddress.IsAddress(name) ? string.Equals(t.PoolAddress, name, StringComparison.OrdinalIgnoreCase) : t.Underlying == name));
            if (pool is null) return NotFound($"No reserve pool '{Clip(name)}'.");
            query = query with { Pool = pool.PoolAddress, ChainId = pool.ChainId };
        }
        return new Result(query, null, 200);
    }

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
