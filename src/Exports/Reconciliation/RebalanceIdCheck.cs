using System.Globalization;
using LeveragedTokens.Data.Sql;

namespace LeveragedTokens.Exports.Reconciliation;

/// <summary>rebalanceId counts up from 1 per token with no gaps: each gap or repeat is reported at the row after it.</summary>
internal static class RebalanceIdCheck
{
    public static async Task<CheckSummary> RunAsync(ReconciliationContext context, CancellationToken ct)
    {
        string? token = null;
        long previous = 0, checkedCount = 0, bad = 0;
        await foreach (var reader in context.RowsAsync(ReconciliationSql.RebalanceIds, ct))
        {
            var t = reader.GetString(0);
            if (t != token) { token = t; previous = 0; }
            var id = reader.GetInt64(1);
            var block = reader.GetInt64(2);
            var time = DateTime.SpecifyKind(reader.GetDateTime(5), DateTimeKind.Utc);
            if (!context.Query.BeforeEnd(block, time)) { previous = id; continue; }
            if (context.Query.InPeriod(block, time))
            {
                checkedCount++;
                if (id != previous + 1)
                {
                    bad++;
                    context.Findings.Add(new ReconciliationFinding(
                        ReconciliationChecks.RebalanceIds, reader.GetString(6), block, reader.GetInt32(3), reader.GetString(4), time,
                        $"token {t}", (previous + 1).ToString(CultureInfo.InvariantCulture), id.ToString(CultureInfo.InvariantCulture),
                        id == previous ? $"rebalance id {id} appears twice"
                        : id > previous + 1 ? $"ids jump from {previous} to {id}: {(id - previous - 1).ToString(CultureInfo.InvariantCulture)} missing"
                        : $"id {id} after {previous}: out of order"));
                }
            }
            previous = id;
        }
        return new CheckSummary(ReconciliationChecks.RebalanceIds, checkedCount, bad);
    }
}
