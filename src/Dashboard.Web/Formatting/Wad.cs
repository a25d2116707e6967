using System.Globalization;
using System.Numerics;

namespace LeveragedTokens.Dashboard.Web.Formatting;

/// <summary>
/// 18-decimal fixed point to text and doubles. Only the page and API edge converts; the exact
/// integer is always available beside the display value.
/// </summary>
public static class Wad
{
    public const int Decimals = 18;
    public static readonly BigInteger One = BigInteger.Pow(10, Decimals);
    /// <summary>type(uint256).max: the protocol's "reserve is empty" utilization.</summary>
    public static readonly BigInteger Uint256Max = BigInteger.Pow(2, 256) - 1;

    /// <summary>The exact scaled value: "-1234.000000000000000001" style, no trailing zeros, no exponent.</summary>
    public static string Exact(BigInteger raw, int decimals = Decimals)
    {
        var negative = raw.Sign < 0;
        var abs = BigInteger.Abs(raw);
        var scale = BigInteger.Pow(10, decimals);
        var whole = BigInteger.DivRem(abs, scale, out var fraction);
        var text = whole.ToString(CultureInfo.InvariantCulture);
        if (!fraction.IsZero)
            text += "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(decimals, '0').TrimEnd('0');
        return negative ? "-" + text : text;
    }

    /// <summary>For charts and ratios only: loses precision past ~15 significant digits.</summary>
    public static double ToDouble(BigInteger raw, int decimals = Decimals) =>
        double.Parse(Exact(raw, decimals), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>A readable amount: grouped digits, precision that suits the size, optional unit.</summary>
    public static string Format(BigInteger raw, string? unit = null, int decimals = Decimals)
    {
        var value = ToDouble(raw, decimals);
        var abs = Math.Abs(value);
        var text = abs switch
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

    /// <summary>Parses a decimal string ("-0.015") into the exact scaled integer; no floating point involved.</summary>
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
}
