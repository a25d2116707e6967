using System.Globalization;
using LeveragedTokens.Data.Entities;

namespace LeveragedTokens.Dashboard.Web.Tests;

/// <summary>The status page's history: the sample's indexer polls (SampleData.Poll) as the API serves them (bucketed, with reorg and decode-failure events) and as the page draws them.</summary>
[Collection(SeededDashboardCollection.Name)]
public sealed class StatusHistoryTests(SeededDashboard app)
{
    private static readonly DateTime Start = SampleData.PollsStart;
    private const int Polls = SampleData.PollCount;

    private static IndexerPoll Poll(int i) => SampleData.Poll(i);

    [Fact]
    public async Task TheHistoryApiGivesEveryPollOfAShortPeriodAndMarksWhereTheCountsRose()
    {
        var history = await app.Factory.CreateClient().GetFromJsonAsync<JsonElement>(
            $"/api/v1/status/{ChainRows.ChainId}/history?from={Start:O}&to={Start.AddSeconds(10 * (Polls - 1)):O}");

        Assert.Equal(10, history.GetProperty("bucketSeconds").GetInt32());
        var points = history.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(Polls, points.Count);
        foreach (var (p, i) in points.Select((p, i) => (p, i)))
        {
            Assert.Equal(Poll(i).At, p.GetProperty("time").GetDateTime().ToUniversalTime());
            Assert.Equal(i.ToString(CultureInfo.InvariantCulture), p.GetProperty("lagBlocks").GetProperty("value").GetString());
            Assert.Equal((1.5 * i).ToString("0.###", CultureInfo.InvariantCulture), p.GetProperty("eventsPerSecond").GetProperty("value").GetString());
        }
        var events = history.GetProperty("events").EnumerateArray()
            .Select(e => (e.GetProperty("time").GetDateTime().ToUniversalTime(), e.GetProperty("kind").GetString(), e.GetProperty("count").GetInt64(), e.GetProperty("total").GetInt64()))
            .ToList();
        Assert.Equal([(Poll(10).At, "reorg", 1L, 1L), (Poll(20).At, "reorg", 2L, 3L), (Poll(25).At, "decode-failure", 1L, 3L)], events);
    }

    [Fact]
    public async Task ALongPeriodIsBucketedWithTheWorstLagOfEachBucket()
    {
        // A day holds 1000 buckets of 87 s at most: the polls 0-8 share one bucket (date_bin from the epoch) and the rest the next.
        var history = await app.Factory.CreateClient().GetFromJsonAsync<JsonElement>(
            $"/api/v1/status/{ChainRows.ChainId}/history?from={Start:O}&to={Start.AddDays(1):O}");

        var bucket = history.GetProperty("bucketSeconds").GetInt32();
        Assert.Equal(87, bucket);
        var expected = Enumerable.Range(0, Polls).GroupBy(i => (long)(Poll(i).At - DateTime.UnixEpoch).TotalSeconds / bucket)
            .Select(g => g.Max().ToString(CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(expected, history.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("lagBlocks").GetProperty("value").GetString()!).ToList());
        Assert.Equal(3, history.GetProperty("events").GetArrayLength());
    }

    [Fact]
    public async Task RisesInsideTheFirstBucketOfAPeriodAreStillEvents()
    {
        // A week from the poll before the sample: every poll falls in one bucket of 605 s, with nothing before it.
        var history = await app.Factory.CreateClient().GetFromJsonAsync<JsonElement>(
            $"/api/v1/status/{ChainRows.ChainId}/history?from={Poll(-1).At:O}&to={Poll(-1).At.AddDays(7):O}");

        Assert.Equal(1, history.GetProperty("count").GetInt32());
        var events = history.GetProperty("events").EnumerateArray().Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("count").GetInt64())).ToList();
        Assert.Equal([("reorg", 3L), ("decode-failure", 1L)], events);
    }

    [Fact]
    public async Task TheStatusPageChartsThePeriodInItsUrlFromTheApi()
    {
        var html = await app.Factory.CreateClient().GetStringAsync($"/status?range=custom&from={Start:O}&to={Start.AddHours(1):O}");

        foreach (var chart in new[] { "lag-chart", "events-chart" })
            Assert.Matches($"data-testid=\"{chart}-{ChainRows.ChainId}\" data-points=\"{Polls}\"", html);
        Assert.Contains("id=\"reorg\"", html);
        Assert.Contains("one point per 10 s", html);
    }
}
