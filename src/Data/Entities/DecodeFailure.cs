namespace LeveragedTokens.Data.Entities;

/// <summary>A log at a watched address that did not decode: kept whole so nothing is lost.</summary>
public sealed class DecodeFailure : ChainLogRow
{
    public required string[] Topics { get; set; }
    public required string Data { get; set; }
    public required string Error { get; set; }
}
