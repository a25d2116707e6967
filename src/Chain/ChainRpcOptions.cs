namespace LeveragedTokens.Chain;

/// <summary>
/// How a host talks to its nodes. Each host maps its own settings onto it (the indexer's "Chain"
/// section, the web host's Operations:NodeRpcUrl, the CLI's --rpc).
/// </summary>
public sealed class ChainRpcOptions
{
    /// <summary>The nodes, in order of preference; a failed call moves on to the next.</summary>
    public required IReadOnlyList<string> Urls { get; init; }

    /// <summary>Time one attempt may take, answer read included.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per call, the first included. The indexer's default: until it succeeds or is cancelled.</summary>
    public int MaxAttempts { get; init; } = int.MaxValue;

    /// <summary>A bigger answer fails as "range too large", so log readers split the range.</summary>
    public int MaxResponseBytes { get; init; } = 128 * 1024 * 1024;

    /// <summary>Consecutive failures that open a node's breaker: calls then skip it while another node answers.</summary>
    public int BreakAfterFailures { get; init; } = 3;

    /// <summary>How long an open breaker keeps the node out before it is tried again.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A node whose head is behind the best node's by more blocks than this is not used for the tip.</summary>
    public long MaxHeadLag { get; init; } = 5;
}

/// <summary>
/// What one call may change about the pipeline: fewer attempts (start-up checks), or failures
/// its caller handles itself instead of having them retried (a log reader splits its range).
/// </summary>
/// <param name="HandledByCaller">Given the failure and the attempt number (from 1): true hands it to the caller at once.</param>
public sealed record RpcCallOptions(int? MaxAttempts = null, Func<RpcFailure, int, bool>? HandledByCaller = null)
{
    public static readonly RpcCallOptions Default = new();

    /// <summary>A check (start-up, a job's first read) that reports a dead node rather than waiting out the outage.</summary>
    public static readonly RpcCallOptions Check = new(MaxAttempts: 3);

    /// <summary>Asking again for the same too-large range cannot succeed: the caller must ask for less.</summary>
    public static readonly RpcCallOptions RangeErrorsToCaller = new(HandledByCaller: (f, _) => f.Kind == RpcFailureKind.RangeTooLarge);
}
