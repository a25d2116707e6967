namespace LeveragedTokens.Exports;

/// <summary>
/// Keeps text cells from running as formulas when a CSV or XLSX is opened in Excel or
/// LibreOffice (OWASP "CSV injection"): a leading = + - @ tab or CR gets a single quote in front.
/// Only text columns pass through here, so numbers (including negative ones) stay numbers.
/// </summary>
public static class SpreadsheetSafety
{
    public static bool IsDangerous(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    public static string Neutralise(string value) => IsDangerous(value) ? "'" + value : value;

    /// <summary>What a reader does to get the original text back.</summary>
    public static string Restore(string value) =>
        value.Length > 1 && value[0] == '\'' && IsDangerous(value[1..]) ? value[1..] : value;
}
