using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml;

namespace LeveragedTokens.Exports.Verification;

/// <summary>
/// Reads back the rows of an exported workbook, streaming (XmlReader over each sheet): the raw
/// text of every cell, so number cells give the exact decimal that was written, not a double.
/// </summary>
internal static partial class XlsxRows
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    public static IEnumerable<string?[]> Read(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        for (var sheet = 1; zip.GetEntry($"xl/worksheets/sheet{sheet}.xml") is { } entry; sheet++)
        {
            using var stream = entry.Open();
            using var xml = XmlReader.Create(stream, new XmlReaderSettings { IgnoreWhitespace = false });
            var first = true;
            while (xml.ReadToFollowing("row", Main))
            {
                var row = ReadRow(xml.ReadSubtree());
                // Every sheet repeats the header; the caller takes it once.
                if (first && sheet > 1) { first = false; continue; }
                first = false;
                yield return row;
            }
        }
    }

    private static string?[] ReadRow(XmlReader row)
    {
        var cells = new List<string?>();
        while (row.ReadToFollowing("c", Main))
        {
            var index = ColumnIndex(row.GetAttribute("r")!);
            var type = row.GetAttribute("t");
            string? value = null;
            using (var cell = row.ReadSubtree())
                while (cell.Read())
                    if (cell.NodeType == XmlNodeType.Element && cell.LocalName is "v" or "t") value = cell.ReadElementContentAsString();
            while (cells.Count <= index) cells.Add(null);
            cells[index] = type switch
            {
                "b" => value == "1" ? "true" : "false",
                "inlineStr" => Unescape(value ?? ""),
                _ => value,
            };
        }
        return [.. cells];
    }

    private static int ColumnIndex(string reference)
    {
        var n = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z') break;
            n = n * 26 + (c - 'A' + 1);
        }
        return n - 1;
    }

    private static string Unescape(string text) =>
        EscapedChar().Replace(text, m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());

    [GeneratedRegex("_x([0-9A-F]{4})_")]
    private static partial Regex EscapedChar();
}
