using System.Text;
using System.Text.Json;
using LeveragedTokens.Data.Exports;

namespace LeveragedTokens.Exports.Verification;

/// <summary>A data row of an export file: its 1-based position after the header, and its cells by column name.</summary>
public sealed record ExportFileRow(long RowNumber, IReadOnlyDictionary<string, string?> Cells)
{
    public string Describe() =>
        $"row {RowNumber} (block {Cells.GetValueOrDefault("block_number")}, log {Cells.GetValueOrDefault("log_index")}, tx {Cells.GetValueOrDefault("tx_hash")})";
}

/// <summary>Reads back CSV (RFC 4180), JSON Lines and XLSX exports, undoing the formula neutralisation of text cells.</summary>
public static class ExportFileReader
{
    private static readonly HashSet<string> TextColumns =
        [.. Enum.GetValues<ExportDataset>().SelectMany(d => ExportSchemas.For(d).Columns).Where(c => c.Kind == ColumnKind.Text).Select(c => c.Name)];

    public static IEnumerable<ExportFileRow> Read(string path) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => ReadCsv(path),
            ".jsonl" => ReadJsonLines(path),
            ".xlsx" => FromRecords(XlsxRows.Read(path)),
            var ext => throw new NotSupportedException($"Cannot read '{ext}' files: exports are .csv, .jsonl or .xlsx."),
        };

    private static IEnumerable<ExportFileRow> ReadCsv(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        foreach (var row in FromRecords(CsvRecords(reader).Where(r => r is not [""]))) // a blank line is no record
            yield return row;
    }

    /// <summary>Header first, then rows; empty cells are nulls; neutralised text is restored.</summary>
    private static IEnumerable<ExportFileRow> FromRecords(IEnumerable<string?[]> records)
    {
        string?[]? header = null;
        long row = 0;
        foreach (var record in records)
        {
            if (header is null) { header = record; continue; }
            if (record.Length > header.Length)
                throw new FormatException($"row {row + 1} has {record.Length} fields, the header {header.Length}.");
            var cells = new Dictionary<string, string?>(header.Length);
            for (var i = 0; i < header.Length; i++)
            {
                var value = i < record.Length ? record[i] : null;
                cells[header[i]!] = string.IsNullOrEmpty(value) ? null : TextColumns.Contains(header[i]!) ? SpreadsheetSafety.Restore(value) : value;
            }
            yield return new ExportFileRow(++row, cells);
        }
    }

    /// <summary>RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    internal static IEnumerable<string[]> CsvRecords(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            any = true;
            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"') { field.Append('"'); reader.Read(); }
                    else quoted = false;
                }
                else field.Append((char)c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && reader.Peek() == '\n') { }
            else if (c == '\n')
            {
                fields.Add(field.ToString()); field.Clear();
                yield return [.. fields];
                fields.Clear();
                any = false;
            }
            else field.Append((char)c);
        }
        if (any) { fields.Add(field.ToString()); yield return [.. fields]; }
    }

    private static IEnumerable<ExportFileRow> ReadJsonLines(string path)
    {
        long row = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            if (line.Length == 0) continue;
            using var doc = JsonDocument.Parse(line);
            var cells = new Dictionary<string, string?>();
            foreach (var p in doc.RootElement.EnumerateObject())
                cells[p.Name] = p.Value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String => p.Value.GetString(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => p.Value.GetRawText(),
                };
            yield return new ExportFileRow(++row, cells);
        }
    }
}
