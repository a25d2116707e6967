using System.Globalization;

namespace LeveragedTokens.Dashboard.Web.Formatting;

public static class Times
{
    /// <summary>ISO 8601 in UTC with the zone stated: 2026-11-26T09:00:00Z.</summary>
    public static string Iso(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A date picker's day as the first second of that UTC day, ISO 8601.</summary>
    public static string DayStartIso(DateTime day) => Iso(day.Date);

    /// <summary>A date picker's day as the last second of that UTC day, ISO 8601: a period ending that day includes it.</summary>
    public static string DayEndIso(DateTime day) => Iso(day.Date.AddDays(1).AddSeconds(-1));

    public static string Short(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>
    /// A time in the viewer's zone, the zone stated: 2026-03-04 15:04:05 GMT+9 (Asia/Tokyo). The offset (at that
    /// instant, daylight saving included) and the zone's name come from the viewer's browser.
    /// </summary>
    public static string Local(DateTime utc, int offsetMinutes, string? zoneName)
    {
        var local = DateTime.SpecifyKind(utc, DateTimeKind.Utc).AddMinutes(offsetMinutes);
        var offset = TimeSpan.FromMinutes(Math.Abs(offsetMinutes));
        var gmt = offsetMinutes == 0 ? "GMT"
            : $"GMT{(offsetMinutes < 0 ? '-' : '+')}{(int)offset.TotalHours}{(offset.Minutes == 0 ? "" : $":{offset.Minutes:00}")}";
        var zone = string.IsNullOrEmpty(zoneName) ? "" : $" ({zoneName})";
        return $"{local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} {gmt}{zone}";
    }

    public static long Hour(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeSeconds() / 3600;

    public static DateTime FromHour(long hour) => DateTime.UnixEpoch.AddHours(hour);

    public static string Ago(DateTime utc, DateTime now)
    {
        var span = now - utc;
        var sign = span < TimeSpan.Zero ? "in " : "";
        span = span.Duration();
        var text = span.TotalMinutes < 1 ? $"{span.Seconds}s"
            : span.TotalHours < 1 ? $"{(int)span.TotalMinutes}m"
            : span.TotalDays < 2 ? $"{(int)span.TotalHours}h {span.Minutes}m"
            : $"{(int)span.TotalDays}d {span.Hours}h";
        return sign == "" ? text + " ago" : sign + text;
    }

    public static string Duration(TimeSpan span) =>
        span.TotalHours < 1 ? $"{(int)span.TotalMinutes}m" : span.TotalDays < 2 ? $"{(int)span.TotalHours}h {span.Minutes}m" : $"{(int)span.TotalDays}d {span.Hours}h";
}
