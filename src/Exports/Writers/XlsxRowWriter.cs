using System.IO.Compression;
using System.Text;
using LeveragedTokens.Data.Exports;

namespace LeveragedTokens.Exports.Writers;

/// <summary>
/// A minimal SpreadsheetML workbook written SAX-style straight into a zip: inline strings (no
/// shared-string table to hold in memory), a new sheet every million rows, fixed entry timestamps
/// so the same rows give the same bytes. Exact integers are text cells (a double would round
/// them); their scaled decimals and the small integers are number cells.
/// </summary>
internal sealed class XlsxRowWriter(Stream staging) : IExportRowWriter
{
    public const int RowsPerSheet = 1_000_000;
    private static readonly DateTimeOffset FixedEntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly UTF8Encoding Utf8 = new(false);

    private readonly ZipArchive _zip = new(staging, ZipArchiveMode.Create, leaveOpen: true);
    private IReadOnlyList<ExportColumn> _columns = [];
    private string[] _letters = [];
    private StreamWriter? _sheet;
    private int _sheetCount;
    private int _rowInSheet;

    public void WriteHeader(IReadOnlyList<ExportColumn> columns)
    {
        _columns = columns;
        _letters = [.. Enumerable.Range(0, columns.Count).Select(ColumnLetters)];
        StartSheet();
    }

    public void WriteRow(string?[] values)
    {
        if (_rowInSheet > RowsPerSheet) StartSheet();
        var w = _sheet!;
        var r = ++_rowInSheet;
        w.Write("<row r=\""); w.Write(r); w.Write("\">");
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (value is null) continue;
            switch (_columns[i].Kind)
            {
                case ColumnKind.Number or ColumnKind.Decimal:
                    w.Write("<c r=\""); w.Write(_letters[i]); w.Write(r); w.Write("\"><v>"); w.Write(value); w.Write("</v></c>");
                    break;
                case ColumnKind.Boolean:
                    w.Write("<c r=\""); w.Write(_letters[i]); w.Write(r); w.Write("\" t=\"b\"><v>"); w.Write(value == "true" ? '1' : '0'); w.Write("</v></c>");
                    break;
                default:
                    WriteText(w, _letters[i], r, _columns[i].Kind == ColumnKind.Text ? SpreadsheetSafety.Neutralise(value) : value);
                    break;
            }
        }
        w.Write("</row>");
    }

    private void StartSheet()
    {
        EndSheet();
        _sheetCount++;
        var entry = _zip.CreateEntry($"xl/worksheets/sheet{_sheetCount}.xml", CompressionLevel.Fastest);
        entry.LastWriteTime = FixedEntryTime;
        _sheet = new StreamWriter(entry.Open(), Utf8, 1 << 16);
        _sheet.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews><sheetData>");
        _rowInSheet = 1;
        _sheet.Write("<row r=\"1\">");
        for (var i = 0; i < _columns.Count; i++) WriteText(_sheet, _letters[i], 1, _columns[i].Name);
        _sheet.Write("</row>");
    }

    private void EndSheet()
    {
        if (_sheet is null) return;
        _sheet.Write("</sheetData></worksheet>");
        _sheet.Dispose();
        _sheet = null;
    }

    private static void WriteText(StreamWriter w, string letters, int row, string text)
    {
        w.Write("<c r=\""); w.Write(letters); w.Write(row); w.Write("\" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': w.Write("&amp;"); break;
                case '<': w.Write("&lt;"); break;
                case '>': w.Write("&gt;"); break;
                case '\t' or '\n': w.Write(c); break;
                // Other control characters are not valid XML; OOXML spells them _xHHHH_.
                case < ' ': w.Write("_x"); w.Write(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)); w.Write('_'); break;
                default: w.Write(c); break;
            }
        }
        w.Write("</t></is></c>");
    }

    private static string ColumnLetters(int index)
    {
        var s = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) s = (char)('A' + (n - 1) % 26) + s;
        return s;
    }

    public void Complete()
    {
        EndSheet();
        var sheets = Enumerable.Range(1, _sheetCount).ToArray();
        Part("[Content_Types].xml",
            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + string.Concat(sheets.Select(i => $"<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"))
            + "</Types>");
        Part("_rels/.rels",
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
            + "</Relationships>");
        Part("xl/workbook.xml",
            "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
            + string.Concat(sheets.Select(i => $"<sheet name=\"rows{(i == 1 ? "" : "_" + i)}\" sheetId=\"{i}\" r:id=\"rId{i}\"/>"))
            + "</sheets></workbook>");
        Part("xl/_rels/workbook.xml.rels",
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + string.Concat(sheets.Select(i => $"<Relationship Id=\"rId{i}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i}.xml\"/>"))
            + $"<Relationship Id=\"rId{_sheetCount + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
            + "</Relationships>");
        Part("xl/styles.xml",
            "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
            + "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
            + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
            + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/></cellXfs>"
            + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
            + "</styleSheet>");
        _zip.Dispose();
    }

    private void Part(string name, string xml)
    {
        var entry = _zip.CreateEntry(name, CompressionLevel.Fastest);
        entry.LastWriteTime = FixedEntryTime;
        using var w = new StreamWriter(entry.Open(), Utf8);
        w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
        w.Write(xml);
    }

    public void Dispose()
    {
        _sheet?.Dispose();
        _zip.Dispose();
    }
}
