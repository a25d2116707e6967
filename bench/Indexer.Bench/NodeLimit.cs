using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace LeveragedTokens.Indexer.Bench;

/// <summary>
/// The node's limit: eth_getLogs in fixed 100-block calls, 4 in flight, each answer read whole and
/// walked once with Utf8JsonReader to count its logs. Nothing of ours on the path: a plain HttpClient.
/// </summary>
public static class NodeLimit
{
    private const int BlocksPerCall = 100;
    private const int InFlight = 4;

    public static async Task<(long Logs, TimeSpan Time)> FetchAsync(string rpcUrl, long head, IReadOnlyList<string> addresses)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5), MaxResponseContentBufferSize = int.MaxValue };
        var next = -1L;
        long logs = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, InFlight).Select(async _ =>
        {
            for (var from = Interlocked.Add(ref next, BlocksPerCall) - BlocksPerCall + 1; from <= head;
                 from = Interlocked.Add(ref next, BlocksPerCall) - BlocksPerCall + 1)
            {
                var filter = new { fromBlock = "0x" + from.ToString("x"), toBlock = "0x" + Math.Min(head, from + BlocksPerCall - 1).ToString("x"), address = addresses };
                using var response = await http.PostAsJsonAsync(rpcUrl, new { jsonrpc = "2.0", id = 1, method = "eth_getLogs", @params = new[] { filter } });
                Interlocked.Add(ref logs, CountLogs(await response.Content.ReadAsByteArrayAsync()));
            }
        }));
        return (logs, clock.Elapsed);
    }

    private static long CountLogs(byte[] answer)
    {
        var reader = new Utf8JsonReader(answer);
        long count = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("error"u8))
                throw new InvalidOperationException("eth_getLogs failed: " + System.Text.Encoding.UTF8.GetString(answer));
            if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == 2) count++;
        }
        return count;
    }
}
