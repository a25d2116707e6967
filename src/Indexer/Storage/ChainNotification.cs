using System.Text.Json;
using Npgsql;
using LeveragedTokens.Data;

namespace LeveragedTokens.Indexer.Storage;

/// <summary>
/// The payload of NOTIFY chain_data, sent inside the writing transaction (so it arrives only if
/// the rows did): {"chainId":1,"kind":"append","fromBlock":10,"toBlock":20,"indexedBlock":20,"events":5}.
/// kind "reorg": rows of fromBlock..toBlock were deleted (indexedBlock is the common ancestor).
/// </summary>
public sealed record ChainNotification(long ChainId, string Kind, long FromBlock, long ToBlock, long IndexedBlock, int Events)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>NOTIFY on the connection; inside its open transaction, so it is delivered only on commit.</summary>
    public async Task SendAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var notify = new NpgsqlCommand("SELECT pg_notify(@c, @p)", conn);
        notify.Parameters.AddWithValue("c", NotifyChannels.ChainData);
        notify.Parameters.AddWithValue("p", ToJson());
        await notify.ExecuteNonQueryAsync(ct);
    }

    public static ChainNotification? Parse(string payload) => JsonSerializer.Deserialize<ChainNotification>(payload, Json);
}
