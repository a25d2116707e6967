using LeveragedTokens.Staff.Thresholds;

namespace LeveragedTokens.Staff.Tests;

public sealed class ReserveAlertRuleTests : StaffHostTest
{
    private async Task SeedStressAsync()
    {
        // Hourly metrics: calm, near the floor at 900, below at 1200, suspended, back above, calm at 2100.
        long[] utilization = [5000, 6000, 7999, 8000, 9500, 10001, 10500, 9000, 7000, 6000];
        for (var i = 0; i < utilization.Length; i++)
            await Host.Chain.MetricsAsync(300 * (i + 1), utilization[i]);
        await Host.Chain.SuspensionAsync(1801, suspended: true);
        await Host.Chain.SuspensionAsync(2401, suspended: false);
    }

    [Fact]
    public async Task NearFloorWarningAndBelowFloorCriticalFireAtTheCrossingBlocksAndResolveOnRecovery()
    {
        await SeedStressAsync();
        await Host.Chain.IndexedUpToAsync(3000);

        await Host.EvaluateAsync();

        var near = Assert.Single(await Host.AlertsAsync(AlertKind.ReserveNearFloor));
        Assert.Equal(AlertSeverity.Warning, near.Severity);
        Assert.Equal(1200, near.FiredBlock);
        Assert.Equal(ChainSeeder.TxOf(1200), near.FiredTxHash);
        Assert.Equal(8000m, near.Value);
        Assert.Equal(8000m, near.Threshold);
        Assert.Equal(2700, near.ResolvedBlock);
        Assert.Equal(ChainSeeder.TimeOf(2700), near.ResolvedAt);
        Assert.StartsWith("/chains/31337/reserves/BTC?", near.ChartLink);

        var below = Assert.Single(await Host.AlertsAsync(AlertKind.ReserveBelowFloor));
        Assert.Equal(AlertSeverity.Critical, below.Severity);
        Assert.Equal(1800, below.FiredBlock);
        Assert.Equal(10001m, below.Value);
        Assert.Equal(2400, below.ResolvedBlock);
    }

    [Fact]
    public async Task SuspensionOpensACriticalAlertAndResumptionResolvesIt()
    {
        await SeedStressAsync();
        await Host.Chain.IndexedUpToAsync(3000);

        await Host.EvaluateAsync();

        var suspension = Assert.Single(await Host.AlertsAsync(AlertKind.RebalancingSuspended));
        Assert.Equal(AlertSeverity.Critical, suspension.Severity);
        Assert.Equal(1801, suspension.FiredBlock);
        Assert.Equal(2401, suspension.ResolvedBlock);
    }

    [Fact]
    public async Task EvaluatingBlockByBlockFiresAndResolvesAtTheSameBlocksAsOneEvaluation()
    {
        await SeedStressAsync();
        for (var block = 150; block <= 3000; block += 150)
        {
            await Host.Chain.IndexedUpToAsync(block);
            await Host.EvaluateAsync();
        }

        var alerts = await Host.AlertsAsync();
        var reserve = alerts.Where(a => a.Kind is AlertKind.ReserveNearFloor or AlertKind.ReserveBelowFloor or AlertKind.RebalancingSuspended)
            .Select(a => (a.Kind, a.FiredBlock, a.ResolvedBlock)).OrderBy(a => a.FiredBlock).ToList();
        Assert.Equal([(AlertKind.ReserveNearFloor, 1200L, (long?)2700L), (AlertKind.ReserveBelowFloor, 1800L, 2400L), (AlertKind.RebalancingSuspended, 1801L, 2401L)], reserve);
    }

    [Fact]
    public async Task TheSameConditionNeverOpensASecondAlertWhileOneIsUnresolved()
    {
        await Host.EvaluateMetricsAsync(300, 9000);
        await Host.Chain.MetricsAsync(600, 9100);
        await Host.EvaluateMetricsAsync(900, 8500);
        await Host.EvaluateAsync();

        var near = Assert.Single(await Host.AlertsAsync(AlertKind.ReserveNearFloor));
        Assert.Equal(300, near.FiredBlock);
        Assert.Null(near.ResolvedAt);

        // After it resolves, a new crossing is a new alert.
        await Host.Chain.MetricsAsync(1200, 5000);
        await Host.EvaluateMetricsAsync(1500, 8200);
        Assert.Equal([300L, 1500L], (await Host.AlertsAsync(AlertKind.ReserveNearFloor)).Select(a => a.FiredBlock));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    public async Task APoolHoveringAtTheLevelKeepsOneAlertUntilItFallsClearOfTheMargin(int? marginBps)
    {
        if (marginBps is { } margin)
        {
            var editor = (ThresholdEditor)Host.Services.GetService(typeof(ThresholdEditor))!;
            await editor.SetAsync(ThresholdScopes.Of(ChainSeeder.ChainId, ChainSeeder.Pool), ThresholdKey.FloorClearMarginBps, margin, "risk@example.test", "no hysteresis", default);
        }
        long[] utilization = [5000, 8100, 7900, 8200, 7850, 7700];
        for (var i = 0; i < utilization.Length; i++)
            await Host.Chain.MetricsAsync(300 * (i + 1), utilization[i]);
        await Host.Chain.IndexedUpToAsync(1800);

        await Host.EvaluateAsync();

        var near = (await Host.AlertsAsync(AlertKind.ReserveNearFloor)).Select(a => (a.FiredBlock, a.ResolvedBlock)).ToList();
        // The default margin (200 bps) holds the alert open through 7900 and 7850; without a margin every dip resolves it.
        Assert.Equal(marginBps is null ? [(600L, (long?)1800L)] : [(600L, (long?)900L), (1200L, (long?)1500L)], near);
    }

    [Fact]
    public async Task APoolThresholdOverridesTheDefaultWarningLevel()
    {
        var editor = Host.Services.GetService(typeof(ThresholdEditor)) as ThresholdEditor;
        await editor!.SetAsync(ThresholdScopes.Of(ChainSeeder.ChainId, ChainSeeder.Pool), ThresholdKey.NearFloorBps, 9000, "risk@example.test", "tighter for BTC", default);
        await SeedStressAsync();
        await Host.Chain.IndexedUpToAsync(3000);

        await Host.EvaluateAsync();

        var near = Assert.Single(await Host.AlertsAsync(AlertKind.ReserveNearFloor));
        Assert.Equal(1500, near.FiredBlock);
        Assert.Equal(9000m, near.Threshold);
        Assert.Equal(2700, near.ResolvedBlock);
    }
}
