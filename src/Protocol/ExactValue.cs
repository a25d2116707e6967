using System.Numerics;

namespace LeveragedTokens.Protocol;

/// <summary>An exact on-chain integer and its scaled decimal, both as strings (no float ever): the API's and the exports' figure.</summary>
public sealed record ExactValue(string Raw, string Value)
{
    public static ExactValue Of(BigInteger raw, int decimals = Wad.Decimals) => new(raw.ToString(System.Globalization.CultureInfo.InvariantCulture), Wad.Exact(raw, decimals));
    public static ExactValue? Of(BigInteger? raw) => raw is { } r ? Of(r) : null;
}
