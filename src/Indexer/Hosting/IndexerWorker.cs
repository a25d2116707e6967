using LeveragedTokens.Chain;
using LeveragedTokens.Indexer.Options;
using LeveragedTokens.Indexer.Storage;
using LeveragedTokens.Indexer.Sync;
using Microsoft.Extensions.Options;

namespace LeveragedTokens.Indexer.Hosting;

/// <summary>
/// The loop only: check the chain (the host kit migrated before), wait for the writer lock, then poll until stopped
/// (or caught up, with --until-head). Failures are logged and retried with backoff; the work
/// itself lives in <see cref="ChainSyncer"/>.
/// </summary>
public sealed class IndexerWorker(
    ChainCheck check, WriterLock writerLock, ChainSyncer syncer, ChainStateStore store,
    IOptions<ChainOptions> chain, IOptions<IndexerOptions> indexer, IHostApplicationLifetime lifetime, ILogger<IndexerWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long chainId;
        try
        {
            chainId = await check.RunAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogCritical("Start-up check failed: {Reason}", e.Message);
            Environment.ExitCode = 2;
            lifetime.StopApplication();
            return;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await writerLock.StillHeldAsync(stoppingToken) && !await AcquireAsync(chainId, stoppingToken)) continue;
                var result = await syncer.PollAsync(stoppingToken);
                if (failures > 0) await store.RecordErrorAsync(chainId, null, stoppingToken);
                failures = 0;
                if (result.CaughtUp(chain.Value.Confirmations) && indexer.Value.UntilHead)
                {
                    logger.LogInformation("Indexed up to block {Block} (head {Head}); exiting (--until-head)", result.IndexedBlock, result.Head);
                    Environment.ExitCode = 0;
                    lifetime.StopApplication();
                    return;
                }
                if (result.IndexedBlock >= result.Head) await Task.Delay(chain.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (NoNodeOfTheChainException e)
            {
                // Every node now serves another chain (re-pointed after a failover): waiting cannot fix the configuration.
                logger.LogCritical("Stopping: {Reason}", e.Message);
                await store.RecordErrorAsync(chainId, e.Message, CancellationToken.None);
                await syncer.RecordNodesAsync(CancellationToken.None);
                Environment.ExitCode = 2;
                lifetime.StopApplication();
                return;
            }
            catch (Exception e)
            {
                failures++;
                logger.LogError(e, "Indexing failed (attempt {Attempt}); retrying", failures);
                try
                {
                    await store.RecordErrorAsync(chainId, e.Message, stoppingToken);
                    await syncer.RecordNodesAsync(stoppingToken);
                    await syncer.InitializeAsync(chainId, stoppingToken);
                }
                catch (Exception inner) when (inner is not OperationCanceledException) { }
                await Task.Delay(RpcBackoff.Delay(failures, RpcFailureKind.Transient), stoppingToken)
                    .ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task<bool> AcquireAsync(long chainId, CancellationToken ct)
    {
        var announced = false;
        while (!await writerLock.TryAcquireAsync(chainId, ct))
        {
            if (!announced) logger.LogInformation("Another indexer writes chain {ChainId}; waiting as standby", chainId);
            announced = true;
            await Task.Delay(indexer.Value.StandbyRetry, ct);
        }
        logger.LogInformation("Writer lock for chain {ChainId} acquired", chainId);
        await syncer.InitializeAsync(chainId, ct);
        await store.SetWriterAsync(chainId, $"{Environment.MachineName}/{Environment.ProcessId}", ct);
        return true;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await writerLock.ReleaseAsync();
    }
}
