using System.Text.Json;

namespace LeveragedTokens.Indexer.Storage;

/// <summary>
/// The payload of NOTIFY chain_data, sent inside the writing transaction (so it arrives only if
/// the rows did): {"chainId":1,"kind":"append","fromBlock":10,"toBlock":20,"indexedBlock":20,"events":5}.
/// kind "reorg": rows of fromBlock..toBlock were deleted (indexedBlock is the common ancestor).
/// </summary>
public sealed record ChainNotification(long ChainId, string Kind, long FromBlock, long ToBlock, long IndexedBlock, int Events)
{
    public const string Channel = "chain_data";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ChainNotification? Parse(string payload) => JsonSerializer.Deserialize<ChainNotification>(payload, Json);
}
