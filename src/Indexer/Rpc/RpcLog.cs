using System.Globalization;
using System.Runtime.Serialization;
using Newtonsoft.Json;

namespace LeveragedTokens.Indexer.Rpc;

/// <summary>One log exactly as eth_getLogs returned it (hex strings kept as sent, numbers parsed).</summary>
public sealed class RpcLog
{
    [JsonProperty("address")] public string Address { get; set; } = "";
    [JsonProperty("topics")] public string[] Topics { get; set; } = [];
    [JsonProperty("data")] public string Data { get; set; } = "0x";
    [JsonProperty("blockHash")] public string BlockHash { get; set; } = "";
    [JsonProperty("blockNumber")] public string BlockNumberHex { get; set; } = "0x0";
    // Not every node sends it (anvil and reth do); when absent the block header supplies the time.
    [JsonProperty("blockTimestamp")] public string? BlockTimestampHex { get; set; }
    [JsonProperty("transactionHash")] public string TxHash { get; set; } = "";
    [JsonProperty("transactionIndex")] public string TxIndexHex { get; set; } = "0x0";
    [JsonProperty("logIndex")] public string LogIndexHex { get; set; } = "0x0";
    [JsonProperty("removed")] public bool Removed { get; set; }

    [JsonIgnore] public long BlockNumber { get; private set; }
    [JsonIgnore] public int LogIndex { get; private set; }
    [JsonIgnore] public int TxIndex { get; private set; }
    [JsonIgnore] public long? BlockTimestamp { get; set; }

    [OnDeserialized]
    internal void OnDeserialized(StreamingContext context) => Normalize();

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

public static class Hex
{
    public static long ToLong(string hex) =>
        long.Parse(hex.AsSpan(hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? 2 : 0), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    public static string From(long value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);
}
