using System.Globalization;
using LeveragedTokens.Chain;
using LeveragedTokens.Data.Exports;
using LeveragedTokens.Exports.Chain;
using LeveragedTokens.Exports.Verification;
using LeveragedTokens.Data.Sql;

namespace LeveragedTokens.Exports.Reconciliation;

/// <summary>
/// The database rows of the pool and its tokens vs eth_getLogs over the period's blocks: a log
/// missing from the database, a row the chain does not have, or a field that differs.
/// </summary>
internal static class ChainLogCheck
{
    public static async Task<CheckSummary> RunAsync(
        ReconciliationContext context, AuditExport export, ChainRpc chain, IReadOnlyList<IndexerCheckpoint> checkpoints, CancellationToken ct)
    {
        var q = context.Query;
        var (from, to) = await BlockRangeAsync(context, checkpoints, ct);
        if (from is null || to is null || from > to)
            return new CheckSummary(ReconciliationChecks.ChainLogs, 0, 0, Note: "no block range to compare");

        var rows = new Dictionary<(long Block, int Log), Dictionary<string, string?>>();
        foreach (var dataset in Enum.GetValues<ExportDataset>())
        {
            var query = new ExportQuery { Dataset = dataset, ChainId = q.ChainId, Pool = q.Pool, FromBlock = from, ToBlock = to };
            await foreach (var cells in export.ReadRowsAsync(query, context.Connection, context.Transaction, ct))
                rows[(long.Parse(cells["block_number"]!, CultureInfo.InvariantCulture), int.Parse(cells["log_index"]!, CultureInfo.InvariantCulture))] = cells;
        }

        long checkedCount = 0, bad = 0;
        var addresses = context.Tokens.Append(q.Pool).ToArray();
        await foreach (var log in ChainLogs.ReadAsync(chain, from.Value, to.Value, addresses, ct))
        {
            var expected = ExpectedRow.For(log, block: null);
            if (expected is null) continue;
            checkedCount++;
            if (!rows.Remove((log.BlockNumber, log.LogIndex), out var cells))
            {
                bad++;
                Add(context, log.Address, log.BlockNumber, log.LogIndex, log.TxHash, null, expected["event"]!, null, null,
                    "the chain has this log but the database has no row for it");
                continue;
            }
            var differences = ExportVerification.Compare(new ExportFileRow(0, cells), expected).ToList();
            if (differences.Count == 0) continue;
            bad++;
            foreach (var d in differences)
                Add(context, log.Address, log.BlockNumber, log.LogIndex, log.TxHash, null, d.Column, d.Chain, d.File,
                    "database row differs from the chain's log");
        }
        foreach (var ((block, log), cells) in rows.OrderBy(r => r.Key))
        {
            bad++;
            Add(context, cells["contract_address"]!, block, log, cells["tx_hash"]!, null, cells["event"] ?? "row", null, null,
                "the database has this row but eth_getLogs returned no such log");
        }
        return new CheckSummary(ReconciliationChecks.ChainLogs, checkedCount, bad,
            Note: $"blocks {from.Value.ToString(CultureInfo.InvariantCulture)}-{to.Value.ToString(CultureInfo.InvariantCulture)}");
    }

    private static void Add(ReconciliationContext c, string contract, long block, int log, string tx, DateTime? time,
        string subject, string? expected, string? actual, string detail) =>
        c.Findings.Add(new ReconciliationFinding(ReconciliationChecks.ChainLogs, contract, block, log, tx, time, subject, expected, actual, detail));

    /// <summary>The period's blocks; open ends fall back to the pool's registration block and the final block.</summary>
    private static async Task<(long? From, long? To)> BlockRangeAsync(
        ReconciliationContext context, IReadOnlyList<IndexerCheckpoint> checkpoints, CancellationToken ct)
    {
        var q = context.Query;
        await using var command = context.Command(ReconciliationSql.PeriodBlocks);
        command.Parameters.AddWithValue("from_time", (q.FromTime ?? DateTime.UnixEpoch).ToUniversalTime());
        command.Parameters.AddWithValue("to_time", (q.ToTime ?? DateTime.MaxValue.AddDays(-1)).ToUniversalTime());
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        long? firstInTime = reader.IsDBNull(0) ? null : reader.GetInt64(0);
        long? lastInTime = reader.IsDBNull(1) ? null : reader.GetInt64(1);
        long? registered = reader.IsDBNull(2) ? null : reader.GetInt64(2);
        // Export rows stop at the final block: comparing beyond it would report unconfirmed logs as missing.
        var final = checkpoints.FirstOrDefault(c => c.ChainId == q.ChainId)?.FinalBlock;
        var from = q.FromBlock ?? (q.FromTime is null ? registered ?? 0 : firstInTime);
        var to = q.ToBlock ?? (q.ToTime is null ? final : lastInTime);
        if (to > final) to = final;
        return (from, to);
    }
}
