using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeveragedTokens.Chain;

/// <summary>Reads a call's result out of the answer's bytes, the reader positioned on the result's first token.</summary>
public delegate T RpcResultReader<out T>(ref Utf8JsonReader reader);

/// <summary>
/// One configured node: where it is, how it has been answering, and one JSON-RPC call to it.
/// (Per-node circuit breakers, latency and head belong here when several nodes are weighed.)
/// </summary>
public sealed class RpcNode(string url, HttpClient http)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
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
    public Task<T?> SendAsync<T>(string method, object?[] parameters, CancellationToken ct) =>
        SendAsync(method, parameters, static (ref Utf8JsonReader reader) => JsonSerializer.Deserialize<T>(ref reader, Json), ct);

    /// <summary>eth_getLogs, read log by log from the answer's bytes; the answer's size sizes the next range.</summary>
    public async Task<LogsAnswer> GetLogsAsync(LogFilter filter, CancellationToken ct) =>
        await SendAsync("eth_getLogs", [filter.ToParameter()], static (ref Utf8JsonReader reader) =>
        {
            var start = reader.TokenStartIndex;
            var logs = JsonSerializer.Deserialize<RpcLog[]>(ref reader, Json) ?? [];
            return new LogsAnswer(logs, reader.BytesConsumed - start);
        }, ct).ConfigureAwait(false) ?? new LogsAnswer([], 0);

    /// <summary>
    /// One request whose result <paramref name="readResult"/> reads straight from the answer's bytes (a pooled
    /// buffer, no intermediate document): the hot path of eth_getLogs. Null when the result is absent.
    /// </summary>
    public async Task<T?> SendAsync<T>(string method, object?[] parameters, RpcResultReader<T> readResult, CancellationToken ct)
    {
        var request = new Request(Interlocked.Increment(ref _requestIds), method, parameters);
        using var message = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = JsonContent.Create(request, options: Json) };
        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{method}: HTTP {(int)response.StatusCode} from the node", null, response.StatusCode);
        using var body = await RpcAnswerBuffer.ReadAsync(response.Content, http.MaxResponseContentBufferSize, ct).ConfigureAwait(false);
        try
        {
            return ReadAnswer(method, body.Bytes, readResult);
        }
        catch (JsonException e)
        {
            throw new RpcAnswerException($"{method}: broken JSON answer ({e.Message})", e);
        }
    }

    private static T? ReadAnswer<T>(string method, ReadOnlySpan<byte> answer, RpcResultReader<T> readResult)
    {
        if (answer.IsEmpty) throw new RpcAnswerException($"{method}: empty answer");
        var reader = new Utf8JsonReader(answer, isFinalBlock: true, state: default);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new RpcAnswerException($"{method}: the answer is not a JSON-RPC object");
        T? result = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isResult = reader.ValueTextEquals("result"u8);
            var isError = !isResult && reader.ValueTextEquals("error"u8);
            reader.Read();
            if (isError && reader.TokenType != JsonTokenType.Null)
            {
                var error = JsonSerializer.Deserialize<ErrorObject>(ref reader, Json)!;
                throw new JsonRpcErrorException(method, error.Code, error.Message ?? "", error.Data?.ToString());
            }
            if (isResult && reader.TokenType != JsonTokenType.Null) result = readResult(ref reader);
            else reader.Skip();
        }
        if (reader.TokenType != JsonTokenType.EndObject) throw new RpcAnswerException($"{method}: the answer ends early");
        return result;
    }

    private sealed record Request(
        [property: JsonPropertyName("id")] long Id,
        [property: JsonPropertyName("method")] string Method,
        [property: JsonPropertyName("params")] object?[] Params)
    {
        [JsonPropertyName("jsonrpc")] public string Version => "2.0";
    }

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
