namespace LeveragedTokens.Chain;

/// <summary>The node answered the call with a JSON-RPC error object.</summary>
public sealed class JsonRpcErrorException(string method, long code, string rpcMessage, string? data)
    : Exception($"{method} failed: {code}: {rpcMessage}")
{
    public long Code { get; } = code;
    public string RpcMessage { get; } = rpcMessage;
    public string? ErrorData { get; } = data;
}

/// <summary>An answer that cannot be right: a broken JSON body, or logs that contradict the request.</summary>
public sealed class RpcAnswerException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A call the pipeline gave up on (or left to its caller), with the classified reason.</summary>
public sealed class RpcCallFailedException(string call, RpcFailure failure, Exception inner)
    : Exception($"RPC {call} failed: {failure.Message}", inner)
{
    public RpcFailure Failure { get; } = failure;
}

/// <summary>The answer is bigger than the client accepts (hosted providers cap around 10 MB): ask for less.</summary>
/// <param name="answerBytes">The answer's size when the node declared it (Content-Length).</param>
public sealed class RpcAnswerTooLargeException(long maxBytes, long? answerBytes)
    : Exception($"response of {(answerBytes is { } n ? n.ToString("N0") : "more than " + maxBytes.ToString("N0"))} bytes, over the client's MaxResponseBytes")
{
    public long? AnswerBytes { get; } = answerBytes;
}

/// <summary>The node serves another chain than the one being read: calls move on to the next node.</summary>
public sealed class WrongChainNodeException(string node, long chainId, long expected)
    : Exception($"{node} serves chain {chainId}, not chain {expected}: it is not used");

/// <summary>Every configured node serves another chain: nothing can be read, and retrying cannot help.</summary>
public sealed class NoNodeOfTheChainException(long expected, IEnumerable<RpcNode> nodes)
    : Exception($"No configured node serves chain {expected}: " +
        string.Join("; ", nodes.Select(n => n.Refusal ?? $"{n.LogName} not checked ({n.LastFailure?.Message ?? "no answer"})")));
