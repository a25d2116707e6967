using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace LeveragedTokens.Protocol;

/// <summary>
/// 18-decimal fixed point, the unit of every price, value, NAV and leverage on chain: the one owner of
/// scaling, conversion, parsing and display. The exact integer is always what is stored and compared;
/// doubles and decimals are made here, at the edge, for charts, ratios and evidence only.
/// </summary>
public static partial class Wad
{
    public const int Decimals = 18;
    public static readonly BigInteger One = BigInteger.Pow(10, Decimals);
    /// <summary>type(uint256).max: the protocol's "reserve is empty" utilization.</summary>
    public static readonly BigInteger Uint256Max = BigInteger.Pow(2, 256) - 1;
    private static readonly BigInteger DecimalCap = new(decimal.MaxValue);

    /// <summary>Exact for any decimal; digits past the 18th decimal are cut off.</summary>
    public static BigInteger From(decimal value)
    {
        // Through the digits, not decimal arithmetic: value * 1e18 overflows decimal above ~7.9e10.
        var text = value.ToString(CultureInfo.InvariantCulture);
        var point = text.IndexOf('.');
        if (point >= 0 && text.Length - point - 1 > Decimals) text = text[..(point + 1 + Decimals)];
        return TryParse(text, out var raw) ? raw : throw new FormatException(text);
    }

    /// <summary>The exact scaled value: "-1234.000000000000000001" style, no trailing zeros, no exponent.</summary>
    public static string Exact(BigInteger raw, int decimals = Decimals)
    {
        var negative = raw.Sign < 0;
        var whole = BigInteger.DivRem(BigInteger.Abs(raw), BigInteger.Pow(10, decimals), out var fraction);
        var text = whole.ToString(CultureInfo.InvariantCulture);
        if (!fraction.IsZero)
            text += "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(decimals, '0').TrimEnd('0');
        return negative ? "-" + text : text;
    }

    /// <summary>
    /// <see cref="Exact(BigInteger,int)"/> of an integer given as text ("1500000000000000000" gives "1.5"),
    /// e.g. a numeric read back from an export; anything but an integer is rejected.
    /// </summary>
    public static string Exact(string integer, int decimals = Decimals)
    {
        ArgumentException.ThrowIfNullOrEmpty(integer);
        if (!IntegerText().IsMatch(integer)) throw new FormatException($"Not an integer: '{integer}'.");
        return Exact(BigInteger.Parse(integer, CultureInfo.InvariantCulture), decimals);
    }

    /// <summary>For charts and ratios only: loses precision past ~15 significant digits (correctly rounded from the exact text).</summary>
    public static double ToDouble(BigInteger raw, int decimals = Decimals) =>
        double.Parse(Exact(raw, decimals), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>
    /// As decimal with at most 6 decimals kept, clamped to decimal's range (utilization is uint256.max for
    /// an empty reserve): for evidence and thresholds, never for sums. <c>decimals: 0</c> for plain integers (bps, blocks).
    /// </summary>
    public static decimal ToDecimal(BigInteger raw, int decimals = Decimals)
    {
        var kept = Math.Min(decimals, 6);
        var scaled = raw / BigInteger.Pow(10, decimals - kept);
        var clamped = scaled > DecimalCap ? decimal.MaxValue : scaled < -DecimalCap ? decimal.MinValue : (decimal)scaled;
        return clamped / (decimal)BigInteger.Pow(10, kept);
    }

    /// <summary>A move in percent ("-30", "+2.5") as a WAD ratio (-0.3e18, 0.025e18): a percent with up to 16 decimals is a ratio with 18.</summary>
    public static bool TryParsePercent(string? text, out BigInteger ratio) => TryParse(text, out ratio, Decimals - 2);

    /// <summary>Parses a decimal string a person typed ("-0.015", "+.5") into the exact scaled integer; no floating point involved.</summary>
    public static bool TryParse(string? text, out BigInteger raw, int decimals = Decimals)
    {
        raw = BigInteger.Zero;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 100) return false;
        text = text.Trim();
        var negative = text.StartsWith('-');
        if (negative || text.StartsWith('+')) text = text[1..];
        var parts = text.Split('.');
        if (parts.Length > 2 || parts[0].Length + (parts.Length == 2 ? parts[1].Length : 0) == 0) return false;
        var fraction = parts.Length == 2 ? parts[1] : "";
        if (fraction.Length > decimals || !(parts[0] + fraction).All(char.IsAsciiDigit)) return false;
        raw = BigInteger.Parse((parts[0].Length == 0 ? "0" : parts[0]) + fraction.PadRight(decimals, '0'), CultureInfo.InvariantCulture);
        if (negative) raw = -raw;
        return true;
    }

    /// <summary>The strict inverse of <see cref="Exact(BigInteger,int)"/> ("1.5" gives 1500000000000000000), for machine-written text.</summary>
    public static BigInteger Parse(string text, int decimals = Decimals) =>
        StrictDecimal().IsMatch(text) && TryParse(text, out var raw, decimals) ? raw
            : throw new FormatException($"Not a decimal with at most {decimals} places: '{text}'.");

    /// <summary>A readable amount: grouped digits, precision that suits the size, optional unit.</summary>
    public static string Format(BigInteger raw, string? unit = null, int decimals = Decimals)
    {
        var value = ToDouble(raw, decimals);
        var text = Math.Abs(value) switch
        {
            0 => "0",
            >= 1e15 => value.ToString("0.###e+0", CultureInfo.InvariantCulture),
            >= 1000 => value.ToString("#,##0.00", CultureInfo.InvariantCulture),
            >= 1 => value.ToString("#,##0.0000", CultureInfo.InvariantCulture),
            >= 1e-6 => value.ToString("0.########", CultureInfo.InvariantCulture),
            _ => value.ToString("0.###e+0", CultureInfo.InvariantCulture),
        };
        return unit is null ? text : $"{text} {unit}";
    }

    public static string Leverage(BigInteger raw) => ToDouble(raw).ToString("0.000", CultureInfo.InvariantCulture) + "x";

    /// <summary>Basis points as a percentage; the empty-reserve sentinel reads as such.</summary>
    public static string Bps(BigInteger bps) =>
        bps == Uint256Max ? "∞ (empty reserve)"
        : ((double)bps / 100).ToString("#,##0.00", CultureInfo.InvariantCulture) + "%";

    public static string Percent(double ratio) => (ratio * 100).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + "%";

    [GeneratedRegex("^-?[0-9]+$")]
    private static partial Regex IntegerText();

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]*)?$")]
    private static partial Regex StrictDecimal();
}
