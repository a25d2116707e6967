using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace LeveragedTokens.Chain;

/// <summary>
/// The one JSON-RPC client: every call goes to the current node through <see cref="RpcPipeline"/>
/// (timeout, classified retry with backoff, failover). A call the pipeline gives up on, or leaves
/// to its caller, throws <see cref="RpcCallFailedException"/> with the classified reason. Once the
/// chain is known (<see cref="CheckNodesAsync"/>), a node is asked its chain id before its first
/// call and again after it failed or calls moved to it; a node of another chain is never used, and with none of
/// the chain left calls throw <see cref="NoNodeOfTheChainException"/>.
/// </summary>
public sealed class ChainRpc
{
    private static readonly SocketsHttpHandler SharedHandler = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(2) };
    private readonly ResiliencePipeline _pipeline;
    private readonly ChainRpcOptions _options;
    private readonly ILogger<ChainRpc> _logger;

    /// <param name="http">Timeout infinite, MaxResponseContentBufferSize set from the options (see <see cref="ChainRpcServiceExtensions"/>).</param>
    public ChainRpc(ChainRpcOptions options, HttpClient http, ILogger<ChainRpc> logger)
    {
        _options = options;
        _logger = logger;
        Nodes = new RpcNodes(options.Urls.Select((url, index) => new RpcNode(url, http, index)), options);
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
                var node = state.self.Nodes.Current;
                ctx.Properties.Set(RpcPipeline.Node, node);
                await state.self.EnsureChainAsync(node, ctx.CancellationToken).ConfigureAwait(false);
                var started = Stopwatch.GetTimestamp();
                var result = await state.send(node, ctx.CancellationToken).ConfigureAwait(false);
                node.Succeeded(Stopwatch.GetElapsedTime(started));
                return result;
            }, context, (self: this, send)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (RpcCallFailedException or NoNodeOfTheChainException) && !(e is OperationCanceledException && ct.IsCancellationRequested))
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

    public Task<long> BlockNumberAsync(CancellationToken ct, RpcCallOptions? options = null) =>
        RunAsync("eth_blockNumber", HeadOfAsync, ct, options);

    /// <summary>
    /// The head to read up to. With several nodes every usable one is asked (each once), and calls leave a node
    /// whose head lags the best by more than <see cref="ChainRpcOptions.MaxHeadLag"/>: a lagging node answers
    /// "no logs" for blocks it has not seen.
    /// </summary>
    public async Task<long> TipAsync(CancellationToken ct)
    {
        if (Nodes.All.Count > 1)
        {
            var now = DateTime.UtcNow;
            await Task.WhenAll(Nodes.All.Where(n => n.Refusal is null && !n.IsBroken(now)).Select(n => TryOnceAsync(n, async (node, t) =>
            {
                await EnsureChainAsync(node, t).ConfigureAwait(false);
                return await HeadOfAsync(node, t).ConfigureAwait(false);
            }, ct))).ConfigureAwait(false);
            var lagging = Nodes.Current;
            if (Nodes.AvoidLaggingNode() is { } next)
                _logger.LogWarning("RPC failover: {Node} lags the best head ({Best}) by {Blocks} blocks; the tip comes from {Next}",
                    lagging.LogName, Nodes.BestHead, Nodes.BestHead - lagging.Head, next.LogName);
        }
        return await BlockNumberAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Start-up: asks every node its chain id. The chain is <paramref name="expected"/> (the configured one), else
    /// the first answering node's; a node of another chain is refused (logged, naming both ids) and never used.
    /// Throws <see cref="NoNodeOfTheChainException"/> when no node serves the chain, <see cref="RpcCallFailedException"/>
    /// when none answers.
    /// </summary>
    public async Task<long> CheckNodesAsync(long? expected, CancellationToken ct)
    {
        if (expected is { } configured) Nodes.Expect(configured);
        var answers = await Task.WhenAll(Nodes.All.Select(n => TryOnceAsync(n, ChainIdOfAsync, ct))).ConfigureAwait(false);
        if (answers.All(a => a is null))
        {
            // None answered at once: through the pipeline (a few attempts over every node), which checks the node it reaches.
            var reached = await ChainIdAsync(ct, RpcCallOptions.Check).ConfigureAwait(false);
            Nodes.Expect(expected ?? reached);
            Nodes.CheckedChain(Nodes.Current, reached);
            return expected ?? reached;
        }
        var chainId = expected ?? answers.First(a => a is not null)!.Value;
        Nodes.Expect(chainId);
        foreach (var node in Nodes.All)
        {
            if (answers[node.Index] is not { } answered) continue;
            Nodes.CheckedChain(node, answered);
            if (node.Refusal is not null) _logger.LogError("RPC node refused: {Reason}", node.Refusal);
        }
        if (!Nodes.All.Any(n => answers[n.Index] is not null && n.Refusal is null)) throw new NoNodeOfTheChainException(chainId, Nodes.All);
        if (answers[Nodes.Current.Index] is null) Nodes.FailOver(Nodes.Current);
        return chainId;
    }

    /// <summary>Asks <paramref name="node"/> its chain id when due (see <see cref="RpcNode.ChainCheckDue"/>) and refuses it when it serves another chain.</summary>
    private async Task EnsureChainAsync(RpcNode node, CancellationToken ct)
    {
        if (Nodes.ExpectedChainId is not { } expected || !node.ChainCheckDue) return;
        var chainId = await ChainIdOfAsync(node, ct).ConfigureAwait(false);
        Nodes.CheckedChain(node, chainId);
        if (node.Refusal is null) return;
        _logger.LogError("RPC node refused: {Reason}", node.Refusal);
        if (Nodes.NoneServesTheChain) throw new NoNodeOfTheChainException(expected, Nodes.All);
        throw new WrongChainNodeException(node.LogName, chainId, expected);
    }

    /// <summary>One attempt on one node, bounded by the request timeout; a failure counts against the node and gives null.</summary>
    private async Task<long?> TryOnceAsync(RpcNode node, Func<RpcNode, CancellationToken, Task<long>> send, CancellationToken ct)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        attempt.CancelAfter(_options.RequestTimeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await send(node, attempt.Token).ConfigureAwait(false);
            node.Succeeded(Stopwatch.GetElapsedTime(started));
            return result;
        }
        catch (Exception e) when (e is not NoNodeOfTheChainException && !ct.IsCancellationRequested)
        {
            node.Failed(RpcFailure.Classify(e), _options);
            return null;
        }
    }

    private static async Task<long> ChainIdOfAsync(RpcNode node, CancellationToken ct) =>
        Hex.ToLong(await node.SendAsync<string>("eth_chainId", [], ct).ConfigureAwait(false) ?? throw new RpcAnswerException("eth_chainId: no result"));

    private static async Task<long> HeadOfAsync(RpcNode node, CancellationToken ct)
    {
        var head = Hex.ToLong(await node.SendAsync<string>("eth_blockNumber", [], ct).ConfigureAwait(false)
            ?? throw new RpcAnswerException("eth_blockNumber: no result"));
        node.SawHead(head);
        return head;
    }

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
