namespace LeveragedTokens.Operations.Tests.Support;

/// <summary>What the fault drill compares: the indexer's checkpoint and stored logs in Postgres, and the node's logs.</summary>
public sealed class DrillProbe(string rpcUrl, string connectionString)
{
    public async Task<(long Indexed, long Head)?> IndexedAsync()
    {
        try
        {
            await using var conn = new NpgsqlConnection(connectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT indexed_block, head_block FROM indexer_state LIMIT 1", conn);
            await using var reader = await cmd.ExecuteReaderAsync();
            return await reader.ReadAsync() ? (reader.GetInt64(0), reader.GetInt64(1)) : null;
        }
        catch (NpgsqlException) { return null; }
    }

    public async Task<List<string>> StoredLogsAsync()
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT block_number || ':' || log_index FROM raw_events UNION ALL SELECT block_number || ':' || log_index FROM decode_failures", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    /// <summary>Logs of every contract the indexer watches (registry, pools, tokens) up to the indexed block.</summary>
    public async Task<List<string>> ChainLogsAsync(long from, long to)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT DISTINCT contract_address FROM raw_events", conn);
        var addresses = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) addresses.Add(reader.GetString(0));
        var logs = await RpcAsync("eth_getLogs", new { fromBlock = $"0x{from:x}", toBlock = $"0x{to:x}", address = addresses });
        return logs.EnumerateArray().Select(l => $"{Convert.ToInt64(l.GetProperty("blockNumber").GetString(), 16)}:{Convert.ToInt64(l.GetProperty("logIndex").GetString(), 16)}").ToList();
    }

    public async Task<long> BlockNumberAsync() => Convert.ToInt64((await RpcAsync("eth_blockNumber")).GetString(), 16);

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async Task<JsonElement> RpcAsync(string method, params object[] parameters)
    {
        using var response = await Http.PostAsync(rpcUrl, new StringContent(JsonSerializer.Serialize(new { jsonrpc = "2.0", id = 1, method, @params = parameters }),
            System.Text.Encoding.UTF8, "application/json"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        if (body.TryGetProperty("error", out var error)) throw new InvalidOperationException($"{method}: {error}");
        return body.GetProperty("result").Clone();
    }
}
