namespace LeveragedTokens.Data.Entities;

/// <summary>The keeper's hourly NAV and effective leverage of a token.</summary>
public sealed class NavSnapshot : ChainLogRow
{
    public required string TokenAddress { get; set; }
    /// <summary>block.timestamp / 3600 as published.</summary>
    public required long Hour { get; set; }
    public required BigInteger Nav { get; set; }
    public required BigInteger Leverage { get; set; }
    public required BigInteger MarkPrice { get; set; }
    public required BigInteger TotalSupply { get; set; }
}
