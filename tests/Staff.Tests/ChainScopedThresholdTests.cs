using LeveragedTokens.Staff.Thresholds;

namespace LeveragedTokens.Staff.Tests;

/// <summary>
/// The same pool address deployed on two chains: a threshold set for one chain's pool leaves the other's alone, while a
/// bare-address row written before chains still applies to that address on every chain.
/// </summary>
public sealed class ChainScopedThresholdTests : StaffHostTest
{
    private const long Base = 8453;
    private static readonly string Local = ThresholdScopes.Of(ChainSeeder.ChainId, ChainSeeder.Pool);
    private static readonly string OnBase = ThresholdScopes.Of(Base, ChainSeeder.Pool);

    private ThresholdEditor Editor => Host.Services.GetRequiredService<ThresholdEditor>();

    /// <summary>A row as a release before chains wrote it, which the editor no longer accepts.</summary>
    private async Task LegacyRowAsync(ThresholdKey key, decimal value)
    {
        await using var staff = await Host.StaffDbAsync();
        staff.Thresholds.Add(new AlertThreshold { Scope = ChainSeeder.Pool, Key = key, Value = value, UpdatedBy = "old", UpdatedAt = DateTime.UtcNow });
        await staff.SaveChangesAsync();
    }

    private async Task<Alert> NearFloorAlertAsync()
    {
        long[] utilization = [5000, 8500, 9500, 5000];
        for (var i = 0; i < utilization.Length; i++)
            await Host.Chain.MetricsAsync(300 * (i + 1), utilization[i]);
        await Host.Chain.IndexedUpToAsync(1200);
        await Host.EvaluateAsync();
        return Assert.Single(await Host.AlertsAsync(AlertKind.ReserveNearFloor));
    }

    [Fact]
    public void TheSetResolvesChainScopedThenLegacyThenGlobalThenDefault()
    {
        AlertThreshold Row(string scope, decimal value) =>
            new() { Scope = scope, Key = ThresholdKey.NearFloorBps, Value = value, UpdatedBy = "t", UpdatedAt = DateTime.UtcNow };
        var rows = new[] { Row(OnBase, 9000), Row(ChainSeeder.Pool, 8700), Row("*", 8500) };

        Assert.Equal(9000m, new ThresholdSet(rows, Base).Get(ChainSeeder.Pool, ThresholdKey.NearFloorBps));
        Assert.Equal(8700m, new ThresholdSet(rows, ChainSeeder.ChainId).Get(ChainSeeder.Pool, ThresholdKey.NearFloorBps));
        Assert.Equal(9000m, new ThresholdSet(rows).Get(OnBase, ThresholdKey.NearFloorBps));
        Assert.Equal(8700m, new ThresholdSet(rows).Get(Local, ThresholdKey.NearFloorBps));
        Assert.Equal(8500m, new ThresholdSet(rows, Base).Get(ChainSeeder.Token, ThresholdKey.NearFloorBps));
        Assert.Equal(8000m, new ThresholdSet(rows[..1], ChainSeeder.ChainId).Get(ChainSeeder.Pool, ThresholdKey.NearFloorBps));
    }

    [Fact]
    public async Task AnotherChainsPoolThresholdLeavesThisChainsAlertAtTheDefault()
    {
        await Editor.SetAsync(OnBase, ThresholdKey.NearFloorBps, 9000, "risk@example.test", "tighter on Base", default);

        var near = await NearFloorAlertAsync();
        Assert.Equal((300 * 2L, 8000m), (near.FiredBlock, near.Threshold));
    }

    [Fact]
    public async Task ALegacyBareAddressThresholdStillAppliesToThePoolOnEveryChain()
    {
        await LegacyRowAsync(ThresholdKey.NearFloorBps, 9000);

        var near = await NearFloorAlertAsync();
        Assert.Equal((300 * 3L, 9000m), (near.FiredBlock, near.Threshold));
        Assert.Equal(9000m, await Editor.EffectiveAsync(OnBase, ThresholdKey.NearFloorBps, default));
    }

    [Fact]
    public async Task EachChainsPoolGetsItsOwnRunwayWindow()
    {
        await LegacyRowAsync(ThresholdKey.RunwayWindowHours, 48);
        await Editor.SetAsync(OnBase, ThresholdKey.RunwayWindowHours, 12, "risk@example.test", "short on Base", default);

        Assert.Equal(12m, (await Editor.RunwayWindowsAsync(Base, default))(ChainSeeder.Pool));
        Assert.Equal(48m, (await Editor.RunwayWindowsAsync(ChainSeeder.ChainId, default))(ChainSeeder.Pool));
        Assert.Equal(12m, await Editor.EffectiveAsync(OnBase, ThresholdKey.RunwayWindowHours, default));
        var views = await Editor.ListAsync([Local, OnBase], default);
        var window = views.Where(v => v.Key == ThresholdKey.RunwayWindowHours).ToDictionary(v => v.Scope);
        Assert.Equal((null, 48m), (window[Local].OwnValue, window[Local].Effective));
        Assert.Equal((12m, 12m), (window[OnBase].OwnValue, window[OnBase].Effective));
    }

    [Theory]
    [InlineData("0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1")]  // a bare address: no longer written
    [InlineData("0:0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1")]
    [InlineData("-1:0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1")]
    [InlineData("8453:0xa1a1")]
    [InlineData("8453:0xzza1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1")]
    [InlineData("base:0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1")]
    [InlineData("")]
    public async Task AScopeThatIsNotGlobalOrAChainsAddressIsRejected(string scope)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Editor.SetAsync(scope, ThresholdKey.NearFloorBps, 9000, "x", null, default));
        Assert.Contains("{chainId}:0x", error.Message);
        await using var staff = await Host.StaffDbAsync();
        Assert.Empty(await staff.Thresholds.ToListAsync());
    }

    [Fact]
    public async Task ScopesAreOnePerChainsPoolAndTokenNamingTheChainOnlyWhenThereAreSeveral()
    {
        var scopes = Host.Services.GetRequiredService<ThresholdScopes>();
        Assert.Equal(["All pools and tokens (default)", "BTC pool", "BTC3L"], (await scopes.ListAsync(default)).Select(s => s.Label));

        await using (var db = await Host.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync())
        {
            var pool = ChainRows.ReservePool(ChainRows.Registration(1), ChainSeeder.Pool, "ETH");
            pool.ChainId = Base;
            db.ReservePools.Add(pool);
            await db.SaveChangesAsync();
        }

        var listed = await scopes.ListAsync(default);
        Assert.Equal(
            [("*", "All pools and tokens (default)"), (OnBase, "ETH pool (chain 8453)"), (Local, "BTC pool (chain 31337)"),
                (ThresholdScopes.Of(ChainSeeder.ChainId, ChainSeeder.Token), "BTC3L (chain 31337)")],
            listed.Select(s => (s.Scope, s.Label)));
    }
}
