using Hangfire;
using Hangfire.Storage;
using LeveragedTokens.Indexer.Jobs;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeveragedTokens.Staff.Tests;

[Collection(HangfireHostsCollection.Name)]
public sealed class StaffJobTests
{
    [Fact]
    public async Task TheRecurringEvaluationIsRegisteredAndRunsUnderHangfire()
    {
        await using var host = await StaffTestHost.StartAsync(hangfire: true);
        await host.Chain.RegisterAsync();
        await host.Chain.MetricsAsync(300, 10_500);
        await host.Chain.IndexedUpToAsync(300);
        var jobs = host.Services.GetRequiredService<IRecurringJobManager>();

        await new RecurringJobs(jobs, ChainSeeder.ChainId, scheduledExports: false, NullLogger<RecurringJobs>.Instance).StartAsync(CancellationToken.None);
        using (var connection = host.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var ids = connection.GetRecurringJobs().Select(j => j.Id).ToList();
            Assert.Contains(AlertEvaluationJob.RecurringJobId, ids);
            Assert.Contains(WebhookDeliveryJob.SweepJobId, ids);
        }
        jobs.Trigger(AlertEvaluationJob.RecurringJobId);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        long evaluated = -1;
        while (evaluated < 300 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            await using var db = await host.StaffDbAsync();
            evaluated = await db.EvaluationCursors.Select(c => c.EvaluatedBlock).FirstOrDefaultAsync();
        }
        Assert.Equal(300, evaluated);
        Assert.Contains(await host.AlertsAsync(), a => a.Kind == AlertKind.ReserveBelowFloor && a.FiredBlock == 300);
    }
}
