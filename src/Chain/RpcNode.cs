using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeveragedTokens.Chain;

/// <summary>
/// One configured node: where it is, how it has been answering, and one JSON-RPC call to it.
/// (Per-node circuit breakers, latency and head belong here when several nodes are weighed.)
/// </summary>
public sealed class RpcNode(string url, HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static long _requestIds;
    private readonly Uri _endpoint = new(url);
    private int _consecutiveFailures;

    /// <summary>The URL without path and query, which may carry an API key.</summary>
    public string LogName { get; } = RpcLogText.Redact(url);

    public int ConsecutiveFailures => Volatile.Read(ref _consecutiveFailures);
    public RpcFailure? LastFailure { get; private set; }

    internal void Succeeded() => Volatile.Write(ref _consecutiveFailures, 0);

    internal void Failed(RpcFailure failure)
    {
        LastFailure = failure;
        Interlocked.Increment(ref _consecutiveFailures);
    }

    /// <summary>One request, no retry: HTTP failures, JSON-RPC errors and broken bodies each throw their own exception.</summary>
    public async Task<T?> SendAsync<T>(string method, object?[] parameters, CancellationToken ct)
    {
        var request = new Request(Interlocked.Increment(ref _requestIds), method, parameters);
        using var response = await http.PostAsJsonAsync(_endpoint, request, Json, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{method}: HTTP {(int)response.StatusCode} from the node", null, response.StatusCode);
        Response<T>? body;
        try
        {
            body = await response.Content.ReadFromJsonAsync<Response<T>>(Json, ct).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new RpcAnswerException($"{method}: broken JSON answer ({e.Message})", e);
        }
        if (body is null) throw new RpcAnswerException($"{method}: empty answer");
        if (body.Error is { } error)
            throw new JsonRpcErrorException(method, error.Code, error.Message ?? "", error.Data?.ToString());
        return body.Result;
    }

    private sealed record Request(
        [property: JsonPropertyName("id")] long Id,
        [property: JsonPropertyName("method")] string Method,
        [property: JsonPropertyName("params")] object?[] Params)
    {
        [JsonPropertyName("jsonrpc")] public string Version => "2.0";
    }

    private sealed record Response<T>(T? Result, ErrorObject? Error);

    private sealed record ErrorObject(long Code, string? Message, JsonElement? Data);
}

/// <summary>The configured nodes and the one calls go to now; a failure on it moves to the next.</summary>
public sealed class RpcNodes
{
    private readonly RpcNode[] _nodes;
    private int _current;

    public RpcNodes(IEnumerable<RpcNode> nodes)
    {
        _nodes = [.. nodes];
        if (_nodes.Length == 0) throw new ArgumentException("At least one node URL is needed.", nameof(nodes));
    }

    public IReadOnlyList<RpcNode> All => _nodes;

    public RpcNode Current => _nodes[(int)((uint)Volatile.Read(ref _current) % (uint)_nodes.Length)];

    /// <summary>
    /// Moves on from <paramref name="failed"/> unless another call already did: concurrent calls
    /// failing on one node move on once, not once each (with two nodes, twice is back to the bad one).
    /// </summary>
    internal void FailOver(RpcNode failed)
    {
        var current = Volatile.Read(ref _current);
        if (ReferenceEquals(_nodes[(int)((uint)current % (uint)_nodes.Length)], failed))
            Interlocked.CompareExchange(ref _current, current + 1, current);
    }
}
