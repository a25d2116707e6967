namespace LeveragedTokens.Dashboard.Web.Tests;

/// <summary>The rebalance costs behind a token's decay view: exactly the rebalances between its two NAV snapshots.</summary>
[Collection(SeededDashboardCollection.Name)]
public sealed class DecayInputsTests(SeededDashboard app)
{
    [Theory]
    [InlineData(null, null)]
    [InlineData(100, 200)]
    [InlineData(0, 30)]
    public async Task RebalanceCostsSumTheRebalancesAfterTheFirstSnapshotThroughTheLast(int? fromOffset, int? toOffset)
    {
        var token = SampleData.Tokens[0];
        var firstHour = ChainRows.Genesis.AddHours(1);
        var fromTime = fromOffset is { } f ? firstHour.AddHours(f) : firstHour;
        var toTime = toOffset is { } t ? firstHour.AddHours(t) : ChainRows.Genesis.AddHours(app.Seeded.Hours);
        var analytics = app.Factory.Services.GetRequiredService<AnalyticsQueries>();

        var inputs = await analytics.DecayAsync(ChainRows.ChainId, token.Address,
            fromOffset is null ? null : Hour(fromTime), toOffset is null ? null : Hour(toTime));

        // Each seeded hour mines its rebalances one block before that hour's snapshot.
        var expected = app.Seeded.Rebalances.Where(r => r.TokenAddress == token.Address && r.BlockTime > fromTime && r.BlockTime <= toTime).ToList();
        Assert.NotNull(inputs);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, inputs.RebalanceCount);
        Assert.Equal(expected.Aggregate(BigInteger.Zero, (sum, r) => sum + r.NavDelta), inputs.SumNavDelta);
        Assert.Equal(fromTime, inputs.StartTime);
        Assert.Equal(toTime, inputs.EndTime);
    }

    private static long Hour(DateTime time) => (long)(time - DateTime.UnixEpoch).TotalHours;
}
