using System.Text.Json;
using Npgsql;

namespace LeveragedTokens.Indexer.Tests.Support;

/// <summary>
/// The proof of exactness: the logs eth_getLogs returns for the registry and every address it
/// registered (from its registration block), read independently of the indexer's code, must
/// equal the stored raw events plus decode failures, field by field, each exactly once.
/// </summary>
public static class ChainTruth
{
    public static async Task<List<string>> ExpectedAsync(AnvilNode anvil, string registry, long startBlock, long? toBlock = null)
    {
        var head = toBlock ?? await anvil.BlockNumberAsync();
        var registryLogs = await LogsAsync(anvil, registry, startBlock, head);
        var watched = new Dictionary<string, long> { [registry.ToLowerInvariant()] = startBlock };
        foreach (var log in registryLogs)
        {
            var topics = log.GetProperty("topics").EnumerateArray().Select(t => t.GetString()!).ToArray();
            if (topics.Length < 2 || (topics[0] != EventCatalog.ReservePoolRegistered.Topic0 && topics[0] != EventCatalog.TokenRegistered.Topic0)) continue;
            if (EventCatalog.ByTopic0[topics[0]].Mismatch(topics, log.GetProperty("data").GetString()!) is not null) continue;
            var address = "0x" + topics[1][26..];
            watched.TryAdd(address, Convert.ToInt64(log.GetProperty("blockNumber").GetString(), 16));
        }
        var rows = new List<string>();
        foreach (var (address, from) in watched)
        {
            foreach (var log in address == registry.ToLowerInvariant() ? registryLogs : await LogsAsync(anvil, address, from, head))
            {
                rows.Add(string.Join("|",
                    Convert.ToInt64(log.GetProperty("blockNumber").GetString(), 16),
                    Convert.ToInt64(log.GetProperty("logIndex").GetString(), 16),
                    log.GetProperty("blockHash").GetString(),
                    log.GetProperty("transactionHash").GetString(),
                    log.GetProperty("address").GetString()!.ToLowerInvariant(),
                    string.Join(",", log.GetProperty("topics").EnumerateArray().Select(t => t.GetString())),
                    log.GetProperty("data").GetString(),
                    DateTime.UnixEpoch.AddSeconds(Convert.ToInt64(log.GetProperty("blockTimestamp").GetString(), 16)).ToString("O")));
            }
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    public static async Task<List<string>> StoredAsync(string connectionString, long chainId)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            """
            SELECT block_number, log_index, block_hash, tx_hash, contract_address, array_to_string(topics, ','), data, block_time FROM raw_events WHERE chain_id = @c
            UNION ALL
            SELECT block_number, log_index, block_hash, tx_hash, contract_address, array_to_string(topics, ','), data, block_time FROM decode_failures WHERE chain_id = @c
            """, conn);
        cmd.Parameters.AddWithValue("c", chainId);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join("|", reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetDateTime(7).ToUniversalTime().ToString("O")));
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    public static async Task AssertStoredEqualsChainAsync(AnvilNode anvil, string connectionString, long chainId, string registry, long startBlock)
    {
        var expected = await ExpectedAsync(anvil, registry, startBlock);
        var stored = await StoredAsync(connectionString, chainId);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, stored.Count);
        Assert.Equal(expected, stored);
    }

    private static async Task<List<JsonElement>> LogsAsync(AnvilNode anvil, string address, long from, long to)
    {
        var result = await anvil.CallAsync("eth_getLogs", new { fromBlock = "0x" + from.ToString("x"), toBlock = "0x" + to.ToString("x"), address });
        return result.EnumerateArray().ToList();
    }
}
