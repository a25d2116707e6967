namespace LeveragedTokens.Data.Entities;

/// <summary>
/// Where a row came from on chain. Every figure the dashboard shows traces back to one log:
/// (chain id, block number, log index) is the key, tx and block hash make it verifiable.
/// </summary>
public abstract class ChainLogRow
{
    public required long ChainId { get; set; }
    public required long BlockNumber { get; set; }
    public required int LogIndex { get; set; }
    public required string BlockHash { get; set; }
    public required string TxHash { get; set; }
    public required DateTime BlockTime { get; set; }
    /// <summary>The emitting contract, lower-case 0x hex.</summary>
    public required string ContractAddress { get; set; }
}
