using LeveragedTokens.Staff.Thresholds;
using LeveragedTokens.Protocol;

namespace LeveragedTokens.Staff.Alerts.Rules;

/// <summary>
/// Near floor (utilization ≥ warning level) and below floor (≥ 10000 bps), per published ReserveMetrics row.
/// An open alert resolves only once utilization is FloorClearMarginBps below its level (hysteresis).
/// </summary>
public sealed class ReserveFloorRule : IAlertRule
{
    public async Task EvaluateAsync(RuleContext ctx, CancellationToken ct)
    {
        foreach (var row in await ctx.NewReserveMetricsAsync(ct))
        {
            var label = ctx.PoolLabel(row.PoolAddress);
            var utilization = Wad.ToDecimal(row.UtilizationBps, decimals: 0);
            Check(AlertKind.ReserveNearFloor, AlertSeverity.Warning, ThresholdKey.NearFloorBps, "near the floor");
            Check(AlertKind.ReserveBelowFloor, AlertSeverity.Critical, ThresholdKey.BelowFloorBps, "below the floor");

            void Check(AlertKind kind, AlertSeverity severity, ThresholdKey key, string what)
            {
                var threshold = ctx.Thresholds.Get(row.PoolAddress, key);
                var condition = new Condition(kind, severity, row.PoolAddress, label);
                var level = ctx.Book.IsOpen(condition) ? threshold - ctx.Thresholds.Get(row.PoolAddress, ThresholdKey.FloorClearMarginBps) : threshold;
                var evidence = new Evidence(row.BlockNumber, row.TxHash, row.BlockTime, utilization, threshold, "bps",
                    $"{label} reserve {what}: utilization {utilization:0} bps >= {threshold:0} bps");
                ctx.Book.Observe(condition, utilization >= level, evidence);
            }
        }
    }
}
