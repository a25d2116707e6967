using Hangfire;
using LeveragedTokens.Dashboard.Web.Live;
using LeveragedTokens.Staff;

namespace LeveragedTokens.Dashboard.Web.Staff;

/// <summary>
/// Queues an alert evaluation (Hangfire) right after new chain data: when <see cref="ChainDataHub.DataVersion"/>
/// moved since the last one queued (so refresh ticks queue nothing), at most every 2 s; a change inside
/// those 2 s is queued when they end, not dropped. Off with <c>Staff:EvaluateOnNewData=false</c>.
/// </summary>
internal sealed class AlertEvaluationOnNewData(ChainDataHub hub, IServiceProvider services, IConfiguration configuration,
    ILogger<AlertEvaluationOnNewData> logger) : IHostedService
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(2);

    // One publish at a time: one that arrives while another waits out the interval queues after it.
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private IDisposable? _subscription;
    private long _queuedVersion;
    private DateTime _queuedAt;

    public Task StartAsync(CancellationToken ct)
    {
        if (configuration.GetValue("Staff:EvaluateOnNewData", true))
        {
            _queuedVersion = hub.DataVersion;
            _subscription = hub.Subscribe(QueueIfNewDataAsync);
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken ct)
    {
        _subscription?.Dispose();
        await _stopping.CancelAsync();
    }

    private async Task QueueIfNewDataAsync()
    {
        try
        {
            await _oneAtATime.WaitAsync(_stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        try
        {
            if (hub.DataVersion == _queuedVersion) return;
            var wait = _queuedAt + MinInterval - DateTime.UtcNow;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, _stopping.Token);
            _queuedVersion = hub.DataVersion;
            _queuedAt = DateTime.UtcNow;
            // Resolved here, not injected: the Hangfire client's storage opens a connection when it is built.
            services.GetRequiredService<IBackgroundJobClient>().EnqueueAlertEvaluation();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down: the indexer's recurring evaluation covers what was not queued.
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not queue an alert evaluation after new chain data");
        }
        finally
        {
            _oneAtATime.Release();
        }
    }
}
