using Hangfire;
using LeveragedTokens.Data;
using LeveragedTokens.Staff;
using LeveragedTokens.Staff.Alerts;
using Npgsql;

namespace LeveragedTokens.Dashboard.Web.Staff;

/// <summary>In-process fan-out of "alerts changed" to open alert pages and badges.</summary>
public sealed class StaffAlertHub(ILogger<StaffAlertHub> logger)
{
    private readonly Lock _gate = new();
    private readonly List<Func<Task>> _subscribers = [];

    public IDisposable Subscribe(Func<Task> onChange)
    {
        lock (_gate) _subscribers.Add(onChange);
        return new Subscription(() => { lock (_gate) _subscribers.Remove(onChange); });
    }

    public void Publish()
    {
        Func<Task>[] targets;
        lock (_gate) targets = [.. _subscribers];
        foreach (var target in targets) _ = RunAsync(target);
    }

    private async Task RunAsync(Func<Task> target)
    {
        try { await target(); }
        catch (Exception ex) { logger.LogWarning(ex, "An alert subscriber failed"); }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;
        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}

/// <summary>
/// LISTENs on <c>staff_alerts</c> (alerts changed) to refresh pages, and on the indexer's
/// <c>chain_data</c> to queue an alert evaluation right after new data (coalesced, via Hangfire).
/// </summary>
internal sealed class StaffAlertListener(IConfiguration configuration, StaffAlertHub hub, IServiceProvider services,
    ILogger<StaffAlertListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "LISTEN {Channel} failed; retrying in {Delay}", AlertEvaluationJob.ChangedChannel, delay);
                await Task.Delay(delay, ct).ContinueWith(_ => { }, CancellationToken.None);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 60));
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString(DataServiceExtensions.ConnectionName))
        {
            KeepAlive = 30, Pooling = false,
        };
        await using var conn = new NpgsqlConnection(builder.ConnectionString);
        var alertsChanged = 0;
        var chainData = 0;
        conn.Notification += (_, e) =>
        {
            if (e.Channel == AlertEvaluationJob.ChangedChannel) Interlocked.Exchange(ref alertsChanged, 1);
            else Interlocked.Exchange(ref chainData, 1);
        };
        await conn.OpenAsync(ct);
        await using (var cmd = new NpgsqlCommand($"LISTEN {AlertEvaluationJob.ChangedChannel}; LISTEN chain_data", conn))
            await cmd.ExecuteNonQueryAsync(ct);
        var evaluateOnNewData = configuration.GetValue("Staff:EvaluateOnNewData", true);
        var lastEnqueue = DateTime.MinValue;
        while (!ct.IsCancellationRequested)
        {
            await conn.WaitAsync(TimeSpan.FromMilliseconds(500), ct);
            if (Interlocked.Exchange(ref alertsChanged, 0) == 1) hub.Publish();
            if (evaluateOnNewData && DateTime.UtcNow - lastEnqueue > TimeSpan.FromSeconds(2) && Interlocked.Exchange(ref chainData, 0) == 1)
            {
                lastEnqueue = DateTime.UtcNow;
                try
                {
                    services.GetRequiredService<IBackgroundJobClient>().EnqueueAlertEvaluation();
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Could not queue an alert evaluation after new chain data");
                }
            }
        }
    }
}
