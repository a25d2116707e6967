using System.Text.Json.Serialization;

namespace LeveragedTokens.Chain;

/// <summary>One log exactly as eth_getLogs returned it (hex strings kept as sent, numbers parsed).</summary>
public sealed class RpcLog : IJsonOnDeserialized
{
    [JsonPropertyName("address")] public string Address { get; set; } = "";
    [JsonPropertyName("topics")] public string[] Topics { get; set; } = [];
    [JsonPropertyName("data")] public string Data { get; set; } = "0x";
    [JsonPropertyName("blockHash")] public string BlockHash { get; set; } = "";
    [JsonPropertyName("blockNumber")] public string BlockNumberHex { get; set; } = "0x0";
    // Not every node sends it (anvil and reth do); when absent the block header supplies the time.
    [JsonPropertyName("blockTimestamp")] public string? BlockTimestampHex { get; set; }
    [JsonPropertyName("transactionHash")] public string TxHash { get; set; } = "";
    [JsonPropertyName("transactionIndex")] public string TxIndexHex { get; set; } = "0x0";
    [JsonPropertyName("logIndex")] public string LogIndexHex { get; set; } = "0x0";
    [JsonPropertyName("removed")] public bool Removed { get; set; }

    [JsonIgnore] public long BlockNumber { get; private set; }
    [JsonIgnore] public int LogIndex { get; private set; }
    [JsonIgnore] public int TxIndex { get; private set; }
    [JsonIgnore] public long? BlockTimestamp { get; set; }

    void IJsonOnDeserialized.OnDeserialized() => Normalize();

    /// <summary>Parses the hex numbers and lower-cases the hex strings so comparisons are exact.</summary>
    public RpcLog Normalize()
    {
        Address = Address.ToLowerInvariant();
        BlockHash = BlockHash.ToLowerInvariant();
        TxHash = TxHash.ToLowerInvariant();
        Data = Data.ToLowerInvariant();
        for (var i = 0; i < Topics.Length; i++) Topics[i] = Topics[i].ToLowerInvariant();
        BlockNumber = Hex.ToLong(BlockNumberHex);
        LogIndex = checked((int)Hex.ToLong(LogIndexHex));
        TxIndex = checked((int)Hex.ToLong(TxIndexHex));
        BlockTimestamp = BlockTimestampHex is null ? null : Hex.ToLong(BlockTimestampHex);
        return this;
    }
}

/// <summary>The part of eth_getTransactionReceipt the verifier reads.</summary>
public sealed class RpcReceipt
{
    [JsonPropertyName("logs")] public RpcLog[] Logs { get; set; } = [];
}
