using System.Text.Json.Serialization;

namespace LeveragedTokens.Chain;

/// <summary>
/// One log as eth_getLogs (or a receipt) returned it: hex strings lower-cased so comparisons are
/// exact, quantities parsed. Read from the answer's bytes by <see cref="RpcLogReader"/>.
/// </summary>
[JsonConverter(typeof(RpcLogReader))]
public sealed class RpcLog
{
    public string Address { get; init; } = "";
    public string[] Topics { get; init; } = [];
    public string Data { get; init; } = "0x";
    public string BlockHash { get; init; } = "";
    public long BlockNumber { get; init; }
    public string TxHash { get; init; } = "";
    public int TxIndex { get; init; }
    public int LogIndex { get; init; }
    public bool Removed { get; init; }

    /// <summary>Not every node sends it (anvil and reth do); when absent the block header supplies the time.</summary>
    public long? BlockTimestamp { get; set; }
}

/// <summary>The part of eth_getTransactionReceipt the verifier reads.</summary>
public sealed class RpcReceipt
{
    [JsonPropertyName("logs")] public RpcLog[] Logs { get; set; } = [];
}
