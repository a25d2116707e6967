using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace LeveragedTokens.Chain;

/// <summary>
/// The one resilience pipeline every JSON-RPC call runs in: a timeout per attempt inside a retry
/// that classifies the failure (<see cref="RpcFailure"/>), backs off by its kind, moves to the
/// next node and logs with the node's redacted name. Failures the caller handles itself
/// (a too-large log range) leave the pipeline at once.
/// </summary>
internal static class RpcPipeline
{
    public static readonly ResiliencePropertyKey<string> Call = new("rpc.call");
    public static readonly ResiliencePropertyKey<RpcCallOptions> Options = new("rpc.options");
    public static readonly ResiliencePropertyKey<RpcNode> Node = new("rpc.node");

    public static ResiliencePipeline Build(RpcNodes nodes, ChainRpcOptions options, ILogger logger) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue, // the limit is per call: ShouldRetry
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome.Exception, args.AttemptNumber + 1, args.Context, options)),
                // Backoff is for asking the same node again; another node is asked at once.
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    nodes.HasAlternativeTo(args.Context.Properties.GetValue(Node, nodes.Current)) ? TimeSpan.Zero
                    : RpcBackoff.Delay(args.AttemptNumber + 1, RpcFailure.Classify(args.Outcome.Exception!).Kind)),
                OnRetry = args =>
                {
                    var failure = RpcFailure.Classify(args.Outcome.Exception!);
                    var failed = args.Context.Properties.GetValue(Node, nodes.Current);
                    failed.Failed(failure, options);
                    if (nodes.FailOver(failed) is { } next)
                        logger.LogWarning("RPC failover: {Call} failed on {Node} ({Kind}: {Error}), attempt {Attempt}; now using {Next}",
                            args.Context.Properties.GetValue(Call, "?"), failed.LogName, failure.Kind, failure.Message, args.AttemptNumber + 1, next.LogName);
                    else
                        logger.LogWarning("RPC {Call} failed ({Kind}: {Error}), attempt {Attempt}; retrying in {Delay} ms via {Node}",
                            args.Context.Properties.GetValue(Call, "?"), failure.Kind, failure.Message, args.AttemptNumber + 1,
                            (int)args.RetryDelay.TotalMilliseconds, nodes.Current.LogName);
                    return default;
                },
            })
            .AddTimeout(options.RequestTimeout)
            .Build();

    private static bool ShouldRetry(Exception? exception, int attempt, ResilienceContext context, ChainRpcOptions options)
    {
        if (exception is null or NoNodeOfTheChainException) return false;
        if (exception is OperationCanceledException && context.CancellationToken.IsCancellationRequested) return false;
        var call = context.Properties.GetValue(Options, RpcCallOptions.Default);
        if (attempt >= (call.MaxAttempts ?? options.MaxAttempts)) return false;
        return call.HandledByCaller?.Invoke(RpcFailure.Classify(exception), attempt) != true;
    }
}
