using System.Globalization;
using LeveragedTokens.Data.Sql;

namespace LeveragedTokens.Exports.Reconciliation;

/// <summary>
/// A pool's ReserveDrawn and its token's Rebalanced are emitted in the same transaction with
/// the same id and value; a draw without its rebalance (or a reserveDraw > 0 without a draw) is reported.
/// </summary>
internal static class DrawMatchCheck
{
    public static async Task<CheckSummary> RunAsync(ReconciliationContext context, CancellationToken ct)
    {
        long checkedCount = 0, bad = 0;
        await foreach (var reader in context.RowsAsync(ReconciliationSql.DrawsBesideRebalances, ct))
        {
            var hasDraw = !reader.IsDBNull(0);
            var o = hasDraw ? 0 : 8;
            var block = reader.GetInt64(o);
            var time = DateTime.SpecifyKind(reader.GetDateTime(o + 3), DateTimeKind.Utc);
            if (!context.Query.InPeriod(block, time)) continue;
            checkedCount++;
            string? problem = null, expected = null, actual = null;
            if (!hasDraw) problem = $"rebalance {reader.GetInt64(14)} of {reader.GetString(13)} reports reserveDraw {reader.GetString(15)} but the pool has no ReserveDrawn for it";
            else if (reader.IsDBNull(8)) problem = $"ReserveDrawn for {reader.GetString(5)} rebalance {(reader.IsDBNull(6) ? "?" : reader.GetInt64(6).ToString(CultureInfo.InvariantCulture))} has no matching Rebalanced";
            else if (reader.GetString(2) != reader.GetString(10)) problem = $"ReserveDrawn and Rebalanced {reader.GetInt64(14)} are in different transactions ({reader.GetString(10)})";
            else if (reader.GetString(7) != reader.GetString(15))
            {
                (expected, actual) = (reader.GetString(15), reader.GetString(7));
                problem = $"ReserveDrawn value differs from rebalance {reader.GetInt64(14)}'s reserveDraw";
            }
            if (problem is null) continue;
            bad++;
            context.Findings.Add(new ReconciliationFinding(ReconciliationChecks.DrawMatchesRebalance, reader.GetString(o + 4), block,
                reader.GetInt32(o + 1), reader.GetString(o + 2), time, hasDraw ? "ReserveDrawn" : "Rebalanced", expected, actual, problem));
        }
        return new CheckSummary(ReconciliationChecks.DrawMatchesRebalance, checkedCount, bad);
    }
}
