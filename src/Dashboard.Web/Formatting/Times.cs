using System.Globalization;

namespace LeveragedTokens.Dashboard.Web.Formatting;

public static class Times
{
    /// <summary>ISO 8601 in UTC with the zone stated: 2026-11-26T09:00:00Z.</summary>
    public static string Iso(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Short(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

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
