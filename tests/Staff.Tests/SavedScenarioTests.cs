using LeveragedTokens.Staff.Scenarios;
using LeveragedTokens.Stress;

namespace LeveragedTokens.Staff.Tests;

/// <summary>Saved scenarios on real Postgres with the sample chain data: saved with the API's syntax, run hourly, alerting through the alert book.</summary>
public sealed class SavedScenarioTests : IAsyncLifetime
{
    private StaffTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await StaffTestHost.StartAsync();
        await SampleData.SeedAsync(_host.Database.ConnectionString, hours: 24 * 10);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private SavedScenarios Scenarios => _host.Services.GetRequiredService<SavedScenarios>();
    private Task<EvaluationSummary> RunJobAsync() => _host.Services.GetRequiredService<SavedScenarioJob>().RunAsync(CancellationToken.None);

    [Fact]
    public async Task AScenarioThatWouldSuspendAPoolRaisesOneAlertWithItsHoursWhichClearsOnceItNoLongerWould()
    {
        // The truth from the engine itself, at the block the job reads (the latest final one): the mildest BTC gap that would
        // suspend the BTC pool, and a move that suspends nothing.
        var state = (await _host.Services.GetRequiredService<StressStateLoader>().LoadAsync())!;
        List<string> underlyings = [.. state.Pools.Select(p => p.Underlying)];
        var (gap, btc) = new[] { -20, -40, -60, -80, -95 }
            .Select(g => (Gap: g, Pool: StressEngine.Run(state, ScenarioText.TryBuild($"BTC:{g}", null, 48, 0.05m, underlyings, out _)!).Pools.Single(p => p.Underlying == "BTC")))
            .FirstOrDefault(r => r.Pool.Suspends);
        Assert.True(btc is not null, $"no BTC gap suspends the sample BTC pool (utilization {state.Pool("BTC")})");
        var mild = ScenarioText.TryBuild("ETH:-1", null, 6, 1, underlyings, out _)!;
        Assert.DoesNotContain(StressEngine.Run(state, mild).Pools, p => p.Suspends);

        var (crash, _) = await Scenarios.AddAsync("BTC crash", $"BTC:{gap}", null, 48, 0.05m, "risk@example.test", CancellationToken.None);
        await Scenarios.AddAsync("ETH dip", "ETH:-1", null, 6, 1, "risk@example.test", CancellationToken.None);

        var first = await RunJobAsync();
        Assert.Equal(1, first.Fired);
        var alert = Assert.Single(await _host.AlertsAsync(AlertKind.ScenarioWouldSuspend));
        var hours = btc.SuspendedAtHour - state.Hour;
        Assert.StartsWith($"a BTC −{-gap}% hour now would suspend the BTC pool in {hours} h", alert.Message);
        Assert.Equal(hours, alert.Value);
        Assert.Equal(state.AtBlock, alert.FiredBlock);
        Assert.Equal(state.Pool("BTC").Address, alert.Subject);
        Assert.Equal(AlertSeverity.Warning, alert.Severity);
        Assert.Contains("/chains/31337/reserves/BTC", alert.ChartLink);

        // The next hour, the same answer: the alert stays open, not fired again.
        var again = await RunJobAsync();
        Assert.Equal((0, 0), (again.Fired, again.Resolved));
        Assert.Single(await _host.AlertsAsync(AlertKind.ScenarioWouldSuspend));

        // Backers recapitalise the pool (a new hour indexed with a thousand times the reserve): the scenario no longer
        // suspends it, so the alert clears at the new block; deleting the scenario then changes nothing.
        var recapitalised = await RecapitaliseAsync(state.Pool("BTC").Address, 1000);
        var after = (await _host.Services.GetRequiredService<StressStateLoader>().LoadAsync())!;
        Assert.Equal(recapitalised, after.AtBlock);
        Assert.Equal(state.Pool("BTC").ReserveBalance * 1000, after.Pool("BTC").ReserveBalance);
        Assert.False(StressEngine.Run(after, ScenarioText.TryBuild($"BTC:{gap}", null, 48, 0.05m, underlyings, out _)!).Pools.Single(p => p.Underlying == "BTC").Suspends);
        Assert.Equal(1, (await RunJobAsync()).Resolved);
        var cleared = Assert.Single(await _host.AlertsAsync(AlertKind.ScenarioWouldSuspend));
        Assert.Equal(recapitalised, cleared.ResolvedBlock);
        Assert.True(await Scenarios.DeleteAsync(crash!.Id, CancellationToken.None));
        var afterDelete = await RunJobAsync();
        Assert.Equal((0, 0), (afterDelete.Fired, afterDelete.Resolved));
    }

    [Fact]
    public async Task DeletingAScenarioResolvesItsOpenAlert()
    {
        var (saved, _) = await Scenarios.AddAsync("BTC wipe-out", "BTC:-95", null, 48, 0.01m, "risk@example.test", CancellationToken.None);
        Assert.Equal(1, (await RunJobAsync()).Fired);
        Assert.True(await Scenarios.DeleteAsync(saved!.Id, CancellationToken.None));
        Assert.Equal(1, (await RunJobAsync()).Resolved);
        var alert = Assert.Single(await _host.AlertsAsync(AlertKind.ScenarioWouldSuspend));
        Assert.NotNull(alert.ResolvedAt);
        await using var staff = await _host.StaffDbAsync();
        var resolution = await staff.AlertActions.SingleAsync(a => a.AlertId == alert.Id && a.Kind == AlertActionKind.Resolved);
        Assert.Contains("saved scenario behind this alert is gone", resolution.Comment);
    }

    /// <summary>The next hour indexed: every pool's metrics and token's snapshot again in the block after the indexed one, the pool's reserve multiplied.</summary>
    private async Task<long> RecapitaliseAsync(string pool, int factor)
    {
        await using var db = TestDatabases.Dashboard(_host.Database.ConnectionString);
        var hour = await db.ReserveMetrics.MaxAsync(m => m.Hour);
        var indexer = await db.IndexerStates.SingleAsync();
        // After everything indexed: rows under a final block never change (the stress state of a final block is cached).
        var block = indexer.IndexedBlock + 1;
        var index = 0;
        foreach (var m in await db.ReserveMetrics.AsNoTracking().Where(m => m.Hour == hour).ToListAsync())
        {
            (m.BlockNumber, m.LogIndex, m.Hour, m.BlockTime) = (block, index++, hour + 1, m.BlockTime.AddHours(1));
            if (m.PoolAddress == pool) m.ReserveBalance *= factor;
            db.ReserveMetrics.Add(m);
        }
        foreach (var n in await db.NavSnapshots.AsNoTracking().Where(n => n.Hour == hour).ToListAsync())
        {
            (n.BlockNumber, n.LogIndex, n.Hour, n.BlockTime) = (block, index++, hour + 1, n.BlockTime.AddHours(1));
            db.NavSnapshots.Add(n);
        }
        (indexer.IndexedBlock, indexer.HeadBlock) = (block, block + indexer.Confirmations);
        await db.SaveChangesAsync();
        return block;
    }

    [Fact]
    public async Task AScenarioIsSavedOnlyInTheStressApisSyntaxAndUnderAFreeName()
    {
        var (_, unknown) = await Scenarios.AddAsync("doge", "DOGE:-30", null, null, 1, "risk@example.test", CancellationToken.None);
        Assert.Contains("Unknown underlying 'DOGE'", unknown);
        var (_, both) = await Scenarios.AddAsync("both", "BTC:-30", "BTC:-1x5", null, 1, "risk@example.test", CancellationToken.None);
        Assert.Contains("exactly one of", both);
        var (_, tooFar) = await Scenarios.AddAsync("zero", "BTC:-100", null, null, 1, "risk@example.test", CancellationToken.None);
        Assert.Contains("above -100 %", tooFar);

        var (path, error) = await Scenarios.AddAsync(" slow bleed ", null, "BTC:-2x24", null, 0.5m, "risk@example.test", CancellationToken.None);
        Assert.Null(error);
        Assert.Equal("slow bleed", path!.Name);
        var (_, taken) = await Scenarios.AddAsync("slow bleed", "BTC:-5", null, null, 1, "risk@example.test", CancellationToken.None);
        Assert.Contains("exists", taken);

        var saved = Assert.Single(await Scenarios.ListAsync(CancellationToken.None));
        Assert.Equal(("BTC:-2x24", 0.5m, (string?)null), (saved.Path, saved.Liquidity, saved.Shocks));
    }
}
