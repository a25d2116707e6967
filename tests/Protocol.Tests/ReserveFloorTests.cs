namespace LeveragedTokens.Protocol.Tests;

public sealed class ReserveFloorTests : ChainTest
{
    [Fact]
    public async Task APoolBelowItsFloorSuspendsDefersRebalancesAndResumesWhenCapitalIsInjected()
    {
        // Reserve at 15% of a $1M token: 2.5 BTC at $60k.
        var protocol = await OpenedAsync(reserve: 2.5m);
        var pool = protocol.Pools[0];

        // +40%: equity ~2.2M so the floor is ~$220k, while the reserve is worth $210k.
        var breach = await Chain.TickAsync(protocol, [84_000m]);
        var suspended = Assert.Single(breach.DecodeAllEvents<RebalancingSuspendedEvent>()).Event;
        Assert.True(suspended.ReserveValue < suspended.FloorValue);
        Assert.Equal(0, Assert.Single(breach.DecodeAllEvents<RebalanceDeferredEvent>()).Event.Reason);
        Assert.Empty(breach.DecodeAllEvents<RebalancedEvent>());
        var metrics = Assert.Single(breach.DecodeAllEvents<ReserveMetricsPublishedEvent>()).Event;
        Assert.True(metrics.BufferDepth < 0);
        Assert.True(metrics.UtilizationBps > 10_000);
        Assert.True(await Chain.ReadAsync<SuspendedFunction, bool>(pool.Address));

        var stillSuspended = await Chain.TickAsync(protocol, [84_000m]);
        Assert.Empty(stillSuspended.DecodeAllEvents<RebalancingSuspendedEvent>());
        Assert.Equal(0, Assert.Single(stillSuspended.DecodeAllEvents<RebalanceDeferredEvent>()).Event.Reason);

        var recovery = await Chain.TickAsync(protocol, [84_000m], injections: [Inject(pool, 1m)]);
        var resumed = Assert.Single(recovery.DecodeAllEvents<RebalancingResumedEvent>()).Event;
        Assert.True(resumed.ReserveValue >= resumed.FloorValue);
        Assert.Equal(0, Assert.Single(recovery.DecodeAllEvents<RebalancedEvent>()).Event.Trigger);
        Assert.False(await Chain.ReadAsync<SuspendedFunction, bool>(pool.Address));
    }

    [Fact]
    public async Task ARebalanceIsDeferredWhenTheReserveCannotCoverItsShareOfTheCosts()
    {
        // Thin spot liquidity makes the trade expensive; the reserve sits just above its floor.
        var protocol = await OpenedAsync(TestSpecs.OneToken(spotDepth: 100_000_000m), reserve: 2.23m);

        // +20%: leverage ~2.25x; equity ~$1.6M, floor ~$160k, reserve ~$160.6k.
        var receipt = await Chain.TickAsync(protocol, [72_000m]);

        Assert.Equal(1, Assert.Single(receipt.DecodeAllEvents<RebalanceDeferredEvent>()).Event.Reason);
        Assert.Empty(receipt.DecodeAllEvents<RebalancingSuspendedEvent>());
        Assert.Empty(receipt.DecodeAllEvents<ReserveDrawnEvent>());
        Assert.Empty(receipt.DecodeAllEvents<RebalancedEvent>());
    }

    [Fact]
    public async Task APriceRecoveryAloneKeepsThePoolSuspendedUntilAFeeAllocationResumesIt()
    {
        var protocol = await OpenedAsync(reserve: 2.5m);
        var pool = protocol.Pools[0];
        await Chain.TickAsync(protocol, [84_000m]);

        var priceBack = await Chain.TickAsync(protocol, [60_000m]);
        Assert.Empty(priceBack.DecodeAllEvents<RebalancingResumedEvent>());
        Assert.True(await Chain.ReadAsync<SuspendedFunction, bool>(pool.Address));

        // The opening subscription's 0.1% fee is still waiting to be allocated.
        var receipt = await Chain.TickAsync(protocol, [60_000m], allocateFees: true);
        Assert.Single(receipt.DecodeAllEvents<FeesAllocatedEvent>());
        Assert.Single(receipt.DecodeAllEvents<RebalancingResumedEvent>());
        Assert.False(await Chain.ReadAsync<SuspendedFunction, bool>(pool.Address));
    }
}
