using System.Data;
using LeveragedTokens.Data.Exports;
using LeveragedTokens.Exports.Writers;
using Npgsql;

namespace LeveragedTokens.Exports;

/// <summary>
/// The export engine: one read-only REPEATABLE READ snapshot, one SELECT streamed from Postgres
/// (a SequentialAccess reader; the server formats every value as text) into the chosen format,
/// the output drained in 64 KB chunks (memory stays flat however many rows), a manifest returned
/// at the end. (Postgres' COPY ... CSV was measured too: Npgsql's text export of it ran slower
/// than this row loop, see docs/benchmarks.md.)
/// </summary>
public sealed class AuditExport(NpgsqlDataSource dataSource, ExportOptions options, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>
    /// Streams the export into <paramref name="output"/> and returns its manifest (not written anywhere). Rows stop at
    /// the query's toBlock or else the latest final block; a toBlock above the final block throws
    /// <see cref="ExportNotFinalException"/> before the first byte.
    /// </summary>
    public async Task<ExportManifest> WriteAsync(ExportQuery query, ExportFormat format, Stream output, CancellationToken ct)
    {
        var schema = ExportSchemas.For(query.Dataset);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction))
            await readOnly.ExecuteNonQueryAsync(ct);
        var checkpoints = await IndexerCheckpoints.ReadAsync(connection, transaction, query.ChainId, ct);
        var coverage = await ExportCoverage.ReadAsync(schema, query, connection, transaction, ct);

        await using var hashing = new HashingStream(output);
        var summary = await WriteRowsAsync(schema, query, format, connection, transaction, hashing, ct);
        await hashing.FlushAsync(ct);
        await transaction.CommitAsync(ct);

        return new ExportManifest
        {
            SchemaVersion = ExportSchemas.Version,
            Dataset = query.Dataset.ToString(),
            Format = format.ToString(),
            FileName = ExportFileNames.For(query, format),
            Query = query,
            Columns = [.. schema.Columns.Select(c => c.Name)],
            RowCount = summary.Rows,
            Truncated = summary.Truncated,
            RowCap = query.MaxRows,
            BlockRange = summary.Rows == 0 ? null : new BlockRange(summary.FirstBlock, summary.LastBlock),
            IndexerCheckpoints = checkpoints,
            Coverage = coverage,
            Sha256 = hashing.HashHex(),
            Bytes = hashing.BytesWritten,
            SoftwareVersion = options.ResolveSoftwareVersion(),
            GeneratedAt = _time.GetUtcNow().UtcDateTime,
        };
    }

    /// <summary>
    /// Why <paramref name="query"/> would be refused (a toBlock above the final block), or null: hosts ask before
    /// they start a response. The final block only grows, so a query that passes here still passes in WriteAsync.
    /// </summary>
    public async Task<string?> NotFinalAsync(ExportQuery query, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await ExportCoverage.NotFinalAsync(query, connection, ct);
    }

    /// <summary>The public quick export: the same query capped at <see cref="ExportOptions.QuickExportMaxRows"/>.</summary>
    public Task<ExportManifest> WriteQuickAsync(ExportQuery query, ExportFormat format, Stream output, CancellationToken ct) =>
        WriteAsync(Quick(query), format, output, ct);

    /// <summary>The query a quick export runs (for its file name: <c>ExportFileNames.For(export.Quick(q), format)</c>).</summary>
    public ExportQuery Quick(ExportQuery query) =>
        query with { MaxRows = Math.Min(query.MaxRows ?? int.MaxValue, options.QuickExportMaxRows) };

    /// <summary>
    /// Writes {directory}/{file} and {file}.manifest.json. Both appear only when complete
    /// (written under a temporary name, then moved), so a reader never sees half a file.
    /// </summary>
    public async Task<ExportManifest> WriteFileAsync(ExportQuery query, ExportFormat format, string directory, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, ExportFileNames.For(query, format));
        var manifestPath = ExportFileNames.ManifestFor(path);
        ExportManifest manifest;
        try
        {
            await using (var file = new FileStream(path + ".partial", FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                manifest = await WriteAsync(query, format, file, ct);
            await File.WriteAllTextAsync(manifestPath + ".partial", manifest.ToJson(), ct);
            File.Move(path + ".partial", path, overwrite: true);
            File.Move(manifestPath + ".partial", manifestPath, overwrite: true);
        }
        finally
        {
            File.Delete(path + ".partial");
            File.Delete(manifestPath + ".partial");
        }
        return manifest;
    }

    /// <summary>
    /// The export's SELECT with parameters inlined and (by default) text cells neutralised in SQL:
    /// psql's \copy of it gives the same CSV cells, for baselines and auditors' own checks.
    /// </summary>
    public string SqlFor(ExportQuery query, bool neutraliseText = true)
    {
        using var command = ExportSql.Build(ExportSchemas.For(query.Dataset), query, options.ExplorerBaseUrls, neutraliseText, connection: null);
        return ExportSql.Inline(command);
    }

    private readonly record struct RowSummary(long Rows, long FirstBlock, long LastBlock, bool Truncated);

    private async Task<RowSummary> WriteRowsAsync(DatasetSchema schema, ExportQuery query, ExportFormat format,
        NpgsqlConnection connection, NpgsqlTransaction transaction, HashingStream output, CancellationToken ct)
    {
        using var staging = new StagingStream();
        using var writer = IExportRowWriter.Create(format, staging);
        writer.WriteHeader(schema.Columns);
        long rows = 0, first = long.MaxValue, last = long.MinValue;
        var truncated = false;
        var blockIndex = schema.IndexOf("block_number");
        var values = new string?[schema.SchemaColumns.Count];
        await using (var command = ExportSql.Build(schema, query, options.ExplorerBaseUrls, neutraliseText: false, connection))
        {
            command.Transaction = transaction;
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
            while (await reader.ReadAsync(ct))
            {
                if (rows == query.MaxRows)
                {
                    truncated = true;
                    break;
                }
                for (var i = 0; i < values.Length; i++) values[i] = reader.IsDBNull(i) ? null : reader.GetString(i);
                writer.WriteRow(values);
                rows++;
                var block = long.Parse(values[blockIndex]!, System.Globalization.CultureInfo.InvariantCulture);
                (first, last) = (Math.Min(first, block), Math.Max(last, block));
                if (staging.Buffered >= StagingStream.DrainThreshold) await staging.DrainAsync(output, ct);
            }
        }
        writer.Complete();
        await staging.DrainAsync(output, ct);
        return new RowSummary(rows, first, last, truncated);
    }

    /// <summary>The rows of a query as cells by column name, inside the caller's transaction (reconciliation).</summary>
    internal async IAsyncEnumerable<Dictionary<string, string?>> ReadRowsAsync(
        ExportQuery query, NpgsqlConnection connection, NpgsqlTransaction transaction,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var schema = ExportSchemas.For(query.Dataset);
        await using var command = ExportSql.Build(schema, query, options.ExplorerBaseUrls, neutraliseText: false, connection);
        command.Transaction = transaction;
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
        {
            var cells = new Dictionary<string, string?>(schema.SchemaColumns.Count);
            for (var i = 0; i < schema.SchemaColumns.Count; i++)
                cells[schema.SchemaColumns[i].Column.Name] = reader.IsDBNull(i) ? null : reader.GetString(i);
            yield return cells;
        }
    }
}
