using System.Numerics;
using Xunit.Abstractions;

namespace LeveragedTokens.Staff.Tests;

/// <summary>Real anvil, the reference simulator's stress episode, the real indexer, evaluation after every poll, Hangfire delivering webhooks.</summary>
[Collection(HangfireHostsCollection.Name)]
public sealed class StressEpisodeTests(ITestOutputHelper output)
{
    private sealed record Span(string Subject, long Fired, long? Resolved);

    [Fact]
    public async Task TheStressEpisodeFiresFloorAndSuspensionAlertsAtTheCrossingBlocksResolvesThemOnRecoveryAndNotifiesEachOnce()
    {
        await using var receiver = new WebhookReceiver();
        // The fixed genesis decides whether the stressed pool is back under 80% within these 4 days.
        var (anvil, deployment) = await SimulatorProcess.StartSimulatedChainAsync(days: 4, seed: 7);
        await using var _ = anvil;
        await using var staff = await StaffTestHost.StartAsync(receiver.Settings(minSeverity: "Warning"), hangfire: true);

        var polls = 0;
        await using (var indexer = await IndexerHost.StartAsync(anvil.RpcUrl, staff.Database.ConnectionString, deployment,
            new Dictionary<string, string?> { ["Chain:InitialRange"] = "150", ["Chain:MaxRange"] = "150" }))
        {
            while (polls++ < 500)
            {
                var result = await indexer.Syncer.PollAsync(CancellationToken.None);
                await staff.EvaluateAsync();
                if (result.IndexedBlock >= result.Head) break;
            }
        }

        await using var chain = await staff.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var metrics = await chain.ReserveMetrics.AsNoTracking().OrderBy(m => m.BlockNumber).ThenBy(m => m.LogIndex)
            .Select(m => new { m.PoolAddress, m.BlockNumber, m.UtilizationBps }).ToListAsync();
        var suspensions = await chain.SuspensionEvents.AsNoTracking().OrderBy(m => m.BlockNumber).ThenBy(m => m.LogIndex).ToListAsync();

        // The truth, straight from the indexed rows: where utilization crosses 8000 / 10000 bps, where the pool suspends and resumes.
        List<Span> Crossings(BigInteger threshold)
        {
            var spans = new List<Span>();
            foreach (var pool in metrics.GroupBy(m => m.PoolAddress))
            {
                long? open = null;
                foreach (var m in pool)
                {
                    if (m.UtilizationBps >= threshold && open is null) open = m.BlockNumber;
                    else if (m.UtilizationBps < threshold && open is { } fired) { spans.Add(new Span(pool.Key, fired, m.BlockNumber)); open = null; }
                }
                if (open is { } still) spans.Add(new Span(pool.Key, still, null));
            }
            return [.. spans.OrderBy(s => s.Fired)];
        }
        var expectedSuspensions = new List<Span>();
        foreach (var s in suspensions)
        {
            if (s.IsSuspended) expectedSuspensions.Add(new Span(s.PoolAddress, s.BlockNumber, null));
            else expectedSuspensions[^1] = expectedSuspensions[^1] with { Resolved = s.BlockNumber };
        }

        var alerts = await staff.AlertsAsync();
        List<Span> Actual(AlertKind kind) =>
            [.. alerts.Where(a => a.Kind == kind).Select(a => new Span(a.Subject, a.FiredBlock, a.ResolvedBlock)).OrderBy(s => s.Fired)];
        output.WriteLine($"{polls} polls, {metrics.Count} metrics rows, {alerts.Count} alerts: " +
            string.Join(", ", alerts.GroupBy(a => a.Kind).Select(g => $"{g.Key} x{g.Count()}")));

        var near = Crossings(8000);
        var below = Crossings(10000);
        output.WriteLine("near: " + string.Join(", ", near) + "\nbelow: " + string.Join(", ", below) + "\nsuspensions: " + string.Join(", ", expectedSuspensions));
        Assert.NotEmpty(near);
        Assert.NotEmpty(below);
        Assert.NotEmpty(expectedSuspensions);
        Assert.Equal(near, Actual(AlertKind.ReserveNearFloor));
        Assert.Equal(below, Actual(AlertKind.ReserveBelowFloor));
        Assert.Equal(expectedSuspensions, Actual(AlertKind.RebalancingSuspended));
        // The episode ends: the stressed pool recovers and its floor and suspension alerts have resolved.
        // (The pool may drift back near the floor later; that is a new crossing and a new alert.)
        var stressed = expectedSuspensions[0].Subject;
        var episode = below.First(s => s.Subject == stressed);
        Assert.All(below.Concat(expectedSuspensions).Where(s => s.Subject == stressed), s => Assert.NotNull(s.Resolved));
        Assert.NotNull(near.Last(s => s.Subject == stressed && s.Fired <= episode.Fired).Resolved);
        var belowAlert = alerts.First(a => a.Kind == AlertKind.ReserveBelowFloor);
        Assert.Equal(AlertSeverity.Critical, belowAlert.Severity);
        Assert.NotNull(belowAlert.FiredTxHash);
        Assert.StartsWith("/chains/31337/reserves/SOL?", belowAlert.ChartLink);

        // Hangfire delivered every fired and resolved event exactly once, each signed.
        var expected = alerts.Where(a => a.Severity >= AlertSeverity.Warning)
            .SelectMany(a => a.ResolvedAt is null ? new[] { (a.Id, "fired") } : [(a.Id, "fired"), (a.Id, "resolved")]).ToHashSet();
        var received = await receiver.WaitForAsync(r => r.Count >= expected.Count, TimeSpan.FromSeconds(60));
        await Task.Delay(500);
        received = [.. receiver.Requests];
        Assert.All(received, r => Assert.True(r.SignatureValid));
        var events = received.Select(r => (r.Json.GetProperty("alert").GetProperty("id").GetInt64(), r.Json.GetProperty("event").GetString()!)).ToList();
        Assert.Equal(events.Count, events.Distinct().Count());
        Assert.Equal(expected, events.ToHashSet());
        await using var db = await staff.StaffDbAsync();
        Assert.All(await db.WebhookDeliveries.AsNoTracking().ToListAsync(), d => Assert.Equal(DeliveryStatus.Delivered, d.Status));
    }
}
