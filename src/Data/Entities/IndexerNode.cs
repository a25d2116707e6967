using LeveragedTokens.Chain;

namespace LeveragedTokens.Data.Entities;

/// <summary>
/// One configured node of a chain's indexer as it last saw it (written at every poll): the status page
/// and /metrics show failovers, breakers, lag and latency per node.
/// </summary>
public sealed class IndexerNode
{
    public required long ChainId { get; set; }
    /// <summary>Its place in the configured list (0 = most preferred).</summary>
    public int NodeIndex { get; set; }
    /// <summary>Scheme, host and port only: the path may hold the provider's key.</summary>
    public required string Name { get; set; }
    public RpcNodeState State { get; set; }
    /// <summary>The chain id the node answered; null before it was asked.</summary>
    public long? NodeChainId { get; set; }
    public long? HeadBlock { get; set; }
    public double? LatencyMs { get; set; }
    public int ConsecutiveFailures { get; set; }
    /// <summary>Calls moved away from this node since the indexer started.</summary>
    public long Failovers { get; set; }
    public string? LastError { get; set; }
    public DateTime UpdatedAt { get; set; }
}
