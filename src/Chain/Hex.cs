using System.Globalization;

namespace LeveragedTokens.Chain;

/// <summary>JSON-RPC quantities: 0x-prefixed lower-case hex.</summary>
public static class Hex
{
    public static long ToLong(string hex) =>
        long.Parse(hex.AsSpan(hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? 2 : 0), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    public static string From(long value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);
}
