using System.Text.Json.Serialization;

namespace LeveragedTokens.Chain;

/// <summary>The parts of a block its readers need: identity, link to the parent, time, bloom.</summary>
public sealed class BlockHeader
{
    [JsonPropertyName("number")] public string NumberHex { get; set; } = "0x0";
    [JsonPropertyName("hash")] public string HashRaw { get; set; } = "";
    [JsonPropertyName("parentHash")] public string ParentHashRaw { get; set; } = "";
    [JsonPropertyName("timestamp")] public string TimestampHex { get; set; } = "0x0";
    [JsonPropertyName("logsBloom")] public string? LogsBloom { get; set; }

    [JsonIgnore] public long Number => Hex.ToLong(NumberHex);
    [JsonIgnore] public string Hash => HashRaw.ToLowerInvariant();
    [JsonIgnore] public string ParentHash => ParentHashRaw.ToLowerInvariant();
    [JsonIgnore] public long Timestamp => Hex.ToLong(TimestampHex);
}
