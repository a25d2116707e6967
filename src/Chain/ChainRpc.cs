using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace LeveragedTokens.Chain;

/// <summary>
/// The one JSON-RPC client: every call goes to the current node through <see cref="RpcPipeline"/>
/// (timeout, classified retry with backoff, failover). A call the pipeline gives up on, or leaves
/// to its caller, throws <see cref="RpcCallFailedException"/> with the classified reason.
/// </summary>
public sealed class ChainRpc
{
    private static readonly SocketsHttpHandler SharedHandler = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(2) };
    private readonly ResiliencePipeline _pipeline;

    /// <param name="http">Timeout infinite, MaxResponseContentBufferSize set from the options (see <see cref="ChainRpcServiceExtensions"/>).</param>
    public ChainRpc(ChainRpcOptions options, HttpClient http, ILogger<ChainRpc> logger)
    {
        Nodes = new RpcNodes(options.Urls.Select(url => new RpcNode(url, http)));
        _pipeline = RpcPipeline.Build(Nodes, options, logger);
    }

    /// <summary>A client outside a DI host (CLI, simulator, tests), on a shared connection pool.</summary>
    public static ChainRpc Create(ChainRpcOptions options, ILogger<ChainRpc>? logger = null) =>
        new(options, ChainRpcServiceExtensions.Configure(new HttpClient(SharedHandler, disposeHandler: false), options),
            logger ?? NullLogger<ChainRpc>.Instance);

    public RpcNodes Nodes { get; }

    /// <summary>Runs <paramref name="send"/> against the current node inside the pipeline; it may also check the answer (throw <see cref="RpcAnswerException"/> to retry).</summary>
    public async Task<T> RunAsync<T>(string call, Func<RpcNode, CancellationToken, Task<T>> send, CancellationToken ct, RpcCallOptions? options = null)
    {
        var context = ResilienceContextPool.Shared.Get(call, ct);
        context.Properties.Set(RpcPipeline.Call, call);
        if (options is not null) context.Properties.Set(RpcPipeline.Options, options);
        try
        {
            return await _pipeline.ExecuteAsync(static async (ctx, state) =>
            {
                var node = state.Nodes.Current;
                ctx.Properties.Set(RpcPipeline.Node, node);
                var result = await state.send(node, ctx.CancellationToken).ConfigureAwait(false);
                node.Succeeded();
                return result;
            }, context, (Nodes, send)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not RpcCallFailedException && !(e is OperationCanceledException && ct.IsCancellationRequested))
        {
            throw new RpcCallFailedException(call, RpcFailure.Classify(e), e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public Task<T?> CallAsync<T>(string method, object?[] parameters, CancellationToken ct, RpcCallOptions? options = null) =>
        RunAsync(method, (node, t) => node.SendAsync<T>(method, parameters, t), ct, options);

    /// <summary>A call whose answer must not be null: a missing result is a bad answer, retried like one.</summary>
    public Task<T> CallRequiredAsync<T>(string method, object?[] parameters, CancellationToken ct, RpcCallOptions? options = null) =>
        RunAsync(method, async (node, t) => await node.SendAsync<T>(method, parameters, t).ConfigureAwait(false)
            ?? throw new RpcAnswerException($"{method}: no result"), ct, options);

    public async Task<long> ChainIdAsync(CancellationToken ct, RpcCallOptions? options = null) =>
        Hex.ToLong(await CallRequiredAsync<string>("eth_chainId", [], ct, options));

    public async Task<long> BlockNumberAsync(CancellationToken ct, RpcCallOptions? options = null) =>
        Hex.ToLong(await CallRequiredAsync<string>("eth_blockNumber", [], ct, options));

    public async Task<string> CodeAsync(string address, CancellationToken ct, RpcCallOptions? options = null) =>
        await CallAsync<string>("eth_getCode", [address, "latest"], ct, options) ?? "0x";

    /// <summary>Null when the node does not (yet) have the block.</summary>
    public Task<BlockHeader?> HeaderAsync(long number, CancellationToken ct) =>
        CallAsync<BlockHeader>("eth_getBlockByNumber", [Hex.From(number), false], ct);

    public Task<BlockHeader> LatestHeaderAsync(CancellationToken ct) =>
        CallRequiredAsync<BlockHeader>("eth_getBlockByNumber", ["latest", false], ct);

    /// <summary>The logs of the transaction; null when the node does not know it.</summary>
    public async Task<RpcLog[]?> ReceiptLogsAsync(string txHash, CancellationToken ct) =>
        (await CallAsync<RpcReceipt>("eth_getTransactionReceipt", [txHash], ct))?.Logs;

    /// <summary>A too-large range is the caller's to split (<see cref="RpcCallOptions.RangeErrorsToCaller"/> unless told otherwise).</summary>
    public async Task<RpcLog[]> LogsAsync(LogFilter filter, CancellationToken ct, RpcCallOptions? options = null) =>
        (await RunAsync("eth_getLogs", (node, t) => node.GetLogsAsync(filter, t), ct, options ?? RpcCallOptions.RangeErrorsToCaller)).Logs;
}
