using System.Globalization;

namespace LeveragedTokens.Dashboard.Web.Formatting;

/// <summary>
/// A chart period from the URL: range=24h|7d|30d|90d|all, or range=custom with from/to (ISO 8601).
/// Preset ranges end at the newest data, so a paused feed still shows its last day.
/// </summary>
public sealed record TimeRange(string Key, DateTime? From, DateTime? To)
{
    public static readonly string[] Presets = ["24h", "7d", "30d", "90d", "all"];
    public const string Default = "7d";

    public static bool TryParse(string? range, string? from, string? to, out TimeRange result, out string? error)
    {
        result = new TimeRange(Default, null, null);
        error = null;
        range = string.IsNullOrWhiteSpace(range) ? (from is null && to is null ? Default : "custom") : range.Trim().ToLowerInvariant();
        if (range == "custom")
        {
            if (!TryTime(from, out var f) || !TryTime(to, out var t) || (f is null && t is null))
            {
                error = "A custom range needs 'from' and/or 'to' as ISO 8601 times, e.g. 2026-01-01T00:00:00Z.";
                return false;
            }
            if (f is { } a && t is { } b && a > b)
            {
                error = "'from' must not be after 'to'.";
                return false;
            }
            result = new TimeRange("custom", f, t);
            return true;
        }
        if (!Presets.Contains(range))
        {
            error = $"Unknown range '{Truncate(range)}': use one of {string.Join(", ", Presets)} or custom.";
            return false;
        }
        result = new TimeRange(range, null, null);
        return true;
    }

    public static bool TryTime(string? text, out DateTime? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (text.Length > 40) return false;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unix) && unix < 253402300800)
        {
            value = DateTime.UnixEpoch.AddSeconds(unix);
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var dto))
        {
            value = dto.UtcDateTime;
            return true;
        }
        return false;
    }

    public TimeSpan? Span => Key switch
    {
        "24h" => TimeSpan.FromHours(24),
        "7d" => TimeSpan.FromDays(7),
        "30d" => TimeSpan.FromDays(30),
        "90d" => TimeSpan.FromDays(90),
        _ => null,
    };

    /// <summary>Absolute bounds: presets count back from <paramref name="end"/> (the newest data).</summary>
    public (DateTime? From, DateTime? To) Resolve(DateTime? end) =>
        Key == "custom" ? (From, To) : Span is { } span && end is { } e ? (e - span, null) : (null, null);

    public string Label => Key switch
    {
        "custom" => $"{(From is { } f ? Times.Short(f) : "start")} to {(To is { } t ? Times.Short(t) : "now")}",
        "all" => "all data",
        _ => "last " + Key,
    };

    private static string Truncate(string s) => s.Length > 20 ? s[..20] + "…" : s;
}
