using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace LeveragedTokens.Exports.Chain;

/// <summary>A log exactly as a node returned it (hex fields already parsed).</summary>
public sealed record ChainLog(
    string Address, IReadOnlyList<string> Topics, string Data, long BlockNumber, string BlockHash, string TxHash, int LogIndex);

public sealed record ChainBlock(long Number, string Hash, long Timestamp);

/// <summary>
/// The three JSON-RPC calls verification needs, over a plain HttpClient so any EVM node works.
/// (The URL may carry an API key: it is never put into messages.)
/// </summary>
public sealed class JsonRpcChain(HttpClient http, Uri endpoint)
{
    private int _id;

    public async Task<IReadOnlyList<ChainLog>?> GetReceiptLogsAsync(string txHash, CancellationToken ct)
    {
        var result = await CallAsync("eth_getTransactionReceipt", [txHash], ct);
        return result.ValueKind == JsonValueKind.Null ? null : [.. result.GetProperty("logs").EnumerateArray().Select(ParseLog)];
    }

    public async Task<ChainBlock?> GetBlockAsync(long number, CancellationToken ct)
    {
        var result = await CallAsync("eth_getBlockByNumber", [Hex(number), false], ct);
        return result.ValueKind == JsonValueKind.Null ? null
            : new ChainBlock(number, result.GetProperty("hash").GetString()!, HexToLong(result.GetProperty("timestamp").GetString()!));
    }

    public async Task<IReadOnlyList<ChainLog>> GetLogsAsync(IReadOnlyCollection<string> addresses, long fromBlock, long toBlock, CancellationToken ct)
    {
        var filter = new Dictionary<string, object> { ["address"] = addresses.ToArray(), ["fromBlock"] = Hex(fromBlock), ["toBlock"] = Hex(toBlock) };
        var result = await CallAsync("eth_getLogs", [filter], ct);
        return [.. result.EnumerateArray().Select(ParseLog)];
    }

    public async Task<long> BlockNumberAsync(CancellationToken ct) =>
        HexToLong((await CallAsync("eth_blockNumber", [], ct)).GetString()!);

    private async Task<JsonElement> CallAsync(string method, object[] parameters, CancellationToken ct)
    {
        var request = new { jsonrpc = "2.0", id = Interlocked.Increment(ref _id), method, @params = parameters };
        using var response = await http.PostAsJsonAsync(endpoint, request, ct);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{method}: HTTP {(int)response.StatusCode} from the node");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        if (body.TryGetProperty("error", out var error)) throw new InvalidOperationException($"{method} failed: {error}");
        return body.GetProperty("result").Clone();
    }

    private static ChainLog ParseLog(JsonElement log) => new(
        log.GetProperty("address").GetString()!.ToLowerInvariant(),
        [.. log.GetProperty("topics").EnumerateArray().Select(t => t.GetString()!.ToLowerInvariant())],
        log.GetProperty("data").GetString()!,
        HexToLong(log.GetProperty("blockNumber").GetString()!),
        log.GetProperty("blockHash").GetString()!.ToLowerInvariant(),
        log.GetProperty("transactionHash").GetString()!.ToLowerInvariant(),
        (int)HexToLong(log.GetProperty("logIndex").GetString()!));

    private static string Hex(long n) => "0x" + n.ToString("x", CultureInfo.InvariantCulture);
    private static long HexToLong(string hex) => long.Parse(hex.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
