namespace LeveragedTokens.Data.Entities;

/// <summary>
/// Where a row came from on chain. Every figure the dashboard shows traces back to one log:
/// (chain id, block number, log index) is the key, tx and block hash make it verifiable.
/// Writers set all of it at once through <see cref="LogOrigin"/>: <c>new Rebalance { ... }.At(origin)</c>.
/// </summary>
public abstract class ChainLogRow
{
    public long ChainId { get; set; }
    public long BlockNumber { get; set; }
    public int LogIndex { get; set; }
    public string BlockHash { get; set; } = "";
    public string TxHash { get; set; } = "";
    public DateTime BlockTime { get; set; }
    /// <summary>The emitting contract, lower-case 0x hex.</summary>
    public string ContractAddress { get; set; } = "";
}

/// <summary>One log's place on chain: the provenance every chain row carries.</summary>
public readonly record struct LogOrigin(
    long ChainId, long BlockNumber, int LogIndex, string BlockHash, string TxHash, DateTime BlockTime, string ContractAddress);

public static class ChainLogRowOrigin
{
    /// <summary>Stamps a row with its log's place on chain; returns the row for use in initializers.</summary>
    public static T At<T>(this T row, LogOrigin origin) where T : ChainLogRow
    {
        row.ChainId = origin.ChainId;
        row.BlockNumber = origin.BlockNumber;
        row.LogIndex = origin.LogIndex;
        row.BlockHash = origin.BlockHash;
        row.TxHash = origin.TxHash;
        row.BlockTime = origin.BlockTime;
        row.ContractAddress = origin.ContractAddress;
        return row;
    }

    public static LogOrigin Origin(this ChainLogRow row) =>
        new(row.ChainId, row.BlockNumber, row.LogIndex, row.BlockHash, row.TxHash, row.BlockTime, row.ContractAddress);
}
