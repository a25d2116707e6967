using LeveragedTokens.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LeveragedTokens.Stress.Tests;

/// <summary>
/// The prediction against the protocol itself: on a real anvil, from a snapshot, the simulator applies a shock through
/// the registry's tick, the indexer reads it, and the engine's run from the block before says what happened.
/// </summary>
public sealed class OnChainShockTests(ITestOutputHelper output)
{
    /// <summary>The state is rebuilt from NAV and leverage rounded down to the wei: mark-to-market leverage lands within this many wei.</summary>
    private const int RebuiltPositionWei = 10;

    [Fact]
    public async Task AShockAppliedThroughTheProtocolIsWhatTheEnginePredictedFromTheBlockBefore()
    {
        var (anvil, deployment) = await SimulatorProcess.StartSimulatedChainAsync(days: 5, seed: 11);
        await using var _ = anvil;
        await using var database = await PostgresDatabase.CreateAsync("shock");
        await using var indexer = await IndexerHost.StartAsync(anvil.RpcUrl, database.ConnectionString, deployment);
        await indexer.RunUntilHeadAsync(maxPolls: 100);
        var contexts = indexer.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        var before = await anvil.BlockNumberAsync();

        // A gap that throws BTC's tokens out of the band with ETH's short; then, from the same block, a milder mix.
        var rebalanced = 0;
        foreach (var shocks in new[] { "BTC:-30,ETH:+10", "SOL:-15,ETH:-6,BTC:+4" })
        {
            var snapshot = (await anvil.CallAsync("evm_snapshot")).GetString()!;
            var state = (await new StressStateLoader(contexts).LoadAsync(before))!;
            var scenario = ScenarioText.TryBuild(shocks, null, 1, 1, [.. state.Pools.Select(p => p.Underlying)], out var error) ?? throw new Exception(error);
            var predicted = StressEngine.Run(state, scenario);

            await SimulatorProcess.ShockAsync(anvil.RpcUrl, shocks);
            await indexer.RunUntilHeadAsync();
            rebalanced += await CompareAsync(contexts, before, state, predicted);
            Assert.True((await anvil.CallAsync("evm_revert", snapshot)).GetBoolean());
            Assert.Equal(before, await anvil.BlockNumberAsync());
        }
        Assert.True(rebalanced >= 3, $"{rebalanced} rebalances compared");
    }

    /// <returns>How many rebalances were compared.</returns>
    private async Task<int> CompareAsync(IDbContextFactory<DashboardDbContext> contexts, long before, StressState state, StressRun predicted)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var hour = state.Hour + 1;
        var tokens = await db.Tokens.AsNoTracking().ToDictionaryAsync(t => t.Symbol, t => t.Address);
        var pools = await db.ReservePools.AsNoTracking().ToDictionaryAsync(p => p.Underlying, p => p.Address);
        // The shock's block is the only one after `before` (the indexer followed the revert of the first scenario).
        var rebalances = await db.Rebalances.AsNoTracking().Where(r => r.BlockNumber > before).ToListAsync();
        var deferrals = await db.RebalanceDeferrals.AsNoTracking().Where(r => r.BlockNumber > before).ToListAsync();
        var snapshots = await db.NavSnapshots.AsNoTracking().Where(r => r.BlockNumber > before).ToListAsync();
        var suspensions = await db.SuspensionEvents.AsNoTracking().Where(r => r.BlockNumber > before).ToListAsync();
        var metrics = await db.ReserveMetrics.AsNoTracking().Where(r => r.BlockNumber > before).ToListAsync();
        Assert.All(snapshots, s => Assert.Equal(hour, s.Hour));
        Assert.Equal(state.Tokens.Count, snapshots.Count);

        foreach (var pool in predicted.Pools)
        {
            // The simulator priced the shock as the engine's first hour does: the same mark, to the wei.
            Assert.Equal(pool.Path[0].MarkPrice, metrics.Single(m => m.PoolAddress == pools[pool.Underlying]).MarkPrice);
            Assert.Equal(suspensions.Where(s => s.PoolAddress == pools[pool.Underlying] && s.IsSuspended).Select(_ => (long?)hour).FirstOrDefault(), pool.SuspendedAtHour);
        }
        var compared = 0;
        foreach (var token in predicted.Tokens)
        {
            var address = tokens[token.Symbol];
            var chain = rebalances.Where(r => r.TokenAddress == address).ToList();
            var engine = token.Rebalances;
            output.WriteLine($"{token.Symbol}: chain {string.Join(";", chain.Select(r => $"{r.Trigger}/{(r.IsBuy ? "buy" : "sell")}"))}, " +
                             $"engine {string.Join(";", engine.Select(r => $"{r.Trigger}/{(r.IsBuy ? "buy" : "sell")}"))}");
            // Which tokens rebalance, on which trigger and side: exactly.
            Assert.Equal(chain.Select(r => (r.Trigger, r.IsBuy)), engine.Select(r => (r.Trigger, r.IsBuy)));
            Assert.Equal(deferrals.Where(d => d.TokenAddress == address).Select(d => d.Reason), token.Deferrals.Select(d => d.Reason));

            // Leverage right after the shock: the chain's, before its trade (or at its snapshot when it did not trade).
            var chainAfterShock = chain.Count > 0 ? chain[0].LeverageBefore : snapshots.Single(s => s.TokenAddress == address).Leverage;
            Assert.InRange(BigInteger.Abs(token.LeverageAfterShock - chainAfterShock), 0, RebuiltPositionWei);

            foreach (var (real, model) in chain.Zip(engine))
            {
                var fit = state.Pool(token.Underlying).Slippage;
                var slippageError = Math.Abs(Wad.ToDouble(model.SlippageCost - real.SlippageCost) / Wad.ToDouble(real.SlippageCost));
                output.WriteLine($"  amount chain {Wad.Exact(real.Amount)} engine {Wad.Exact(model.Amount)}, leverage after chain {Wad.Exact(real.LeverageAfter)} " +
                                 $"engine {Wad.Exact(model.LeverageAfter)}, slippage error {slippageError:E2} of {fit.StatedError:E2}");
                Assert.InRange(slippageError, 0, fit.StatedError);
                // Back to target, less the costs the token bore: leverage after the trade is the chain's up to what the slippage
                // model's error and the gas price's move shift the token's equity (NAV after × supply).
                var equity = real.NavAfter * snapshots.Single(s => s.TokenAddress == address).TotalSupply / Wad.One;
                var costError = Scaled(real.SlippageCost, fit.StatedError) + BigInteger.Abs(model.GasCost - real.GasCost);
                var leverageAllowed = real.LeverageAfter * costError / equity + RebuiltPositionWei;
                Assert.InRange(BigInteger.Abs(model.LeverageAfter - real.LeverageAfter), 0, leverageAllowed);
                // The draw is the reserve's share of slippage + gas: within the slippage model's error, plus the gas the keeper
                // priced this hour against the engine's last gas cost (the engine holds the gas price; the chain's moved).
                var share = state.Pool(token.Underlying).DrawShareBps;
                var allowed = costError * share / 10_000 + 1;
                output.WriteLine($"  draw chain {Wad.Exact(real.ReserveDraw)} engine {Wad.Exact(model.ReserveDraw)} (allowed {Wad.Exact(allowed)}), " +
                                 $"gas chain {Wad.Exact(real.GasCost)} engine {Wad.Exact(model.GasCost)}");
                Assert.InRange(BigInteger.Abs(model.ReserveDraw - real.ReserveDraw), 0, allowed);
                compared++;
            }
        }
        return compared;
    }

    /// <summary><paramref name="value"/> × <paramref name="error"/>, rounded up (the error to 1e-12).</summary>
    private static BigInteger Scaled(BigInteger value, double error) => (value * (BigInteger)Math.Ceiling(error * 1e12) + 999_999_999_999) / 1_000_000_000_000;
}
