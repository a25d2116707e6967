namespace LeveragedTokens.Data.Exports;

/// <summary>
/// Keeps text cells from running as formulas when a CSV or XLSX is opened in Excel or
/// LibreOffice (OWASP "CSV injection"): a leading = + - @ tab or CR gets a single quote in front.
/// Only text columns pass through here, so numbers (including negative ones) stay numbers.
/// </summary>
public static class SpreadsheetSafety
{
    private static readonly char[] FormulaLeaders = ['=', '+', '-', '@', '\t', '\r'];

    public static bool IsDangerous(string value) => value.Length > 0 && FormulaLeaders.Contains(value[0]);

    public static string Neutralise(string value) => IsDangerous(value) ? "'" + value : value;

    /// <summary>What a reader does to get the original text back.</summary>
    public static string Restore(string value) =>
        value.Length > 1 && value[0] == '\'' && IsDangerous(value[1..]) ? value[1..] : value;

    /// <summary><see cref="Neutralise"/> computed by the server on a text expression (psql \copy of an export's SELECT).</summary>
    public static string NeutraliseSql(string sql) =>
        $"CASE WHEN left({sql}, 1) IN ({string.Join(", ", FormulaLeaders.Select(Literal))}) THEN '''' || {sql} ELSE {sql} END";

    private static string Literal(char c) => c switch
    {
        '\t' => @"E'\t'",
        '\r' => @"E'\r'",
        _ => $"'{c}'",
    };
}
