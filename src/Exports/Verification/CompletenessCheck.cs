using System.Globalization;
using LeveragedTokens.Chain;
using LeveragedTokens.Data.Exports;
using LeveragedTokens.Exports.Chain;

namespace LeveragedTokens.Exports.Verification;

/// <summary>
/// Proves an export complete: eth_getLogs over the manifest's covered blocks and contracts, kept to the dataset's
/// events and the query's times, must give exactly the file's rows. A log without its row is omitted, a row
/// without its log extra.
/// </summary>
internal static class CompletenessCheck
{
    public static (long Block, int Log)? KeyOf(ExportFileRow row) =>
        long.TryParse(row.Cells.GetValueOrDefault("block_number"), NumberStyles.None, CultureInfo.InvariantCulture, out var block)
        && int.TryParse(row.Cells.GetValueOrDefault("log_index"), NumberStyles.None, CultureInfo.InvariantCulture, out var log)
            ? (block, log) : null;

    /// <summary>Just what describes a row, so a file of millions of rows fits in memory.</summary>
    public static ExportFileRow Slim(ExportFileRow row) => new(row.RowNumber, new Dictionary<string, string?>
    {
        ["block_number"] = row.Cells.GetValueOrDefault("block_number"),
        ["log_index"] = row.Cells.GetValueOrDefault("log_index"),
        ["tx_hash"] = row.Cells.GetValueOrDefault("tx_hash"),
    });

    /// <returns>What was covered, for the verifier's last line.</returns>
    public static async Task<string> RunAsync(ChainRpc chain, ExportManifest manifest, ChainCoverage coverage,
        IReadOnlyDictionary<(long Block, int Log), ExportFileRow> rows, HeaderCache headers, List<VerificationFinding> findings, CancellationToken ct)
    {
        var dataset = Enum.Parse<ExportDataset>(manifest.Dataset);
        var (fromTime, toTime) = (Unix(manifest.Query.FromTime), Unix(manifest.Query.ToTime));
        var onChain = new HashSet<(long Block, int Log)>();
        await foreach (var log in ChainLogs.ReadAsync(chain, coverage.FromBlock, coverage.FinalBlock, coverage.Contracts, ct))
        {
            if (ExpectedRow.DatasetOf(log) != dataset) continue;
            if (fromTime is not null || toTime is not null)
            {
                var time = (await headers.GetAsync(log.BlockNumber, ct))?.Timestamp;
                if (time < fromTime || time >= toTime) continue;
            }
            onChain.Add((log.BlockNumber, log.LogIndex));
            if (!rows.ContainsKey((log.BlockNumber, log.LogIndex)))
                findings.Add(new VerificationFinding(null, ExpectedRow.EventNameOf(log)!, log.Address, null,
                    "the chain has this log, the file lacks it", FindingKind.Omitted, log));
        }
        var range = $"blocks {coverage.FromBlock}-{coverage.FinalBlock}";
        foreach (var (key, row) in rows.OrderBy(r => r.Value.RowNumber))
            if (!onChain.Contains(key))
                findings.Add(new VerificationFinding(row, "row", null, null,
                    $"no {manifest.Dataset} log of the covered contracts in {range} accounts for this row", FindingKind.Extra));
        return $"{onChain.Count} logs of {coverage.Contracts.Count} contracts in {range}, {coverage.Finality}";
    }

    private static long? Unix(DateTime? time) => time is { } t ? new DateTimeOffset(ExportSql.AsUtc(t)).ToUnixTimeSeconds() : null;
}
