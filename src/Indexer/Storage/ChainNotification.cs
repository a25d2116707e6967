using Npgsql;
using LeveragedTokens.Data;

namespace LeveragedTokens.Indexer.Storage;

/// <summary>
/// NOTIFY on the chain-data channel after a batch or a reorg rewind. The payload is empty: listeners only need
/// to know that chain data changed, and re-read what they show.
/// </summary>
public static class ChainNotification
{
    /// <summary>NOTIFY on the connection; inside its open transaction, so it is delivered only on commit.</summary>
    public static async Task SendAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var notify = new NpgsqlCommand($"NOTIFY {NotifyChannels.ChainData}", conn);
        await notify.ExecuteNonQueryAsync(ct);
    }
}
