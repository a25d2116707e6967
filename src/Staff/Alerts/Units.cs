using System.Numerics;

namespace LeveragedTokens.Staff.Alerts;

/// <summary>Conversions for evidence only; rules compare the exact integers where they can.</summary>
internal static class Units
{
    private static readonly BigInteger Wad = BigInteger.Pow(10, 18);
    private static readonly BigInteger DecimalCap = new(decimal.MaxValue);

    /// <summary>A plain integer (bps, blocks) as decimal, clamped (utilization is uint256.max for an empty reserve).</summary>
    public static decimal Clamp(BigInteger value) =>
        value > DecimalCap ? decimal.MaxValue : value < -DecimalCap ? decimal.MinValue : (decimal)value;

    /// <summary>A WAD amount as decimal with 6 decimals kept.</summary>
    public static decimal FromWad(BigInteger wad) => Clamp(wad / BigInteger.Pow(10, 12)) / 1_000_000m;

    public static double WadToDouble(BigInteger wad) => (double)wad / (double)Wad;

    public static decimal Round(double value, int digits = 2) =>
        double.IsFinite(value) ? (decimal)Math.Round(Math.Clamp(value, -1e15, 1e15), digits) : 0m;
}
