using LeveragedTokens.Chain;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LeveragedTokens.Dashboard.Web.Operations;

/// <summary>
/// /readyz: Postgres must answer (else 503: this instance cannot serve). A lagging or silent
/// indexer, or an unreachable node, is Degraded (still 200): the pages then show stale data as
/// stale, which is better than taking every instance out of the proxy.
/// </summary>
public sealed class PostgresReadiness(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await using var conn = await dataSource.OpenConnectionAsync(timeout.Token);
            await using var cmd = new NpgsqlCommand("SELECT 1", conn);
            await cmd.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy("Postgres answers");
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException or InvalidOperationException)
        {
            // The exception text names hosts and ports: it goes to the log, never to the response.
            return HealthCheckResult.Unhealthy("Postgres does not answer", e);
        }
    }
}

public sealed class IndexerReadiness(StatusSampleStore store, IOptions<OperationsOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var o = options.Value;
        if (store.Latest is not { } sample) return Task.FromResult(HealthCheckResult.Degraded("No status sample yet"));
        if (sample.Chains.Count == 0) return Task.FromResult(HealthCheckResult.Degraded("The indexer has not written yet"));
        var data = new Dictionary<string, object>();
        var problems = new List<string>();
        foreach (var c in sample.Chains)
        {
            var lag = Math.Max(0, c.HeadBlock - c.IndexedBlock);
            var age = (DateTime.UtcNow - DateTime.SpecifyKind(c.UpdatedAt, DateTimeKind.Utc)).TotalSeconds;
            data[$"chain {c.ChainId} lag"] = lag;
            data[$"chain {c.ChainId} status age s"] = Math.Round(age);
            if (lag > o.ReadyLagBlocks) problems.Add($"chain {c.ChainId}: {lag} blocks behind");
            if (age > o.ReadyStaleSeconds) problems.Add($"chain {c.ChainId}: no indexer update for {age:0} s");
        }
        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy("Indexer keeps up", data: data)
            : HealthCheckResult.Degraded(string.Join("; ", problems), data: data));
    }
}

/// <summary>The node as the indexer sees it (its last error), or asked directly when Operations:NodeRpcUrl is set.</summary>
/// <param name="node">Registered only when Operations:NodeRpcUrl is set.</param>
public sealed class NodeReadiness(StatusSampleStore store, ChainRpc? node = null) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (node is not null)
        {
            try
            {
                await node.BlockNumberAsync(ct);
                return HealthCheckResult.Healthy("Node answers");
            }
            catch (RpcCallFailedException e) when (e.InnerException is JsonRpcErrorException)
            {
                return HealthCheckResult.Degraded("Node answered with an error");
            }
            catch (Exception e) when (e is RpcCallFailedException or OperationCanceledException)
            {
                return HealthCheckResult.Degraded("Node does not answer");
            }
        }
        var errors = store.Latest?.Chains.Where(c => c.LastError is not null).Select(c => c.ChainId).ToList() ?? [];
        return errors.Count == 0
            ? HealthCheckResult.Healthy("The indexer reports no node error")
            : HealthCheckResult.Degraded($"The indexer reports an error on chain {string.Join(", ", errors)}");
    }
}

public sealed class DrainReadiness(CircuitDrain drain) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(drain.Draining ? HealthCheckResult.Unhealthy("Stopping: draining circuits") : HealthCheckResult.Healthy("Serving"));
}
