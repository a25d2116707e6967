using System.Text;

namespace LeveragedTokens.Data.Exports;

/// <summary>RFC 4180 fields, written one way by every CSV the dashboard produces: dataset exports, reconciliation reports, the staff trail.</summary>
public static class CsvField
{
    /// <summary>
    /// Quoted when it holds a comma, quote, CR or LF, or is an empty string (which tells it from an absent value,
    /// as Postgres' COPY CSV does).
    /// </summary>
    public static string Quote(string value) =>
        value.Length > 0 && value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";

    /// <summary>One CRLF-ended line: null cells stay empty, text cells are neutralised against spreadsheet formulas.</summary>
    public static StringBuilder AppendLine(StringBuilder csv, IReadOnlyList<string?> cells, Func<int, bool> isText)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) csv.Append(',');
            if (cells[i] is { } value) csv.Append(Quote(isText(i) ? SpreadsheetSafety.Neutralise(value) : value));
        }
        return csv.Append("\r\n");
    }
}
