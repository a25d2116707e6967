using System.Globalization;
using System.Numerics;

namespace LeveragedTokens.Protocol;

/// <summary>18-decimal fixed point, the unit of every price, value, NAV and leverage on chain.</summary>
public static class Wad
{
    public static readonly BigInteger One = BigInteger.Pow(10, 18);

    /// <summary>Exact for any decimal; digits past the 18th decimal are cut off.</summary>
    public static BigInteger From(decimal value)
    {
        // Through the digits, not decimal arithmetic: value * 1e18 overflows decimal above ~7.9e10.
        var text = value.ToString(CultureInfo.InvariantCulture);
        var point = text.IndexOf('.');
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? "" : text[(point + 1)..];
        fraction = fraction.Length > 18 ? fraction[..18] : fraction.PadRight(18, '0');
        var magnitude = BigInteger.Parse(whole.TrimStart('-') + fraction, CultureInfo.InvariantCulture);
        return text.StartsWith('-') ? -magnitude : magnitude;
    }

    public static double ToDouble(BigInteger wad) => (double)wad / 1e18;
}
