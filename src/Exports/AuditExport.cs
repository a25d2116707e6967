using System.Data;
using LeveragedTokens.Exports.Schema;
using LeveragedTokens.Exports.Writers;
using Npgsql;

namespace LeveragedTokens.Exports;

/// <summary>
/// The export engine: one read-only REPEATABLE READ snapshot, one SELECT streamed row by row
/// from Postgres into the chosen format, the output drained in 64 KB chunks (memory stays flat
/// however many rows), a manifest returned at the end.
/// </summary>
public sealed class AuditExport(NpgsqlDataSource dataSource, ExportOptions options, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Streams the export into <paramref name="output"/> and returns its manifest (not written anywhere).</summary>
    public async Task<ExportManifest> WriteAsync(ExportQuery query, ExportFormat format, Stream output, CancellationToken ct)
    {
        var schema = ExportSchemas.For(query.Dataset);
        var columns = schema.Columns;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction))
            await readOnly.ExecuteNonQueryAsync(ct);
        var checkpoints = await IndexerCheckpoints.ReadAsync(connection, transaction, query.ChainId, ct);

        await using var hashing = new HashingStream(output);
        using var staging = new StagingStream();
        using var writer = IExportRowWriter.Create(format, staging);
        writer.WriteHeader(columns);

        long rows = 0, firstBlock = long.MaxValue, lastBlock = long.MinValue;
        var truncated = false;
        var plan = schema.Plan;
        var blockIndex = schema.SqlIndexOf("block_number");
        var chainIndex = schema.SqlIndexOf("chain_id");
        var sqlValues = new string?[schema.SqlColumns.Count];
        var values = new string?[plan.Count];

        await using (var command = ExportSql.Build(schema, query, connection))
        {
            command.Transaction = transaction;
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
            while (await reader.ReadAsync(ct))
            {
                if (query.MaxRows is { } cap && rows == cap)
                {
                    truncated = true;
                    break;
                }
                Project(reader, plan, chainIndex, sqlValues, values);
                writer.WriteRow(values);
                rows++;
                var block = long.Parse(sqlValues[blockIndex]!, System.Globalization.CultureInfo.InvariantCulture);
                firstBlock = Math.Min(firstBlock, block);
                lastBlock = Math.Max(lastBlock, block);
                if (staging.Buffered >= StagingStream.DrainThreshold) await staging.DrainAsync(hashing, ct);
            }
        }
        writer.Complete();
        await staging.DrainAsync(hashing, ct);
        await hashing.FlushAsync(ct);
        await transaction.CommitAsync(ct);

        return new ExportManifest
        {
            SchemaVersion = ExportSchemas.Version,
            Dataset = query.Dataset.ToString(),
            Format = format.ToString(),
            FileName = ExportFileNames.For(query, format),
            Query = query,
            Columns = [.. columns.Select(c => c.Name)],
            RowCount = rows,
            Truncated = truncated,
            RowCap = query.MaxRows,
            BlockRange = rows == 0 ? null : new BlockRange(firstBlock, lastBlock),
            IndexerCheckpoints = checkpoints,
            Sha256 = hashing.HashHex(),
            Bytes = hashing.BytesWritten,
            SoftwareVersion = options.ResolveSoftwareVersion(),
            GeneratedAt = _time.GetUtcNow().UtcDateTime,
        };
    }

    /// <summary>The public quick export: the same query capped at <see cref="ExportOptions.QuickExportMaxRows"/>.</summary>
    public Task<ExportManifest> WriteQuickAsync(ExportQuery query, ExportFormat format, Stream output, CancellationToken ct) =>
        WriteAsync(query with { MaxRows = Math.Min(query.MaxRows ?? int.MaxValue, options.QuickExportMaxRows) }, format, output, ct);

    /// <summary>
    /// Writes {directory}/{file} and {file}.manifest.json. Both appear only when complete
    /// (written under a temporary name, then moved), so a reader never sees half a file.
    /// </summary>
    public async Task<ExportManifest> WriteFileAsync(ExportQuery query, ExportFormat format, string directory, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, ExportFileNames.For(query, format));
        var temp = path + ".partial";
        ExportManifest manifest;
        try
        {
            await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                manifest = await WriteAsync(query, format, file, ct);
            var manifestPath = ExportFileNames.ManifestFor(path);
            await File.WriteAllTextAsync(manifestPath + ".partial", manifest.ToJson(), ct);
            File.Move(temp, path, overwrite: true);
            File.Move(manifestPath + ".partial", manifestPath, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
        return manifest;
    }

    /// <summary>The rows of a query as cells by column name, inside the caller's transaction (reconciliation).</summary>
    internal async IAsyncEnumerable<Dictionary<string, string?>> ReadRowsAsync(
        ExportQuery query, NpgsqlConnection connection, NpgsqlTransaction transaction,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var schema = ExportSchemas.For(query.Dataset);
        var plan = schema.Plan;
        var chainIndex = schema.SqlIndexOf("chain_id");
        var sqlValues = new string?[schema.SqlColumns.Count];
        var values = new string?[plan.Count];
        await using var command = ExportSql.Build(schema, query, connection);
        command.Transaction = transaction;
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
        {
            Project(reader, plan, chainIndex, sqlValues, values);
            var cells = new Dictionary<string, string?>(plan.Count);
            for (var i = 0; i < plan.Count; i++) cells[plan[i].Column.Name] = values[i];
            yield return cells;
        }
    }

    private void Project(NpgsqlDataReader reader, IReadOnlyList<ColumnPlan> plan, int chainIndex, string?[] sqlValues, string?[] values)
    {
        for (var i = 0; i < sqlValues.Length; i++)
            sqlValues[i] = reader.IsDBNull(i) ? null : reader.GetString(i);
        for (var i = 0; i < plan.Count; i++)
        {
            var p = plan[i];
            var source = sqlValues[p.SqlIndex];
            values[i] = p.Source switch
            {
                ColumnSource.Sql => source,
                ColumnSource.ScaledSql => source is null ? null : WadDecimal.Scale(source, p.Column.Scale),
                _ => ExplorerUrl(sqlValues[chainIndex]!, source),
            };
        }
    }

    private string? ExplorerUrl(string chainId, string? txHash) =>
        txHash is not null
        && options.ExplorerBaseUrls.TryGetValue(long.Parse(chainId, System.Globalization.CultureInfo.InvariantCulture), out var baseUrl)
            ? baseUrl.TrimEnd('/') + "/tx/" + txHash
            : null;
}
