using LeveragedTokens.Data.Entities;
using LeveragedTokens.Stress.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LeveragedTokens.Stress.Tests;

/// <summary>Replay equals history: from the indexed state at a block, the window's real moves give the protocol's own events.</summary>
[Collection(IndexedHistoryCollection.Name)]
public sealed class ReplayTests(IndexedHistory history)
{
    [Fact]
    public async Task ReplayingTheSqueezeFromAnIndexedBlockReproducesEveryRebalanceDeferralAndSuspension()
    {
        await using var db = await history.Contexts.CreateDbContextAsync();
        var ticks = await db.ReserveMetrics.Select(m => new { m.Hour, m.BlockNumber }).Distinct().OrderBy(m => m.Hour).ToListAsync();
        // The simulator's squeeze thins SOL's spot market to a third for 48 hours from 40% into the history (hours 48-95
        // of five days): start eight hours before it, end with it, and tell the engine what the keeper did to SOL's depth.
        var (start, end) = (ticks[40], ticks[95]);
        var state = (await history.States.LoadAsync(start.BlockNumber))!;
        var scenario = (await history.Replays.LoadAsync(state.ChainId, start.BlockNumber, end.BlockNumber, withHistory: true))!
            with { LiquidityByUnderlying = new Dictionary<string, decimal> { ["SOL"] = 1m / 3 } };
        Assert.Equal(start.Hour, state.Hour);
        Assert.Equal(55, scenario.Hours);

        var run = StressEngine.Run(state, scenario);

        var tokens = await db.Tokens.ToDictionaryAsync(t => t.Symbol, t => t.Address);
        var pools = await db.ReservePools.ToDictionaryAsync(p => p.Underlying, p => p.Address);
        var inWindow = (ChainLogRow r) => r.BlockNumber > start.BlockNumber && r.BlockNumber <= end.BlockNumber;
        var rebalances = (await db.Rebalances.ToListAsync()).Where(inWindow).Cast<Rebalance>().ToList();
        var deferrals = (await db.RebalanceDeferrals.ToListAsync()).Where(inWindow).Cast<RebalanceDeferral>().ToList();
        var suspensions = (await db.SuspensionEvents.ToListAsync()).Where(inWindow).Cast<SuspensionEvent>().ToList();
        Assert.Contains(deferrals, d => d.Reason == DeferralReason.PoolSuspended);
        Assert.Contains(deferrals, d => d.Reason == DeferralReason.ReserveCannotCover);
        Assert.Contains(rebalances, r => r.Trigger == RebalanceTrigger.LeverageOutOfBand);

        foreach (var token in run.Tokens)
        {
            var fit = state.Pool(token.Underlying).Slippage;
            var real = rebalances.Where(r => r.TokenAddress == tokens[token.Symbol]).OrderBy(r => r.BlockNumber).ToList();
            Assert.Equal(real.Select(r => (Hour(r), r.Trigger, r.IsBuy)), token.Rebalances.Select(r => (r.Hour, r.Trigger, r.IsBuy)));
            Assert.Equal(real.Select(r => r.LeverageAfter), token.Rebalances.Select(r => r.LeverageAfter));
            foreach (var (chain, engine) in real.Zip(token.Rebalances))
            {
                // Before the trade the position is the one rebuilt from rounded events: within a few wei of the chain's.
                Assert.InRange(BigInteger.Abs(engine.LeverageBefore - chain.LeverageBefore), 0, 10);
                Assert.InRange(Math.Abs(Wad.ToDouble(engine.SlippageCost - chain.SlippageCost) / Wad.ToDouble(chain.SlippageCost)), 0, fit.StatedError);
            }
            Assert.Equal(deferrals.Where(d => d.TokenAddress == tokens[token.Symbol]).OrderBy(d => d.BlockNumber).Select(d => (Hour(d), d.Reason)),
                token.Deferrals.Select(d => (d.Hour, d.Reason)));
        }
        foreach (var pool in run.Pools)
        {
            var real = suspensions.Where(s => s.PoolAddress == pools[pool.Underlying]).ToList();
            Assert.Equal(real.Where(s => s.IsSuspended).Select(Hour).FirstOrDefault() is var s and > 0 ? s : null, pool.SuspendedAtHour);
            Assert.Equal(real.Where(s => !s.IsSuspended).Select(Hour).FirstOrDefault() is var r and > 0 ? r : null, pool.ResumedAtHour);
        }
        Assert.NotNull(run.Pools.Single(p => p.Underlying == "SOL").SuspendedAtHour);
    }

    private static long Hour(ChainLogRow row) => (long)(row.BlockTime - DateTime.UnixEpoch).TotalSeconds / 3600;
}
