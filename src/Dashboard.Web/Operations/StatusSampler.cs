using Hangfire;
using LeveragedTokens.Data.Queries;
using Microsoft.Extensions.Options;

namespace LeveragedTokens.Dashboard.Web.Operations;

/// <summary>Reads the indexer's status rows and Hangfire's statistics every SampleSeconds.</summary>
public sealed class StatusSampler(StatusQueries status, IServiceProvider services, StatusSampleStore store,
    IOptions<OperationsOptions> options, ILogger<StatusSampler> logger) : BackgroundService
{
    public async Task SampleAsync(CancellationToken ct)
    {
        var chains = await status.ListAsync(ct);
        var nodes = await status.NodesAsync(ct);
        JobCounts? jobs = null;
        if (services.GetService<JobStorage>() is { } storage)
        {
            var s = storage.GetMonitoringApi().GetStatistics();
            jobs = new JobCounts(s.Failed, s.Succeeded, s.Enqueued, s.Processing, s.Scheduled, s.Servers);
        }
        store.Set(new StatusSample(DateTime.UtcNow, chains, nodes, jobs));
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var period = TimeSpan.FromSeconds(options.Value.SampleSeconds);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await SampleAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Postgres away: keep the last sample (its age shows) and try again next period.
                store.Failed();
                logger.LogWarning("Reading the status for /metrics failed: {Reason}", e.Message);
            }
            try { await Task.Delay(period, ct); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
        }
    }
}
