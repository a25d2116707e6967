using LeveragedTokens.Data.Entities;

namespace LeveragedTokens.Indexer.Decoding;

/// <summary>Everything one block range produced, written in one transaction with its checkpoint.</summary>
public sealed class ChainBatch
{
    public List<RawEvent> RawEvents { get; } = [];
    public List<DecodeFailure> DecodeFailures { get; } = [];
    public List<ReservePool> Pools { get; } = [];
    public List<LeveragedToken> Tokens { get; } = [];
    public List<Rebalance> Rebalances { get; } = [];
    public List<RebalanceDeferral> Deferrals { get; } = [];
    public List<NavSnapshot> NavSnapshots { get; } = [];
    public List<ReserveMetrics> ReserveMetrics { get; } = [];
    public List<PoolLedgerEntry> Ledger { get; } = [];
    public List<SuspensionEvent> Suspensions { get; } = [];

    /// <summary>Logs stored (decoded or failed): what events/s counts.</summary>
    public int LogCount => RawEvents.Count + DecodeFailures.Count;
}
