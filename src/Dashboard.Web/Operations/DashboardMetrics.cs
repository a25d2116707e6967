using System.Diagnostics.Metrics;
using LeveragedTokens.Chain;
using LeveragedTokens.Dashboard.Web.Live;
using LeveragedTokens.Data.Entities;

namespace LeveragedTokens.Dashboard.Web.Operations;

/// <summary>
/// The dashboard's own instruments (meter "LeveragedTokens.Dashboard"): the indexer's progress and
/// Hangfire's job counts as sampled from the database, live-update fan-out and circuits. Request
/// rates and durations come from ASP.NET Core's built-in meters.
/// </summary>
public sealed class DashboardMetrics : IDisposable
{
    public const string MeterName = "LeveragedTokens.Dashboard";
    private readonly Meter _meter;

    public DashboardMetrics(IMeterFactory meters, StatusSampleStore store, ChainDataHub hub, CircuitTracker circuits)
    {
        _meter = meters.Create(MeterName);
        IEnumerable<Measurement<T>> PerChain<T>(Func<Data.Queries.IndexerStatus, T> value) where T : struct =>
            store.Latest?.Chains.Select(c => new Measurement<T>(value(c), new KeyValuePair<string, object?>("chain_id", c.ChainId))) ?? [];
        IEnumerable<Measurement<T>> PerNode<T>(Func<IndexerNode, T?> value) where T : struct =>
            store.Latest?.Nodes.Where(n => value(n) is not null).Select(n => new Measurement<T>(value(n)!.Value,
                new KeyValuePair<string, object?>("chain_id", n.ChainId), new KeyValuePair<string, object?>("node", n.Name))) ?? [];
        IEnumerable<Measurement<long>> Job(Func<JobCounts, long> value) =>
            store.Latest?.Jobs is { } j ? [new Measurement<long>(value(j))] : [];

        _meter.CreateObservableGauge("dashboard.indexer.head_block", () => PerChain(c => c.HeadBlock), "{block}", "Chain head the indexer last saw");
        _meter.CreateObservableGauge("dashboard.indexer.indexed_block", () => PerChain(c => c.IndexedBlock), "{block}", "Highest fully stored block");
        _meter.CreateObservableGauge("dashboard.indexer.lag", () => PerChain(c => Math.Max(0, c.HeadBlock - c.IndexedBlock)), "{block}", "Head minus indexed block");
        _meter.CreateObservableGauge("dashboard.indexer.events_rate", () => PerChain(c => c.EventsPerSecond), "{event}/s", "Events stored per second");
        _meter.CreateObservableCounter("dashboard.indexer.reorgs", () => PerChain(c => c.ReorgCount), "{reorg}", "Reorgs seen");
        _meter.CreateObservableCounter("dashboard.indexer.decode_failures", () => PerChain(c => c.DecodeFailures), "{log}", "Logs that did not decode");
        _meter.CreateObservableGauge("dashboard.indexer.status_age", () => PerChain(c => (DateTime.UtcNow - DateTime.SpecifyKind(c.UpdatedAt, DateTimeKind.Utc)).TotalSeconds), "s", "Seconds since the indexer last wrote its status");
        _meter.CreateObservableGauge("dashboard.indexer.error", () => PerChain(c => c.LastError is null ? 0 : 1), "", "1 while the indexer reports an error");
        _meter.CreateObservableCounter("dashboard.indexer.node_failovers", () => PerNode<long>(n => n.Failovers), "{failover}", "Times calls moved away from the node");
        _meter.CreateObservableGauge("dashboard.indexer.node_up", () => PerNode<int>(n => n.State is RpcNodeState.InUse or RpcNodeState.Standby ? 1 : 0), "", "1 while the node is in use or a healthy standby (not broken, lagging or of another chain)");
        _meter.CreateObservableGauge("dashboard.indexer.node_head", () => PerNode<long>(n => n.HeadBlock), "{block}", "The node's latest head");
        _meter.CreateObservableGauge("dashboard.indexer.node_latency", () => PerNode<double>(n => n.LatencyMs), "ms", "Moving average of the node's answer time");
        _meter.CreateObservableGauge("dashboard.jobs.failed", () => Job(j => j.Failed), "{job}", "Hangfire jobs in the Failed state");
        _meter.CreateObservableCounter("dashboard.jobs.succeeded", () => Job(j => j.Succeeded), "{job}", "Hangfire jobs succeeded");
        _meter.CreateObservableGauge("dashboard.jobs.enqueued", () => Job(j => j.Enqueued), "{job}", "Hangfire jobs waiting");
        _meter.CreateObservableGauge("dashboard.jobs.servers", () => Job(j => j.Servers), "{server}", "Hangfire servers alive");
        _meter.CreateObservableGauge("dashboard.status.sample_age", () => store.Latest is { } s ? [new Measurement<double>((DateTime.UtcNow - s.TakenAt).TotalSeconds)] : Array.Empty<Measurement<double>>(), "s", "Age of the database sample behind these figures");
        _meter.CreateObservableCounter("dashboard.status.sample_failures", () => store.SampleFailures, "{sample}", "Failed database samples");
        _meter.CreateObservableGauge("dashboard.live.subscribers", () => hub.SubscriberCount, "{subscriber}", "Subscribers to live updates: open pages, plus the staff alert evaluation trigger");
        _meter.CreateObservableGauge("dashboard.live.notification_age", () => hub.LastNotificationAt is { } t ? [new Measurement<double>((DateTime.UtcNow - t).TotalSeconds)] : Array.Empty<Measurement<double>>(), "s", "Seconds since the last chain_data NOTIFY");
        _meter.CreateObservableGauge("dashboard.circuits.open", () => circuits.Open, "{circuit}", "Blazor circuits open on this instance");
    }

    public void Dispose() => _meter.Dispose();
}
