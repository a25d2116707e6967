using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace LeveragedTokens.Indexer.Tests.Support;

/// <summary>
/// A misbehaving JSON-RPC endpoint in front of a real anvil: on a fixed schedule it answers 429,
/// 500, hangs past the client's timeout, cuts the JSON short, refuses eth_getLogs spans over a
/// limit ("too many results", sometimes naming a range that works), and answers `[]` the first
/// time it sees a log query, like a node that has not served those blocks yet.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private static readonly HttpClient Upstream = new();
    private readonly HttpListener _listener = new();
    private readonly string _target;
    private readonly ConcurrentDictionary<string, bool> _seenLogQueries = new();
    private int _requests;

    public FaultProxy(string target, bool emptyFirstLogAnswers, int maxSpan)
    {
        _target = target;
        EmptyFirstLogAnswers = emptyFirstLogAnswers;
        MaxSpan = maxSpan;
        var port = FreePort.Next();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(AcceptLoopAsync);
    }

    public string Url { get; }
    public bool EmptyFirstLogAnswers { get; }
    public int MaxSpan { get; }
    public ConcurrentDictionary<string, int> Served { get; } = new();

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            var body = await new StreamReader(context.Request.InputStream).ReadToEndAsync();
            var n = Interlocked.Increment(ref _requests);
            var request = JsonDocument.Parse(body).RootElement;
            var method = request.ValueKind == JsonValueKind.Object ? request.GetProperty("method").GetString() : "batch";
            var id = request.ValueKind == JsonValueKind.Object ? request.GetProperty("id").GetRawText() : "1";

            if (n % 7 == 0) { await Fault(context, "429", 429, "{\"error\":\"rate limited\"}", ("Retry-After", "0")); return; }
            if (n % 11 == 0) { await Fault(context, "500", 500, "internal error"); return; }
            if (n % 17 == 0) await Count("timeout", Task.Delay(2500));

            if (method == "eth_getLogs")
            {
                var filter = request.GetProperty("params")[0];
                var from = Convert.ToInt64(filter.GetProperty("fromBlock").GetString(), 16);
                var to = Convert.ToInt64(filter.GetProperty("toBlock").GetString(), 16);
                if (to - from + 1 > MaxSpan)
                {
                    // Alternate Infura's wording (no hint) and Alchemy's (names a working range).
                    var error = n % 2 == 0
                        ? "{\"code\":-32005,\"message\":\"query returned more than 10000 results\"}"
                        : $"{{\"code\":-32602,\"message\":\"Log response size exceeded. this block range should work: [0x{from:x}, 0x{from + MaxSpan - 2:x}]\"}}";
                    await Fault(context, "range", 200, $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"error\":{error}}}");
                    return;
                }
                if (EmptyFirstLogAnswers && _seenLogQueries.TryAdd(filter.GetRawText(), true))
                {
                    await Fault(context, "empty", 200, $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":[]}}");
                    return;
                }
            }

            var upstream = await Upstream.PostAsync(_target, new StringContent(body, Encoding.UTF8, "application/json"));
            var answer = await upstream.Content.ReadAsStringAsync();
            if (n % 13 == 0 && answer.Length > 10) { await Fault(context, "truncated", 200, answer[..(answer.Length / 2)]); return; }
            await Write(context, 200, answer);
        }
        catch (Exception)
        {
            try { context.Response.Abort(); } catch (Exception) { }
        }
    }

    private async Task Count(string fault, Task task)
    {
        Served.AddOrUpdate(fault, 1, (_, c) => c + 1);
        await task;
    }

    private Task Fault(HttpListenerContext context, string fault, int status, string body, params (string, string)[] headers)
    {
        Served.AddOrUpdate(fault, 1, (_, c) => c + 1);
        foreach (var (k, v) in headers) context.Response.Headers[k] = v;
        return Write(context, status, body);
    }

    private static async Task Write(HttpListenerContext context, int status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    public ValueTask DisposeAsync()
    {
        // Close alone: Stop then Close releases the port and binds it again to release it twice, which fails
        // with "Address already in use" once another test's anvil has taken the port in between.
        _listener.Close();
        return ValueTask.CompletedTask;
    }
}
