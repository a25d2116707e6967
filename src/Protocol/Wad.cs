using System.Globalization;
using System.Numerics;

namespace LeveragedTokens.Protocol;

/// <summary>18-decimal fixed point, the unit of every price, value, NAV and leverage on chain.</summary>
public static class Wad
{
    public static readonly BigInteger One = BigInteger.Pow(10, 18);

    /// <summary>Exact for up to 18 decimals; display and test arithmetic only, never storage.</summary>
    public static BigInteger From(decimal value) =>
        BigInteger.Parse(decimal.Round(value * 1_000_000_000_000_000_000m, 0).ToString("F0", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Doubles lose digits past ~15: for model inputs and test tolerances only.</summary>
    public static BigInteger From(double value) => From((decimal)value);

    public static double ToDouble(BigInteger wad) => (double)wad / 1e18;
}
