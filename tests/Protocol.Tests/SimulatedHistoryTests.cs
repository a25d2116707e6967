namespace LeveragedTokens.Protocol.Tests;

/// <summary>Audits every event of a simulated history against the rules of the public interface.</summary>
public sealed class SimulatedHistoryTests(SimulatedHistory history) : IClassFixture<SimulatedHistory>
{
    private ProtocolHarness Chain => history.Chain;

    [Fact]
    public async Task EveryRebalancedEventSatisfiesTheNavAfterIdentityToOneWei()
    {
        var checkedCount = 0;
        foreach (var token in history.Protocol.Tokens)
        {
            // The tick publishes each token's snapshot after its rebalance, with the same supply.
            var supplyByTx = (await Chain.LogsAsync<NavSnapshotEvent>(token.Address))
                .ToDictionary(s => s.Log.TransactionHash, s => s.Event.TotalSupply);
            foreach (var rebalance in await Chain.LogsAsync<RebalancedEvent>(token.Address))
            {
                var e = rebalance.Event;
                var supply = supplyByTx[rebalance.Log.TransactionHash];
                var charged = (e.SlippageCost + e.GasCost - e.ReserveDraw) * Wad.One / supply;
                Assert.InRange(e.NavBefore - charged - e.NavAfter, -1, 1);
                Assert.Equal(e.Amount * BigInteger.Abs(e.ExecutionPrice - e.MarkPrice) / Wad.One, e.SlippageCost);
                Assert.True(e.ReserveDraw <= e.SlippageCost + e.GasCost);
                checkedCount++;
            }
        }
        Assert.True(checkedCount > 20, $"only {checkedCount} rebalances in {SimulatedHistory.Days} days");
    }

    [Fact]
    public async Task EachPoolsLedgerRebuildsEveryPublishedReserveBalanceExactly()
    {
        foreach (var pool in history.Protocol.Pools)
        {
            var ledger = (await Chain.LogsAsync<ReserveDrawnEvent>(pool.Address)).Select(e => (e.Log, Change: -e.Event.Amount))
                .Concat((await Chain.LogsAsync<FeesAllocatedEvent>(pool.Address)).Select(e => (e.Log, Change: e.Event.Amount)))
                .Concat((await Chain.LogsAsync<CapitalInjectedEvent>(pool.Address)).Select(e => (e.Log, Change: e.Event.Amount)))
                .Select(e => (Position: Position(e.Log), e.Change))
                .OrderBy(e => e.Position)
                .ToList();
            var metrics = await Chain.LogsAsync<ReserveMetricsPublishedEvent>(pool.Address);
            Assert.NotEmpty(metrics);
            foreach (var published in metrics)
            {
                var rebuilt = ledger.Where(e => e.Position < Position(published.Log)).Aggregate(BigInteger.Zero, (sum, e) => sum + e.Change);
                Assert.Equal(rebuilt, published.Event.ReserveBalance);
            }
            Assert.Contains(ledger, e => e.Change < 0);
        }
    }

    [Fact]
    public async Task RebalanceIdsCountUpFromOneWithoutGapsAndMatchTheirReserveDraws()
    {
        foreach (var token in history.Protocol.Tokens)
        {
            var ids = (await Chain.LogsAsync<RebalancedEvent>(token.Address)).Select(e => e.Event.RebalanceId).ToList();
            Assert.Equal(Enumerable.Range(1, ids.Count).Select(i => (ulong)i), ids);
            var draws = (await Chain.LogsAsync<ReserveDrawnEvent>(token.Pool))
                .Where(d => string.Equals(d.Event.Token, token.Address, StringComparison.OrdinalIgnoreCase))
                .Select(d => d.Event.RebalanceId);
            Assert.Equal(ids, draws);
        }
    }

    [Fact]
    public async Task TheStressEpisodeSuspendsThePoolDefersRebalancesAndTheBackersRestoreIt()
    {
        var sol = history.Protocol.Pools.Single(p => p.Underlying == "SOL");
        var suspended = await Chain.LogsAsync<RebalancingSuspendedEvent>(sol.Address);
        var resumed = await Chain.LogsAsync<RebalancingResumedEvent>(sol.Address);
        Assert.NotEmpty(suspended);
        Assert.Equal(suspended.Count, resumed.Count);
        Assert.True(Position(resumed[0].Log) > Position(suspended[0].Log));

        var solToken = history.Protocol.Tokens.Single(t => t.Symbol == "SOL3L");
        var deferrals = await Chain.LogsAsync<RebalanceDeferredEvent>(solToken.Address);
        Assert.Contains(deferrals, d => d.Event.Reason == 0
            && Position(d.Log) > Position(suspended[0].Log) && Position(d.Log) < Position(resumed[0].Log));
        Assert.NotEmpty(await Chain.LogsAsync<FeesAllocatedEvent>(sol.Address));
    }

    /// <summary>A log's place in chain order.</summary>
    private static BigInteger Position(Nethereum.RPC.Eth.DTOs.FilterLog log) =>
        log.BlockNumber.Value * 1_000_000 + log.LogIndex.Value;
}
