using System.Text.RegularExpressions;
using LeveragedTokens.Dashboard.Web.Formatting;
using LeveragedTokens.Data.Queries;

namespace LeveragedTokens.Dashboard.Web.Api;

/// <summary>Query-string parsing shared by the API and the pages: a bad value is a 400, never an exception.</summary>
public static partial class ApiParameters
{
    [GeneratedRegex("^0x[0-9a-fA-F]{64}$")]
    public static partial Regex TxHashPattern();

    public static bool TryTxHash(string? text, out string hash)
    {
        hash = text?.ToLowerInvariant() ?? "";
        return text is not null && TxHashPattern().IsMatch(text);
    }

    public static bool TryLogIndex(string? text, out int logIndex) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out logIndex);

    /// <summary>auto (default), or N hours / days: "1h", "4h", "1d".</summary>
    public static bool TryResolution(string? text, out int? hours)
    {
        hours = null;
        if (string.IsNullOrWhiteSpace(text) || text == "auto") return true;
        var unit = text[^1];
        if ((unit is 'h' or 'd') && int.TryParse(text[..^1], System.Globalization.NumberStyles.None, null, out var n) && n is > 0 and <= 24 * 366)
        {
            hours = unit == 'd' ? n * 24 : n;
            return hours <= 24 * 366;
        }
        return false;
    }

    public static bool TryHourRange(string? from, string? to, out long? fromHour, out long? toHour, out string? error)
    {
        fromHour = toHour = null;
        error = null;
        if (!TimeRange.TryTime(from, out var f) || !TimeRange.TryTime(to, out var t))
        {
            error = "'from' and 'to' must be ISO 8601 times (2026-01-01T00:00:00Z) or unix seconds.";
            return false;
        }
        if (f > t)
        {
            error = "'from' must not be after 'to'.";
            return false;
        }
        fromHour = f is { } a ? Times.Hour(a) : null;
        toHour = t is { } b ? Times.Hour(b) : null;
        return true;
    }

    public static bool TryLimit(string? text, int fallback, out int limit)
    {
        limit = fallback;
        if (string.IsNullOrWhiteSpace(text)) return true;
        return int.TryParse(text, System.Globalization.NumberStyles.None, null, out limit) && limit is >= 1 and <= RebalanceQueries.MaxLimit;
    }

    /// <summary>A keyset list's cursor (as this API returned it) and limit (1 to 500): every cursor-paged list reads them here.</summary>
    public static bool TryPage(string? cursor, string? limit, out RebalanceCursor? after, out int take, out string? error)
    {
        take = 0;
        error = !RebalanceCursor.TryParse(cursor, out after) ? "'cursor' is not a cursor this API returned."
            : !TryLimit(limit, 100, out take) ? $"'limit' must be 1 to {RebalanceQueries.MaxLimit}."
            : null;
        return error is null;
    }

    /// <summary>A list's optional time bounds: ISO 8601 or unix seconds, from &lt;= to.</summary>
    public static bool TryTimes(string? from, string? to, out DateTime? fromTime, out DateTime? toTime, out string? error)
    {
        var ok = TimeRange.TryTime(from, out fromTime) & TimeRange.TryTime(to, out toTime) && !(fromTime > toTime);
        error = ok ? null : "'from' and 'to' must be ISO 8601 times or unix seconds, from <= to.";
        return ok;
    }
}
