using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeveragedTokens.Chain;

/// <summary>Reads a call's result out of the answer's bytes, the reader positioned on the result's first token.</summary>
public delegate T RpcResultReader<out T>(ref Utf8JsonReader reader);

/// <summary>
/// One configured node: where it is, how it has been answering (its own circuit breaker, latency,
/// head, the chain it serves), and one JSON-RPC call to it.
/// </summary>
public sealed class RpcNode(string url, HttpClient http, int index = 0)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static long _requestIds;
    private readonly Uri _endpoint = new(url);
    private int _consecutiveFailures;
    private long _brokenUntilTicks;
    private long _failovers;
    private long _head = -1;
    private double _latencyMs = double.NaN;
    private volatile bool _chainCheckDue = true;

    /// <summary>Its place in the configured list (0 = most preferred).</summary>
    public int Index { get; } = index;

    /// <summary>The URL without path and query, which may carry an API key.</summary>
    public string LogName { get; } = RpcLogText.Redact(url);

    public int ConsecutiveFailures => Volatile.Read(ref _consecutiveFailures);
    public RpcFailure? LastFailure { get; private set; }

    /// <summary>Calls moved away from this node to another one.</summary>
    public long Failovers => Interlocked.Read(ref _failovers);

    /// <summary>The latest head it answered; null before its first eth_blockNumber.</summary>
    public long? Head => Interlocked.Read(ref _head) is >= 0 and var h ? h : null;

    /// <summary>Moving average of its answer times (successful calls).</summary>
    public double? LatencyMs => Volatile.Read(ref _latencyMs) is var l && double.IsNaN(l) ? null : l;

    /// <summary>The chain id it answered at its last check; null before one.</summary>
    public long? ChainId { get; private set; }

    /// <summary>Why it is not used at all (it serves another chain); null while it may be.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Open breaker: until then the node is skipped while another can answer.</summary>
    public DateTime? BrokenUntil => Volatile.Read(ref _brokenUntilTicks) is > 0 and var t ? new DateTime(t, DateTimeKind.Utc) : null;

    public bool IsBroken(DateTime now) => now.Ticks < Volatile.Read(ref _brokenUntilTicks);

    /// <summary>Its chain id must be asked before the next call (at first use, after it failed, and after calls move to it).</summary>
    internal bool ChainCheckDue { get => _chainCheckDue; set => _chainCheckDue = value; }

    internal void Succeeded(TimeSpan elapsed)
    {
        Volatile.Write(ref _consecutiveFailures, 0);
        Volatile.Write(ref _brokenUntilTicks, 0);
        var previous = Volatile.Read(ref _latencyMs);
        var ms = elapsed.TotalMilliseconds;
        Volatile.Write(ref _latencyMs, double.IsNaN(previous) ? ms : previous * 0.8 + ms * 0.2);
    }

    internal void Failed(RpcFailure failure, ChainRpcOptions options)
    {
        LastFailure = failure;
        // It may come back as another node (a restart, a re-pointed load balancer): ask its chain again first.
        ChainCheckDue = true;
        if (Interlocked.Increment(ref _consecutiveFailures) >= options.BreakAfterFailures)
            Volatile.Write(ref _brokenUntilTicks, (DateTime.UtcNow + options.BreakDuration).Ticks);
    }

    internal void SawHead(long head) => Interlocked.Exchange(ref _head, head);

    internal void MovedAway() => Interlocked.Increment(ref _failovers);

    internal void CheckedChain(long chainId, long expected)
    {
        ChainId = chainId;
        ChainCheckDue = false;
        Refusal = chainId == expected ? null : $"{LogName} serves chain {chainId}, not chain {expected}";
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
