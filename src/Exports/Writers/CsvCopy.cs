using System.Text;
using LeveragedTokens.Exports.Schema;
using Npgsql;

namespace LeveragedTokens.Exports.Writers;

/// <summary>
/// Full CSV exports: Postgres formats the rows itself (COPY (SELECT ...) TO STDOUT CSV HEADER,
/// text cells neutralised in the SELECT) and this only passes the text through, turning each
/// record's LF into RFC 4180's CRLF (line breaks inside quoted fields stay as they are) and
/// picking each record's block number (the third field, never quoted) for the manifest. The
/// output is byte-for-byte what <see cref="CsvRowWriter"/> writes for the same rows.
/// </summary>
internal static class CsvCopy
{
    public static async Task<AuditExport.RowSummary> WriteAsync(DatasetSchema schema, ExportQuery query, ExportOptions options,
        NpgsqlConnection connection, HashingStream output, CancellationToken ct)
    {
        if (schema.IndexOf("block_number") != 2) throw new InvalidOperationException("block_number must be the third column.");
        using var select = ExportSql.Build(schema, query, options, neutraliseText: true, connection: null);
        var copy = $"COPY ({ExportSql.Inline(select)}) TO STDOUT WITH (FORMAT csv, HEADER)";
        using var staging = new StagingStream();
        var records = new RecordTracker();
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
                    records.Peek(chunk);
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
                        records.End();
                    }
                    chunk = chunk[(at + 1)..];
                }
                if (staging.Buffered >= StagingStream.DrainThreshold) await staging.DrainAsync(output, ct);
            }
        }
        await staging.DrainAsync(output, ct);
        return new AuditExport.RowSummary(records.Rows, records.First, records.Last, Truncated: false);
    }

    /// <summary>Counts records after the header and reads the block number at the start of each.</summary>
    private sealed class RecordTracker
    {
        private bool _capturing;
        private int _commas;
        private long _block;

        public long Rows { get; private set; }
        public long First { get; private set; }
        public long Last { get; private set; }

        /// <summary>Looks at the start of a record (possibly across chunks) without consuming it.</summary>
        public void Peek(ReadOnlySpan<char> chunk)
        {
            for (var i = 0; _capturing && i < chunk.Length; i++)
            {
                var c = chunk[i];
                if (c == ',')
                {
                    if (++_commas < 3) continue;
                    _capturing = false;
                    if (Rows == 0) First = _block;
                    Last = _block;
                    Rows++;
                }
                else if (_commas == 2) _block = _block * 10 + (c - '0');
            }
        }

        /// <summary>A record ended (the first is the header): the next one starts with chain, contract, block.</summary>
        public void End() => (_capturing, _commas, _block) = (true, 0, 0);
    }
}
