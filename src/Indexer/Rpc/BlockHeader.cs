using Newtonsoft.Json;

namespace LeveragedTokens.Indexer.Rpc;

/// <summary>The parts of a block the indexer needs: identity, link to the parent, time, bloom.</summary>
public sealed class BlockHeader
{
    [JsonProperty("number")] public string NumberHex { get; set; } = "0x0";
    [JsonProperty("hash")] public string HashRaw { get; set; } = "";
    [JsonProperty("parentHash")] public string ParentHashRaw { get; set; } = "";
    [JsonProperty("timestamp")] public string TimestampHex { get; set; } = "0x0";
    [JsonProperty("logsBloom")] public string? LogsBloom { get; set; }

    [JsonIgnore] public long Number => Hex.ToLong(NumberHex);
    [JsonIgnore] public string Hash => HashRaw.ToLowerInvariant();
    [JsonIgnore] public string ParentHash => ParentHashRaw.ToLowerInvariant();
    [JsonIgnore] public long Timestamp => Hex.ToLong(TimestampHex);
}
