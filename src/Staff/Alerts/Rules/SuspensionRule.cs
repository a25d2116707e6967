using Microsoft.EntityFrameworkCore;
using LeveragedTokens.Protocol;

namespace LeveragedTokens.Staff.Alerts.Rules;

/// <summary>RebalancingSuspended opens a critical alert; RebalancingResumed resolves it.</summary>
public sealed class SuspensionRule : IAlertRule
{
    public async Task EvaluateAsync(RuleContext ctx, CancellationToken ct)
    {
        var rows = await ctx.NewRows(ctx.Chain.SuspensionEvents).ToListAsync(ct);
        foreach (var row in rows)
        {
            var label = ctx.PoolLabel(row.PoolAddress);
            var reserve = Wad.ToDecimal(row.ReserveValue);
            var floor = Wad.ToDecimal(row.FloorValue);
            var evidence = new Evidence(row.BlockNumber, row.TxHash, row.BlockTime, reserve, floor, "USD",
                $"{label} suspended rebalancing: reserve {reserve:N0} USD below floor {floor:N0} USD");
            ctx.Book.Observe(new Condition(AlertKind.RebalancingSuspended, AlertSeverity.Critical, row.PoolAddress, label),
                row.IsSuspended, evidence);
        }
    }
}
