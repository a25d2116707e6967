using System.Numerics;

namespace LeveragedTokens.Exports;

/// <summary>
/// Exact fixed-point rendering of on-chain integers: the decimal point is placed by string
/// arithmetic, so a uint256 never passes through double or decimal (which overflows past ~28 digits).
/// </summary>
public static class WadDecimal
{
    public const int WadScale = 18;

    /// <summary>"1500000000000000000" with scale 18 gives "1.5"; trailing zeros and a bare point are dropped.</summary>
    public static string Scale(string integer, int scale = WadScale)
    {
        ArgumentException.ThrowIfNullOrEmpty(integer);
        var negative = integer[0] == '-';
        var digits = negative ? integer.AsSpan(1) : integer.AsSpan();
        if (digits.IsEmpty || !IsDigits(digits)) throw new FormatException($"Not an integer: '{integer}'.");
        digits = digits.TrimStart('0');
        if (digits.IsEmpty) return "0";
        if (scale == 0) return negative ? "-" + digits.ToString() : digits.ToString();

        Span<char> buffer = stackalloc char[digits.Length + scale + 3];
        var length = 0;
        if (negative) buffer[length++] = '-';
        var whole = digits.Length - scale;
        if (whole > 0)
        {
            digits[..whole].CopyTo(buffer[length..]);
            length += whole;
        }
        else buffer[length++] = '0';
        var fraction = whole > 0 ? digits[whole..] : digits;
        var leadingZeros = whole > 0 ? 0 : -whole;
        fraction = fraction.TrimEnd('0');
        if (!fraction.IsEmpty)
        {
            buffer[length++] = '.';
            buffer.Slice(length, leadingZeros).Fill('0');
            length += leadingZeros;
            fraction.CopyTo(buffer[length..]);
            length += fraction.Length;
        }
        return new string(buffer[..length]);
    }

    public static string Scale(BigInteger value, int scale = WadScale) =>
        Scale(value.ToString(System.Globalization.CultureInfo.InvariantCulture), scale);

    /// <summary>The inverse of <see cref="Scale(string,int)"/>: "1.5" with scale 18 gives 1500000000000000000.</summary>
    public static BigInteger Parse(string text, int scale = WadScale)
    {
        var negative = text.StartsWith('-');
        var body = negative ? text[1..] : text;
        var point = body.IndexOf('.');
        var whole = point < 0 ? body : body[..point];
        var fraction = point < 0 ? "" : body[(point + 1)..];
        if (fraction.Length > scale || whole.Length == 0 || !IsDigits(whole) || (fraction.Length > 0 && !IsDigits(fraction)))
            throw new FormatException($"Not a decimal with at most {scale} places: '{text}'.");
        var value = BigInteger.Parse(whole + fraction.PadRight(scale, '0'), System.Globalization.CultureInfo.InvariantCulture);
        return negative ? -value : value;
    }

    private static bool IsDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s) if (c is < '0' or > '9') return false;
        return true;
    }
}
