namespace LeveragedTokens.Data;

/// <summary>
/// A 20-byte account address as users type it (0x + 40 hex digits, any case). Stored addresses are
/// lower-case, so lookups normalise first.
/// </summary>
public static class EvmAddress
{
    public static bool IsAddress(string? text) =>
        text?.Trim() is { Length: 42 } a && a.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && !a.AsSpan(2).ContainsAnyExcept("0123456789abcdefABCDEF");

    /// <summary>The stored (lower-case) form of an address, or null when the text is not one.</summary>
    public static string? Normalised(string? text) => IsAddress(text) ? text!.Trim().ToLowerInvariant() : null;
}
