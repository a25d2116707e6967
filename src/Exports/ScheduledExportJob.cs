using System.ComponentModel.DataAnnotations;
using Npgsql;
using LeveragedTokens.Data.Exports;
using LeveragedTokens.Data.Sql;

namespace LeveragedTokens.Exports;

/// <summary>Bound from "Exports:Scheduled".</summary>
public sealed class ScheduledExportOptions
{
    public const string Section = "Exports:Scheduled";

    /// <summary>Folder that receives {yyyy-MM-dd}/{file} and {file}.manifest.json.</summary>
    [Required] public string Folder { get; set; } = "";
    [Range(1, long.MaxValue)] public long ChainId { get; set; }
    public ExportDataset[] Datasets { get; set; } = [ExportDataset.Rebalances, ExportDataset.ReserveLedger, ExportDataset.ReserveMetrics];
    public ExportFormat[] Formats { get; set; } = [ExportFormat.Csv];
    /// <summary>How many past UTC days a run fills in if their files are missing (a missed run catches up).</summary>
    [Range(1, 366)] public int CatchUpDays { get; set; } = 7;
}

/// <summary>
/// A finite, idempotent job for a Hangfire recurring schedule: for each of the last
/// <see cref="ScheduledExportOptions.CatchUpDays"/> complete UTC days whose files are missing,
/// writes one export per dataset and format plus its manifest. A day counts as complete once the
/// indexer holds a final block stamped at or after the day's end, so a file never misses late rows.
/// </summary>
public sealed class ScheduledExportJob(
    AuditExport export, NpgsqlDataSource dataSource, ScheduledExportOptions options, TimeProvider? time = null)
{
    public async Task<IReadOnlyList<ExportManifest>> RunAsync(CancellationToken ct)
    {
        var today = (time ?? TimeProvider.System).GetUtcNow().UtcDateTime.Date;
        var written = new List<ExportManifest>();
        for (var d = options.CatchUpDays; d >= 1; d--)
        {
            var day = DateTime.SpecifyKind(today.AddDays(-d), DateTimeKind.Utc);
            var folder = Path.Combine(options.Folder, day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            var pending = (
                from dataset in options.Datasets
                from format in options.Formats
                let query = new ExportQuery { Dataset = dataset, ChainId = options.ChainId, FromTime = day, ToTime = day.AddDays(1) }
                where !File.Exists(ExportFileNames.ManifestFor(Path.Combine(folder, ExportFileNames.For(query, format))))
                select (query, format)).ToList();
            if (pending.Count == 0) continue;
            if (!await IsFinalThroughAsync(day.AddDays(1), ct)) break;
            foreach (var (query, format) in pending)
                written.Add(await export.WriteFileAsync(query, format, folder, ct));
        }
        return written;
    }

    private async Task<bool> IsFinalThroughAsync(DateTime end, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(AuditSql.FinalPast);
        command.Parameters.AddWithValue("chain", options.ChainId);
        command.Parameters.AddWithValue("end", end);
        return await command.ExecuteScalarAsync(ct) is true;
    }
}
