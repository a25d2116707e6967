using LeveragedTokens.Data.Entities;
using LeveragedTokens.Data.Queries;

namespace LeveragedTokens.Dashboard.Web.Operations;

/// <summary>The indexer's rows and Hangfire's counters as last read from the database.</summary>
public sealed record StatusSample(DateTime TakenAt, IReadOnlyList<IndexerStatus> Chains, IReadOnlyList<IndexerNode> Nodes, JobCounts? Jobs);

public sealed record JobCounts(long Failed, long Succeeded, long Enqueued, long Processing, long Scheduled, long Servers);

/// <summary>Holds the newest sample; the gauges and /readyz read it without touching the database.</summary>
public sealed class StatusSampleStore
{
    private StatusSample? _latest;
    private long _failures;

    public StatusSample? Latest => Volatile.Read(ref _latest);
    public long SampleFailures => Interlocked.Read(ref _failures);

    public void Set(StatusSample sample) => Volatile.Write(ref _latest, sample);
    public void Failed() => Interlocked.Increment(ref _failures);
}
