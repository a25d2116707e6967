using System.Numerics;
using LeveragedTokens.Staff.Alerts;
using LeveragedTokens.Staff.Tests.Support;
using LeveragedTokens.Staff.Thresholds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using LeveragedTokens.TestSupport;

namespace LeveragedTokens.Staff.Tests;

/// <summary>Publication gaps, leverage band, fallback interval, runway, indexer lag and decode failures on seeded chain rows.</summary>
public sealed class ChainHealthRuleTests : IAsyncLifetime
{
    private const long Hour = ChainSeeder.BlocksPerHour;
    private StaffTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await StaffTestHost.StartAsync();
        await _host.Chain.RegisterAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Hourly metrics and snapshots for hours [from, to], leverage 3x, so nothing else fires.</summary>
    private async Task HourlyAsync(int from, int to, double leverage = 3)
    {
        for (var h = from; h <= to; h++)
        {
            await _host.Chain.MetricsAsync(h * Hour, 5000);
            await _host.Chain.SnapshotAsync(h * Hour + 1, leverage);
        }
    }

    [Fact]
    public async Task AGapOfMoreThanTwoHoursOfChainTimeFiresAMissedPublicationAlertThatTheNextPublicationResolves()
    {
        await HourlyAsync(1, 3);
        await _host.Chain.IndexedUpToAsync(6 * Hour + 10); // 3 h of chain time since the last publication
        await _host.EvaluateAsync();

        var missed = await _host.AlertsAsync(AlertKind.MissedPublication);
        Assert.Equal(2, missed.Count); // the pool's metrics and the token's snapshots
        Assert.All(missed, a => Assert.Equal(6 * Hour + 10, a.FiredBlock));
        Assert.All(missed, a => Assert.Null(a.ResolvedAt));

        await HourlyAsync(7, 7);
        await _host.Chain.IndexedUpToAsync(7 * Hour + 10);
        await _host.EvaluateAsync();
        Assert.All(await _host.AlertsAsync(AlertKind.MissedPublication), a => Assert.NotNull(a.ResolvedBlock));
        Assert.Equal(2, (await _host.AlertsAsync(AlertKind.MissedPublication)).Count);
    }

    [Fact]
    public async Task AGapInsideOneEvaluationFiresAndResolvesAtThePublicationThatEndsIt()
    {
        await HourlyAsync(1, 2);
        await _host.Chain.MetricsAsync(6 * Hour, 5000);
        await _host.Chain.IndexedUpToAsync(6 * Hour);
        await _host.EvaluateAsync();

        var pool = Assert.Single(await _host.AlertsAsync(AlertKind.MissedPublication), a => a.Subject == ChainSeeder.Pool);
        Assert.Equal(6 * Hour, pool.FiredBlock);
        Assert.Equal(6 * Hour, pool.ResolvedBlock);
        Assert.Equal(240m, pool.Value);
    }

    [Fact]
    public async Task LeverageOutOfBandWhileRebalancingIsDeferredFiresAndTheNextRebalanceResolvesIt()
    {
        await HourlyAsync(1, 2);
        await _host.Chain.DeferralAsync(3 * Hour, 3.7);
        await _host.Chain.SnapshotAsync(3 * Hour + 1, 3.7);
        await _host.Chain.RebalanceAsync(5 * Hour, 3.0);
        await _host.Chain.IndexedUpToAsync(5 * Hour);
        await _host.EvaluateAsync();

        var band = Assert.Single(await _host.AlertsAsync(AlertKind.LeverageOutOfBand));
        Assert.Equal(3 * Hour, band.FiredBlock);
        Assert.Equal(3.7m, band.Value);
        Assert.Equal(5 * Hour, band.ResolvedBlock);
        Assert.Contains("deferred", band.Message);
    }

    [Fact]
    public async Task OneOutOfBandSnapshotBeforeTheRebalanceIsNotAnAlertButTwoInARowAre()
    {
        await _host.Chain.SnapshotAsync(1 * Hour, 3.6);
        await _host.Chain.RebalanceAsync(1 * Hour + 5);
        await _host.Chain.SnapshotAsync(2 * Hour, 3.6);
        await _host.Chain.SnapshotAsync(3 * Hour, 3.7);
        await _host.Chain.IndexedUpToAsync(3 * Hour);
        await _host.EvaluateAsync();

        var band = Assert.Single(await _host.AlertsAsync(AlertKind.LeverageOutOfBand));
        Assert.Equal(3 * Hour, band.FiredBlock);
        Assert.Null(band.ResolvedAt);
    }

    [Fact]
    public async Task NoRebalanceForLongerThanTheFallbackIntervalPlusGraceFiresAtTheFirstBlockPastIt()
    {
        await _host.Chain.RebalanceAsync(Hour);
        for (var h = 2; h <= 27; h++) await _host.Chain.SnapshotAsync(h * Hour, 3);
        await _host.Chain.IndexedUpToAsync(27 * Hour);
        await _host.EvaluateAsync();

        // 24 h fallback + 60 min grace after the rebalance at hour 1: first evidence past 25 h is the snapshot at hour 27
        // (hour 26 is exactly 25 h, not longer).
        var overdue = Assert.Single(await _host.AlertsAsync(AlertKind.RebalanceOverdue));
        Assert.Equal(27 * Hour, overdue.FiredBlock);
        Assert.Equal(25 * 60m, overdue.Threshold);

        await _host.Chain.RebalanceAsync(28 * Hour);
        await _host.Chain.IndexedUpToAsync(28 * Hour);
        await _host.EvaluateAsync();
        Assert.Equal(28 * Hour, Assert.Single(await _host.AlertsAsync(AlertKind.RebalanceOverdue)).ResolvedBlock);
    }

    [Fact]
    public async Task ABufferCoveringFewerHoursThanTheThresholdOfRecentDrawsFiresARunwayAlert()
    {
        var wad = ChainSeeder.Wad;
        // 24 000 USD drawn over the last 24 h = 1 000 USD/h; a 10 000 USD buffer is a 10 h runway (< 24 h).
        await _host.Chain.RebalanceAsync(2 * Hour, reserveDraw: 12_000 * wad);
        await _host.Chain.RebalanceAsync(3 * Hour, reserveDraw: 12_000 * wad);
        await _host.Chain.MetricsAsync(4 * Hour, 5000, bufferDepth: 1_000_000 * wad);
        await _host.Chain.MetricsAsync(5 * Hour, 5000, bufferDepth: 10_000 * wad);
        await _host.Chain.MetricsAsync(6 * Hour, 5000, bufferDepth: new BigInteger(1_000_000) * wad);
        await _host.Chain.IndexedUpToAsync(6 * Hour);
        await _host.EvaluateAsync();

        var runway = Assert.Single(await _host.AlertsAsync(AlertKind.RunwayShort));
        Assert.Equal(5 * Hour, runway.FiredBlock);
        Assert.Equal(10m, runway.Value);
        Assert.Equal(24m, runway.Threshold);
        Assert.Equal(6 * Hour, runway.ResolvedBlock);
    }

    [Fact]
    public async Task AnIndexerFarBehindTheHeadFiresALagAlertThatClearsWhenItCatchesUp()
    {
        await _host.Chain.IndexedUpToAsync(100, head: 500);
        await _host.EvaluateAsync();
        var lag = Assert.Single(await _host.AlertsAsync(AlertKind.IndexerLag));
        Assert.Equal(400m, lag.Value);
        Assert.Equal(100m, lag.Threshold);

        await _host.Chain.IndexedUpToAsync(495, head: 500);
        await _host.EvaluateAsync();
        Assert.NotNull(Assert.Single(await _host.AlertsAsync(AlertKind.IndexerLag)).ResolvedAt);
    }

    [Fact]
    public async Task AnIndexerThatStoppedProgressingFiresALagAlert()
    {
        await _host.Chain.IndexedUpToAsync(100, updatedAt: DateTime.UtcNow.AddMinutes(-30));
        await _host.EvaluateAsync();

        var lag = Assert.Single(await _host.AlertsAsync(AlertKind.IndexerLag));
        Assert.Equal("min", lag.Unit);
        Assert.True(lag.Value >= 30m);
    }

    [Fact]
    public async Task NewDecodeFailuresFireAnAlertThatResolvesAfterAQuietDay()
    {
        await HourlyAsync(1, 2);
        await _host.Chain.DecodeFailureAsync(2 * Hour + 5);
        await _host.Chain.DecodeFailureAsync(2 * Hour + 6);
        await _host.Chain.IndexedUpToAsync(2 * Hour + 10);
        await _host.EvaluateAsync();
        var failures = Assert.Single(await _host.AlertsAsync(AlertKind.DecodeFailures));
        Assert.Equal(2 * Hour + 5, failures.FiredBlock);
        Assert.Equal(2m, failures.Value);

        await HourlyAsync(3, 27);
        await _host.Chain.IndexedUpToAsync(27 * Hour);
        await _host.EvaluateAsync();
        Assert.NotNull(Assert.Single(await _host.AlertsAsync(AlertKind.DecodeFailures)).ResolvedAt);
    }

    [Fact]
    public async Task EveryThresholdChangeIsRecordedWithWhoWhenOldAndNew()
    {
        var editor = _host.Services.GetRequiredService<ThresholdEditor>();
        await editor.SetAsync(ChainSeeder.Pool, ThresholdKey.NearFloorBps, 8500, "alice@example.test", "first", default);
        await editor.SetAsync(ChainSeeder.Pool, ThresholdKey.NearFloorBps, 9000, "bob@example.test", "tighter", default);
        Assert.Null(await editor.SetAsync(ChainSeeder.Pool, ThresholdKey.NearFloorBps, 9000, "bob@example.test", "same", default));
        await editor.SetAsync(ChainSeeder.Pool, ThresholdKey.NearFloorBps, null, "carol@example.test", "back to default", default);

        var history = (await editor.HistoryAsync(10, default)).Reverse().ToList();
        Assert.Equal([(null, 8500m, "alice@example.test"), (8500m, 9000m, "bob@example.test"), (9000m, (decimal?)null, "carol@example.test")],
            history.Select(c => (c.OldValue, c.NewValue, c.ChangedBy)));
        Assert.All(history, c => Assert.True(c.ChangedAt > DateTime.UtcNow.AddMinutes(-1)));
        var views = await editor.ListAsync([ChainSeeder.Pool], default);
        Assert.Equal(8000m, views.Single(v => v.Scope == ChainSeeder.Pool && v.Key == ThresholdKey.NearFloorBps).Effective);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => editor.SetAsync("*", ThresholdKey.RunwayHours, -1, "x", null, default));
    }

    [Fact]
    public async Task AcknowledgingRecordsWhoAndTheNoteAndSnoozingHidesTheAlertUntilItsTime()
    {
        await _host.Chain.MetricsAsync(Hour, 9000);
        await _host.Chain.IndexedUpToAsync(Hour);
        await _host.EvaluateAsync();
        var desk = _host.Services.GetRequiredService<AlertDesk>();
        var alert = Assert.Single(await desk.ListAsync(new AlertFilter(Kind: AlertKind.ReserveNearFloor), default));
        Assert.Equal(1, await desk.CountNeedingAttentionAsync(default) - (await _host.AlertsAsync()).Count(a => a.Kind != AlertKind.ReserveNearFloor && a.ResolvedAt == null));

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
        await using var db = await _host.StaffDbAsync();
        Assert.Equal(1, await db.Alerts.CountAsync(a => a.Kind == AlertKind.ReserveNearFloor));
    }
}
