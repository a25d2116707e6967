using System.Numerics;
using LeveragedTokens.Staff.Thresholds;

namespace LeveragedTokens.Staff.Tests;

/// <summary>Publication gaps, leverage band, fallback interval, runway, indexer lag and decode failures on seeded chain rows.</summary>
public sealed class ChainHealthRuleTests : StaffHostTest
{
    private const long Hour = ChainSeeder.BlocksPerHour;

    /// <summary>Hourly metrics and snapshots for hours [from, to], leverage 3x, so nothing else fires.</summary>
    private async Task HourlyAsync(int from, int to, double leverage = 3)
    {
        for (var h = from; h <= to; h++)
        {
            await Host.Chain.MetricsAsync(h * Hour, 5000);
            await Host.Chain.SnapshotAsync(h * Hour + 1, leverage);
        }
    }

    [Fact]
    public async Task AGapOfMoreThanTwoHoursOfChainTimeFiresAMissedPublicationAlertThatTheNextPublicationResolves()
    {
        await HourlyAsync(1, 3);
        await Host.Chain.IndexedUpToAsync(6 * Hour + 10); // 3 h of chain time since the last publication
        await Host.EvaluateAsync();

        var missed = await Host.AlertsAsync(AlertKind.MissedPublication);
        Assert.Equal(2, missed.Count); // the pool's metrics and the token's snapshots
        Assert.All(missed, a => Assert.Equal(6 * Hour + 10, a.FiredBlock));
        Assert.All(missed, a => Assert.Null(a.ResolvedAt));

        await HourlyAsync(7, 7);
        await Host.Chain.IndexedUpToAsync(7 * Hour + 10);
        await Host.EvaluateAsync();
        Assert.All(await Host.AlertsAsync(AlertKind.MissedPublication), a => Assert.NotNull(a.ResolvedBlock));
        Assert.Equal(2, (await Host.AlertsAsync(AlertKind.MissedPublication)).Count);
    }

    [Fact]
    public async Task AGapInsideOneEvaluationFiresAndResolvesAtThePublicationThatEndsIt()
    {
        await HourlyAsync(1, 2);
        await Host.EvaluateMetricsAsync(6 * Hour, 5000);

        var pool = Assert.Single(await Host.AlertsAsync(AlertKind.MissedPublication), a => a.Subject == ChainSeeder.Pool);
        Assert.Equal(6 * Hour, pool.FiredBlock);
        Assert.Equal(6 * Hour, pool.ResolvedBlock);
        Assert.Equal(240m, pool.Value);
    }

    [Fact]
    public async Task LeverageOutOfBandWhileRebalancingIsDeferredFiresAndTheNextRebalanceResolvesIt()
    {
        await HourlyAsync(1, 2);
        await Host.Chain.DeferralAsync(3 * Hour, 3.7);
        await Host.Chain.SnapshotAsync(3 * Hour + 1, 3.7);
        await Host.Chain.RebalanceAsync(5 * Hour, 3.0);
        await Host.Chain.IndexedUpToAsync(5 * Hour);
        await Host.EvaluateAsync();

        var band = Assert.Single(await Host.AlertsAsync(AlertKind.LeverageOutOfBand));
        Assert.Equal(3 * Hour, band.FiredBlock);
        Assert.Equal(3.7m, band.Value);
        Assert.Equal(5 * Hour, band.ResolvedBlock);
        Assert.Contains("deferred", band.Message);
    }

    [Fact]
    public async Task OneOutOfBandSnapshotBeforeTheRebalanceIsNotAnAlertButTwoInARowAre()
    {
        await Host.Chain.SnapshotAsync(1 * Hour, 3.6);
        await Host.Chain.RebalanceAsync(1 * Hour + 5);
        await Host.Chain.SnapshotAsync(2 * Hour, 3.6);
        await Host.Chain.SnapshotAsync(3 * Hour, 3.7);
        await Host.Chain.IndexedUpToAsync(3 * Hour);
        await Host.EvaluateAsync();

        var band = Assert.Single(await Host.AlertsAsync(AlertKind.LeverageOutOfBand));
        Assert.Equal(3 * Hour, band.FiredBlock);
        Assert.Null(band.ResolvedAt);
    }

    [Fact]
    public async Task NoRebalanceForLongerThanTheFallbackIntervalPlusGraceFiresAtTheFirstBlockPastIt()
    {
        await Host.Chain.RebalanceAsync(Hour);
        for (var h = 2; h <= 27; h++) await Host.Chain.SnapshotAsync(h * Hour, 3);
        await Host.Chain.IndexedUpToAsync(27 * Hour);
        await Host.EvaluateAsync();

        // 24 h fallback + 60 min grace after the rebalance at hour 1: first evidence past 25 h is the snapshot at hour 27
        // (hour 26 is exactly 25 h, not longer).
        var overdue = Assert.Single(await Host.AlertsAsync(AlertKind.RebalanceOverdue));
        Assert.Equal(27 * Hour, overdue.FiredBlock);
        Assert.Equal(25 * 60m, overdue.Threshold);

        await Host.Chain.RebalanceAsync(28 * Hour);
        await Host.Chain.IndexedUpToAsync(28 * Hour);
        await Host.EvaluateAsync();
        Assert.Equal(28 * Hour, Assert.Single(await Host.AlertsAsync(AlertKind.RebalanceOverdue)).ResolvedBlock);
    }

    [Fact]
    public async Task ABufferCoveringFewerHoursThanTheThresholdOfRecentDrawsFiresARunwayAlert()
    {
        var wad = ChainSeeder.Wad;
        // 24 000 USD drawn over the last 24 h = 1 000 USD/h; a 10 000 USD buffer is a 10 h runway (< 24 h).
        await Host.Chain.RebalanceAsync(2 * Hour, reserveDraw: 12_000 * wad);
        await Host.Chain.RebalanceAsync(3 * Hour, reserveDraw: 12_000 * wad);
        await Host.Chain.MetricsAsync(4 * Hour, 5000, bufferDepth: 1_000_000 * wad);
        await Host.Chain.MetricsAsync(5 * Hour, 5000, bufferDepth: 10_000 * wad);
        await Host.Chain.MetricsAsync(6 * Hour, 5000, bufferDepth: new BigInteger(1_000_000) * wad);
        await Host.Chain.IndexedUpToAsync(6 * Hour);
        await Host.EvaluateAsync();

        var runway = Assert.Single(await Host.AlertsAsync(AlertKind.RunwayShort));
        Assert.Equal(5 * Hour, runway.FiredBlock);
        Assert.Equal(10m, runway.Value);
        Assert.Equal(24m, runway.Threshold);
        Assert.Equal(6 * Hour, runway.ResolvedBlock);
    }

    [Fact]
    public async Task AnIndexerFarBehindTheHeadFiresALagAlertThatClearsWhenItCatchesUp()
    {
        await Host.Chain.IndexedUpToAsync(100, head: 500);
        await Host.EvaluateAsync();
        var lag = Assert.Single(await Host.AlertsAsync(AlertKind.IndexerLag));
        Assert.Equal(400m, lag.Value);
        Assert.Equal(100m, lag.Threshold);

        await Host.Chain.IndexedUpToAsync(495, head: 500);
        await Host.EvaluateAsync();
        Assert.NotNull(Assert.Single(await Host.AlertsAsync(AlertKind.IndexerLag)).ResolvedAt);
    }

    [Fact]
    public async Task AnIndexerThatStoppedProgressingFiresALagAlert()
    {
        await Host.Chain.IndexedUpToAsync(100, updatedAt: DateTime.UtcNow.AddMinutes(-30));
        await Host.EvaluateAsync();

        var lag = Assert.Single(await Host.AlertsAsync(AlertKind.IndexerLag));
        Assert.Equal("min", lag.Unit);
        Assert.True(lag.Value >= 30m);
    }

    [Fact]
    public async Task NewDecodeFailuresFireAnAlertThatResolvesAfterAQuietDay()
    {
        await HourlyAsync(1, 2);
        await Host.Chain.DecodeFailureAsync(2 * Hour + 5);
        await Host.Chain.DecodeFailureAsync(2 * Hour + 6);
        await Host.Chain.IndexedUpToAsync(2 * Hour + 10);
        await Host.EvaluateAsync();
        var failures = Assert.Single(await Host.AlertsAsync(AlertKind.DecodeFailures));
        Assert.Equal(2 * Hour + 5, failures.FiredBlock);
        Assert.Equal(2m, failures.Value);

        await HourlyAsync(3, 27);
        await Host.Chain.IndexedUpToAsync(27 * Hour);
        await Host.EvaluateAsync();
        Assert.NotNull(Assert.Single(await Host.AlertsAsync(AlertKind.DecodeFailures)).ResolvedAt);
    }

    [Fact]
    public async Task EveryThresholdChangeIsRecordedWithWhoWhenOldAndNew()
    {
        var editor = Host.Services.GetRequiredService<ThresholdEditor>();
        var pool = ThresholdScopes.Of(ChainSeeder.ChainId, ChainSeeder.Pool);
        await editor.SetAsync(pool, ThresholdKey.NearFloorBps, 8500, "alice@example.test", "first", default);
        await editor.SetAsync(pool, ThresholdKey.NearFloorBps, 9000, "bob@example.test", "tighter", default);
        Assert.Null(await editor.SetAsync(pool, ThresholdKey.NearFloorBps, 9000, "bob@example.test", "same", default));
        await editor.SetAsync(pool, ThresholdKey.NearFloorBps, null, "carol@example.test", "back to default", default);

        var history = (await editor.HistoryAsync(10, default)).Reverse().ToList();
        Assert.Equal([(null, 8500m, "alice@example.test"), (8500m, 9000m, "bob@example.test"), (9000m, (decimal?)null, "carol@example.test")],
            history.Select(c => (c.OldValue, c.NewValue, c.ChangedBy)));
        Assert.All(history, c => Assert.True(c.ChangedAt > DateTime.UtcNow.AddMinutes(-1)));
        var views = await editor.ListAsync([pool], default);
        Assert.Equal(8000m, views.Single(v => v.Scope == pool && v.Key == ThresholdKey.NearFloorBps).Effective);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => editor.SetAsync("*", ThresholdKey.RunwayHours, -1, "x", null, default));
    }

    [Fact]
    public async Task AcknowledgingRecordsWhoAndTheNoteAndSnoozingHidesTheAlertUntilItsTime()
    {
        await Host.EvaluateMetricsAsync(Hour, 9000);
        var desk = Host.Services.GetRequiredService<AlertDesk>();
        var alert = Assert.Single(await desk.ListAsync(new AlertFilter(Kind: AlertKind.ReserveNearFloor), default));
        Assert.Equal(1, await desk.CountNeedingAttentionAsync(default) - (await Host.AlertsAsync()).Count(a => a.Kind != AlertKind.ReserveNearFloor && a.ResolvedAt == null));

        await desk.AcknowledgeAsync(alert.Id, "risk@example.test", "watching the BTC pool", default);
        var acked = (await desk.GetAsync(alert.Id, default))!;
        Assert.Equal(AlertStatus.Acknowledged, acked.StatusAt(DateTime.UtcNow));
        Assert.Equal("risk@example.test", acked.AcknowledgedBy);
        Assert.Equal("watching the BTC pool", acked.AcknowledgementNote);
        await Assert.ThrowsAsync<ArgumentException>(() => desk.AcknowledgeAsync(alert.Id, "risk@example.test", " ", default));

        await desk.SnoozeAsync(alert.Id, "risk@example.test", DateTime.UtcNow.AddHours(1), default);
        Assert.Single(await desk.ListAsync(new AlertFilter(Status: AlertStatus.Snoozed), default));
        Assert.DoesNotContain(await desk.ListAsync(new AlertFilter(Status: AlertStatus.Acknowledged), default), a => a.Id == alert.Id);
        Assert.Equal(AlertStatus.Acknowledged, (await desk.GetAsync(alert.Id, default))!.StatusAt(DateTime.UtcNow.AddHours(2)));
        await using var db = await Host.StaffDbAsync();
        Assert.Equal(1, await db.Alerts.CountAsync(a => a.Kind == AlertKind.ReserveNearFloor));
    }
}
