namespace LeveragedTokens.Data.Entities;

/// <summary>Every log read at a watched address that decoded, exactly as the node returned it.</summary>
public sealed class RawEvent : ChainLogRow
{
    public required int TxIndex { get; set; }
    public required string EventName { get; set; }
    /// <summary>Topics as 0x hex, topic0 first.</summary>
    public required string[] Topics { get; set; }
    /// <summary>The log's data as 0x hex.</summary>
    public required string Data { get; set; }
}
