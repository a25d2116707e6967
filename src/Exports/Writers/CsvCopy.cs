using System.Text;
using LeveragedTokens.Exports.Schema;
using Npgsql;

namespace LeveragedTokens.Exports.Writers;

/// <summary>
/// Full CSV exports: Postgres formats the rows itself (COPY (SELECT ...) TO STDOUT CSV HEADER,
/// text cells neutralised in the SELECT) and this only passes the text through, turning each
/// record's LF into RFC 4180's CRLF (line breaks inside quoted fields stay as they are). The
/// output is byte-for-byte what <see cref="CsvRowWriter"/> writes for the same rows.
/// </summary>
internal static class CsvCopy
{
    public static async Task<AuditExport.RowSummary> WriteAsync(DatasetSchema schema, ExportQuery query, ExportOptions options,
        NpgsqlConnection connection, NpgsqlTransaction transaction, HashingStream output, CancellationToken ct)
    {
        long expectedRows, first = 0, last = 0;
        await using (var summary = ExportSql.BuildSummary(schema, query, options, connection))
        {
            summary.Transaction = transaction;
            await using var reader = await summary.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            expectedRows = reader.GetInt64(0);
            if (expectedRows > 0) (first, last) = (reader.GetInt64(1), reader.GetInt64(2));
        }

        using var select = ExportSql.Build(schema, query, options, neutraliseText: true, connection: null);
        var copy = $"COPY ({ExportSql.Inline(select)}) TO STDOUT WITH (FORMAT csv, HEADER)";
        using var staging = new StagingStream();
        long records = 0;
        await using (var writer = new StreamWriter(staging, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
        using (var text = await connection.BeginTextExportAsync(copy, ct))
        {
            var buffer = new char[1 << 15];
            var quoted = false;
            int read;
            while ((read = await text.ReadAsync(buffer, ct)) > 0)
            {
                var chunk = buffer.AsSpan(0, read);
                while (!chunk.IsEmpty)
                {
                    var at = chunk.IndexOfAny('"', '\n');
                    if (at < 0)
                    {
                        writer.Write(chunk);
                        break;
                    }
                    if (chunk[at] == '"')
                    {
                        quoted = !quoted;
                        writer.Write(chunk[..(at + 1)]);
                    }
                    else if (quoted) writer.Write(chunk[..(at + 1)]);
                    else
                    {
                        writer.Write(chunk[..at]);
                        writer.Write("\r\n");
                        records++;
                    }
                    chunk = chunk[(at + 1)..];
                }
                if (staging.Buffered >= StagingStream.DrainThreshold) await staging.DrainAsync(output, ct);
            }
        }
        await staging.DrainAsync(output, ct);
        // The header is one record; both reads see the same REPEATABLE READ snapshot.
        if (records - 1 != expectedRows)
            throw new InvalidOperationException($"COPY produced {records - 1} rows where the snapshot holds {expectedRows}.");
        return new AuditExport.RowSummary(expectedRows, first, last, Truncated: false);
    }
}
