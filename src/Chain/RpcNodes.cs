namespace LeveragedTokens.Chain;

/// <summary>
/// The configured nodes and the one calls go to now. Calls stay on a node until it fails; they then
/// move to the next node in preference order that serves the right chain, has no open breaker and
/// does not lag the best head, and that node's chain id is asked again before it is used.
/// </summary>
public sealed class RpcNodes
{
    private readonly RpcNode[] _nodes;
    private readonly ChainRpcOptions _options;
    private int _current;
    private long _expectedChainId = -1;

    public RpcNodes(IEnumerable<RpcNode> nodes, ChainRpcOptions options)
    {
        _nodes = [.. nodes];
        _options = options;
        if (_nodes.Length == 0) throw new ArgumentException("At least one node URL is needed.", nameof(nodes));
    }

    public IReadOnlyList<RpcNode> All => _nodes;

    public RpcNode Current => _nodes[Volatile.Read(ref _current)];

    /// <summary>The chain every node must serve; null while none is set (then no node is checked).</summary>
    public long? ExpectedChainId => Interlocked.Read(ref _expectedChainId) is >= 0 and var id ? id : null;

    internal void Expect(long chainId) => Interlocked.Exchange(ref _expectedChainId, chainId);

    /// <summary>The highest head any node of the chain has answered.</summary>
    public long? BestHead => _nodes.Where(n => n.Refusal is null).Max(n => n.Head);

    /// <summary>Behind the best head by more than <see cref="ChainRpcOptions.MaxHeadLag"/>: not used for the tip.</summary>
    public bool Lags(RpcNode node) => node.Head is { } head && BestHead is { } best && best - head > _options.MaxHeadLag;

    public bool NoneServesTheChain => _nodes.All(n => n.Refusal is not null);

    /// <summary>Whether calls leaving <paramref name="failed"/> have another node to go to (then they go at once, without backoff).</summary>
    internal bool HasAlternativeTo(RpcNode failed) => Pick(failed) is { } next && !ReferenceEquals(next, failed);

    /// <summary>
    /// Moves on from <paramref name="failed"/> unless another call already did (concurrent calls failing on one
    /// node move on once, not once each). Returns the node calls go to now when they moved.
    /// </summary>
    internal RpcNode? FailOver(RpcNode failed) => MoveFrom(failed, Pick(failed));

    /// <summary>Leaves a current node that lags the best head for the first one that does not. Returns the new node when calls moved.</summary>
    internal RpcNode? AvoidLaggingNode()
    {
        var current = Current;
        if (!Lags(current)) return null;
        var now = DateTime.UtcNow;
        return MoveFrom(current, _nodes.FirstOrDefault(n => Usable(n, now) && !Lags(n)));
    }

    /// <summary>Records the chain a node answered; a node of another chain is never used again, and calls leave it.</summary>
    internal void CheckedChain(RpcNode node, long chainId)
    {
        node.CheckedChain(chainId, ExpectedChainId ?? chainId);
        if (node.Refusal is not null && ReferenceEquals(Current, node)) FailOver(node);
    }

    public IReadOnlyList<RpcNodeStatus> Snapshot()
    {
        var now = DateTime.UtcNow;
        var current = Current;
        return [.. _nodes.Select(n => new RpcNodeStatus(n.Index, n.LogName, StateOf(n, current, now), n.ChainId, n.Head, n.LatencyMs,
            n.ConsecutiveFailures, n.Failovers, n.Refusal ?? n.LastFailure?.Message))];
    }

    private RpcNodeState StateOf(RpcNode node, RpcNode current, DateTime now) =>
        node.Refusal is not null ? RpcNodeState.WrongChain
        : node.IsBroken(now) ? RpcNodeState.Broken
        : Lags(node) ? RpcNodeState.Lagging
        : ReferenceEquals(node, current) ? RpcNodeState.InUse
        : RpcNodeState.Standby;

    private bool Usable(RpcNode node, DateTime now) => node.Refusal is null && !node.IsBroken(now);

    /// <summary>The next node after <paramref name="failed"/>: a usable one not lagging, else any of the chain (a broken breaker beats none).</summary>
    private RpcNode? Pick(RpcNode failed)
    {
        var now = DateTime.UtcNow;
        var after = Enumerable.Range(1, _nodes.Length).Select(i => _nodes[(failed.Index + i) % _nodes.Length]).ToList();
        return after.FirstOrDefault(n => !ReferenceEquals(n, failed) && Usable(n, now) && !Lags(n))
            ?? after.FirstOrDefault(n => !ReferenceEquals(n, failed) && Usable(n, now))
            ?? after.FirstOrDefault(n => n.Refusal is null);
    }

    private RpcNode? MoveFrom(RpcNode from, RpcNode? to)
    {
        if (to is null || ReferenceEquals(to, from)) return null;
        if (Interlocked.CompareExchange(ref _current, to.Index, from.Index) != from.Index) return null;
        from.MovedAway();
        to.ChainCheckDue = true;
        return to;
    }
}

public enum RpcNodeState
{
    /// <summary>Calls go to it.</summary>
    InUse,
    /// <summary>Healthy, waiting for the node in use to fail.</summary>
    Standby,
    /// <summary>Its breaker is open after consecutive failures.</summary>
    Broken,
    /// <summary>Its head is behind the best by more than the setting.</summary>
    Lagging,
    /// <summary>It serves another chain: never used.</summary>
    WrongChain,
}

/// <summary>One node as the status page and /metrics show it.</summary>
public sealed record RpcNodeStatus(int Index, string Name, RpcNodeState State, long? ChainId, long? Head, double? LatencyMs,
    int ConsecutiveFailures, long Failovers, string? LastError);
