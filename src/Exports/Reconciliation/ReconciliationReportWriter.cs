using System.Globalization;
using System.Text;
using LeveragedTokens.Data.Exports;

namespace LeveragedTokens.Exports.Reconciliation;

/// <summary>The report as CSV (one finding per row, RFC 4180, formula-safe) or JSON (the whole report).</summary>
public static class ReconciliationReportWriter
{
    public static readonly string[] CsvColumns =
        ["check", "contract_address", "block_number", "log_index", "tx_hash", "block_time", "subject", "expected", "actual", "detail"];

    public static async Task WriteAsync(ReconciliationReport report, ExportFormat format, Stream output, CancellationToken ct)
    {
        if (format == ExportFormat.Xlsx) throw new NotSupportedException("Reconciliation reports are CSV or JSON.");
        var text = format == ExportFormat.Csv ? ToCsv(report) : report.ToJson();
        await output.WriteAsync(new UTF8Encoding(false).GetBytes(text), ct);
    }

    public static string ToCsv(ReconciliationReport report)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', CsvColumns)).Append("\r\n");
        foreach (var f in report.Findings)
        {
            string?[] cells =
            [
                f.Check, f.Contract, f.BlockNumber.ToString(CultureInfo.InvariantCulture), f.LogIndex.ToString(CultureInfo.InvariantCulture),
                f.TxHash, f.BlockTime?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), f.Subject, f.Expected, f.Actual, f.Detail,
            ];
            // expected/actual hold integers (possibly negative): only text columns are neutralised.
            CsvField.AppendLine(sb, cells, i => i is not (2 or 3 or 7 or 8));
        }
        return sb.ToString();
    }
}
