using Hangfire;
using LeveragedTokens.Indexer.Sync;
using LeveragedTokens.Staff;

namespace LeveragedTokens.Indexer.Jobs;

/// <summary>
/// The indexer closes its own loop: after a commit of new chain rows (<see cref="NewChainData"/>) it queues an
/// alert evaluation on its Hangfire server, at most every 2 s; a commit inside those 2 s is queued when they
/// end, not dropped. Off with <c>Staff:EvaluateOnNewData=false</c>; the recurring evaluation still runs.
/// </summary>
/// <param name="chainId">This indexer's chain: only its rules are evaluated.</param>
public sealed class AlertEvaluationOnNewData(NewChainData newData, IBackgroundJobClient jobs, IConfiguration configuration,
    ILogger<AlertEvaluationOnNewData> logger, long chainId) : IHostedService
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(2);

    // One queueing at a time: a commit that arrives while another waits out the interval queues after it.
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private long _queuedVersion;
    private DateTime _queuedAt;

    public Task StartAsync(CancellationToken ct)
    {
        if (configuration.GetValue("Staff:EvaluateOnNewData", true))
        {
            _queuedVersion = newData.Version;
            newData.Committed += OnCommitted;
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken ct)
    {
        newData.Committed -= OnCommitted;
        await _stopping.CancelAsync();
    }

    // Off the sync loop: the writer never waits for the queue.
    private void OnCommitted() => _ = QueueIfNewDataAsync();

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
            if (newData.Version == _queuedVersion) return;
            var wait = _queuedAt + MinInterval - DateTime.UtcNow;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, _stopping.Token);
            _queuedVersion = newData.Version;
            _queuedAt = DateTime.UtcNow;
            jobs.EnqueueAlertEvaluation(chainId);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down: the recurring evaluation covers what was not queued.
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
