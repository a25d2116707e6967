using System.Text;
using LeveragedTokens.Data.Exports;

namespace LeveragedTokens.Exports.Writers;

/// <summary>
/// RFC 4180 (<see cref="CsvField"/>): CRLF line ends, UTF-8 without BOM.
/// Apart from CRLF for LF, the cells are exactly what `psql \copy (SELECT ...) TO ... CSV` writes.
/// </summary>
internal sealed class CsvRowWriter(Stream staging) : IExportRowWriter
{
    private readonly StreamWriter _writer = new(staging, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
    private IReadOnlyList<ExportColumn> _columns = [];

    public void WriteHeader(IReadOnlyList<ExportColumn> columns)
    {
        _columns = columns;
        for (var i = 0; i < columns.Count; i++)
        {
            if (i > 0) _writer.Write(',');
            _writer.Write(columns[i].Name);
        }
        _writer.Write("\r\n");
    }

    public void WriteRow(string?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0) _writer.Write(',');
            var value = values[i];
            if (value is null) continue;
            if (_columns[i].Kind == ColumnKind.Text) value = SpreadsheetSafety.Neutralise(value);
            _writer.Write(CsvField.Quote(value));
        }
        _writer.Write("\r\n");
    }

    public void Complete() => _writer.Flush();
    public void Dispose() => _writer.Dispose();
}
