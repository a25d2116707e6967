using System.Globalization;
using LeveragedTokens.Data.Exports;
using LeveragedTokens.Exports;
using LeveragedTokens.Exports.Reconciliation;
using Npgsql;

namespace LeveragedTokens.ExportVerifier;

/// <summary>
/// The auditor's other two commands, straight against the database:
///   export    --db &lt;cs&gt; --out &lt;folder&gt; [--dataset rebalances|reserve-ledger|reserve-metrics] [--format csv|jsonl|xlsx] [filters]
///   reconcile --db &lt;cs&gt; --chain &lt;id&gt; --pool &lt;0x..&gt; [--rpc &lt;url&gt;] [--out report.csv|report.json] [period filters]
/// Filters: --chain --token --pool --from-block --to-block --from-time --to-time (ISO 8601 UTC).
/// --db defaults to the ConnectionStrings__Dashboard environment variable.
/// </summary>
internal static class AuditCommands
{
    public static async Task<int> ExportAsync(Dictionary<string, string> o, TextWriter stdout, CancellationToken ct)
    {
        await using var dataSource = NpgsqlDataSource.Create(Db(o));
        var query = new ExportQuery
        {
            Dataset = o.GetValueOrDefault("dataset", "rebalances") switch
            {
                "rebalances" => ExportDataset.Rebalances,
                "reserve-ledger" => ExportDataset.ReserveLedger,
                "reserve-metrics" => ExportDataset.ReserveMetrics,
                var d => throw new ArgumentException($"unknown dataset '{d}'"),
            },
            ChainId = Long(o, "chain"), Token = o.GetValueOrDefault("token"), Pool = o.GetValueOrDefault("pool"),
            FromBlock = Long(o, "from-block"), ToBlock = Long(o, "to-block"), FromTime = Time(o, "from-time"), ToTime = Time(o, "to-time"),
        };
        var format = o.GetValueOrDefault("format", "csv") switch
        {
            "csv" => ExportFormat.Csv,
            "jsonl" => ExportFormat.JsonLines,
            "xlsx" => ExportFormat.Xlsx,
            var f => throw new ArgumentException($"unknown format '{f}'"),
        };
        var folder = o.GetValueOrDefault("out") ?? throw new ArgumentException("--out <folder> is required");
        var manifest = await new AuditExport(dataSource, new ExportOptions()).WriteFileAsync(query, format, folder, ct);
        await stdout.WriteLineAsync($"{Path.Combine(folder, manifest.FileName)}: {manifest.RowCount} rows, sha256 {manifest.Sha256}"
            + string.Concat(manifest.Coverage.Select(c => $", chain {c.ChainId} {c.Finality}")));
        return 0;
    }

    public static async Task<int> ReconcileAsync(Dictionary<string, string> o, TextWriter stdout, CancellationToken ct)
    {
        await using var dataSource = NpgsqlDataSource.Create(Db(o));
        var query = new ReconciliationQuery
        {
            ChainId = Long(o, "chain") ?? throw new ArgumentException("--chain <id> is required"),
            Pool = o.GetValueOrDefault("pool") ?? throw new ArgumentException("--pool <address> is required"),
            FromBlock = Long(o, "from-block"), ToBlock = Long(o, "to-block"), FromTime = Time(o, "from-time"), ToTime = Time(o, "to-time"),
        };
        var chain = o.TryGetValue("rpc", out var rpc) ? VerifierCli.Node(new Uri(rpc)) : null;
        var report = await new PoolReconciliation(dataSource, new ExportOptions()).RunAsync(query, chain, ct);
        foreach (var check in report.Checks)
            await stdout.WriteLineAsync($"{check.Check}: {check.Checked} checked, {check.Mismatches} mismatches"
                + (check.Unverifiable > 0 ? $", {check.Unverifiable} unverifiable" : "") + (check.Note is null ? "" : $" ({check.Note})"));
        foreach (var f in report.Findings.Take(200))
            await stdout.WriteLineAsync($"MISMATCH {f.Check} block {f.BlockNumber} log {f.LogIndex} tx {f.TxHash}: {f.Subject}: {f.Detail} (expected {f.Expected ?? "-"}, actual {f.Actual ?? "-"})");
        if (o.TryGetValue("out", out var path))
        {
            await using var file = File.Create(path);
            await ReconciliationReportWriter.WriteAsync(report, path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? ExportFormat.JsonLines : ExportFormat.Csv, file, ct);
        }
        await stdout.WriteLineAsync(report.Clean ? "OK: the pool reconciles" : $"FAILED: {report.Findings.Count} mismatches");
        return report.Clean ? 0 : 1;
    }

    private static string Db(Dictionary<string, string> o) =>
        o.GetValueOrDefault("db") ?? Environment.GetEnvironmentVariable("ConnectionStrings__Dashboard")
        ?? throw new ArgumentException("--db <connection string> (or ConnectionStrings__Dashboard) is required");

    private static long? Long(Dictionary<string, string> o, string key) =>
        o.TryGetValue(key, out var v) ? long.Parse(v, CultureInfo.InvariantCulture) : null;

    private static DateTime? Time(Dictionary<string, string> o, string key) =>
        o.TryGetValue(key, out var v) ? DateTime.Parse(v, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal) : null;
}
