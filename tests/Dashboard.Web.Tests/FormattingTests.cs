using LeveragedTokens.Dashboard.Web.Formatting;

namespace LeveragedTokens.Dashboard.Web.Tests;

public sealed class FormattingTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("1", "0.000000000000000001")]
    [InlineData("-1500000000000000000", "-1.5")]
    [InlineData("3000000000000000000", "3")]
    [InlineData("115792089237316195423570985008687907853269984665640564039457584007913129639935", "115792089237316195423570985008687907853269984665640564039457.584007913129639935")]
    public void ExactScalingLosesNoDigit(string raw, string expected)
    {
        Assert.Equal(expected, Wad.Exact(BigInteger.Parse(raw)));
        Assert.True(Wad.TryParse(expected, out var back));
        Assert.Equal(BigInteger.Parse(raw), back);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("0.0000000000000000001")]
    [InlineData("")]
    [InlineData("1e5")]
    public void ParsingRejectsWhatIsNotAnExactDecimal(string text) => Assert.False(Wad.TryParse(text, out _));

    [Fact]
    public void APickedDayIsTheWholeUtcDay()
    {
        var picked = new DateTime(2026, 3, 4, 17, 30, 0, DateTimeKind.Unspecified);
        Assert.Equal("2026-03-04T00:00:00Z", Times.DayStartIso(picked));
        Assert.Equal("2026-03-04T23:59:59Z", Times.DayEndIso(picked));
    }

    [Fact]
    public void TimesAreIso8601WithTheZone() =>
        Assert.Equal("2026-01-02T03:04:05Z", Times.Iso(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc)));

    [Theory]
    [InlineData(540, "Asia/Tokyo", "2026-01-02 12:04:05 GMT+9 (Asia/Tokyo)")]
    [InlineData(330, "Asia/Kolkata", "2026-01-02 08:34:05 GMT+5:30 (Asia/Kolkata)")]
    [InlineData(-300, "America/New_York", "2026-01-01 22:04:05 GMT-5 (America/New_York)")]
    [InlineData(0, null, "2026-01-02 03:04:05 GMT")]
    public void LocalTimesStateTheirOffsetAndZone(int offsetMinutes, string? zone, string expected) =>
        Assert.Equal(expected, Times.Local(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), offsetMinutes, zone));

    [Theory]
    [InlineData(null, null, null, "7d")]
    [InlineData("24h", null, null, "24h")]
    [InlineData("all", null, null, "all")]
    [InlineData(null, "2026-01-01T00:00:00Z", null, "custom")]
    [InlineData("custom", "2026-01-01", "2026-01-05", "custom")]
    public void RangesParseFromTheUrl(string? range, string? from, string? to, string key)
    {
        Assert.True(TimeRange.TryParse(range, from, to, out var parsed, out _));
        Assert.Equal(key, parsed.Key);
    }

    [Theory]
    [InlineData("1y", null, null)]
    [InlineData("custom", null, null)]
    [InlineData("custom", "2026-02-01", "2026-01-01")]
    [InlineData("custom", "<script>", null)]
    public void BadRangesAreRejectedWithAReason(string? range, string? from, string? to)
    {
        Assert.False(TimeRange.TryParse(range, from, to, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void PresetRangesCountBackFromTheNewestData()
    {
        var end = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.True(TimeRange.TryParse("7d", null, null, out var range, out _));
        Assert.Equal((end.AddDays(-7), (DateTime?)null), range.Resolve(end));
    }

    [Fact]
    public void DownsamplingKeepsSevenAndThirtyDaysHourlyAndCapsPoints()
    {
        Assert.Equal(1, Data.Queries.SeriesQueries.BucketHours(0, 24 * 7));
        Assert.Equal(1, Data.Queries.SeriesQueries.BucketHours(0, 24 * 30));
        var twoYears = 24 * 730;
        var bucket = Data.Queries.SeriesQueries.BucketHours(0, twoYears);
        Assert.True(twoYears / bucket + 1 <= 1000, $"bucket {bucket}");
    }
}
