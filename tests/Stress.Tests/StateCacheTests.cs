using LeveragedTokens.Stress.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LeveragedTokens.Stress.Tests;

/// <summary>The state at a final block is loaded once and shared; any other block is loaded afresh and equal to a cold load.</summary>
[Collection(IndexedHistoryCollection.Name)]
public sealed class StateCacheTests(IndexedHistory history)
{
    [Fact]
    public async Task RequestsForTheLatestFinalBlockShareOneLoadedState()
    {
        var loader = history.States;
        var now = (await loader.LoadAsync())!;
        Assert.Same(now, await loader.LoadAsync());
        Assert.Same(now, await loader.LoadAsync(now.AtBlock));

        await using var db = await history.Contexts.CreateDbContextAsync();
        var earlier = (await db.ReserveMetrics.Select(m => m.BlockNumber).Distinct().OrderBy(b => b).ToListAsync())[40];
        var then = (await loader.LoadAsync(earlier))!;
        Assert.Equal(earlier, then.AtBlock);
        Assert.True(then.Hour < now.Hour);

        // Back to "now": built again, and equal to what a loader that never cached anything builds.
        var again = (await loader.LoadAsync())!;
        Assert.NotSame(now, again);
        var cold = (await history.States.LoadAsync())!;
        Assert.Equal(Figures(cold), Figures(again));
        Assert.Equal(Figures(now), Figures(again));
    }

    private static List<string> Figures(StressState s) =>
        [$"{s.ChainId} {s.AtBlock} {s.Hour} {s.GasCost} {s.GasCostEth}",
         .. s.Tokens.Select(t => t.ToString()),
         .. s.Pools.Select(p => $"{p.Underlying} {p.ReserveBalance} {p.MarkPrice} {p.Suspended} {p.FeesPerDay} {p.DrawnInWindow} {p.RunwayWindowHours} {p.DrawShareBps} {p.Slippage.Depth}")];
}
