using Npgsql;

namespace LeveragedTokens.Indexer.Storage;

/// <summary>
/// NOTIFY chain_data after a batch or a reorg rewind. The payload is empty: listeners only need
/// to know that chain data changed, and re-read what they show.
/// </summary>
public static class ChainNotification
{
    public const string Channel = "chain_data";

    /// <summary>NOTIFY on the connection; inside its open transaction, so it is delivered only on commit.</summary>
    public static async Task SendAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var notify = new NpgsqlCommand($"NOTIFY {Channel}", conn);
        await notify.ExecuteNonQueryAsync(ct);
    }
}
