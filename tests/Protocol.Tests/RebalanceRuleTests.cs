namespace LeveragedTokens.Protocol.Tests;

public sealed class RebalanceRuleTests : ChainTest
{
    [Fact]
    public async Task RebalanceInsideTheBandRevertsWithRebalanceNotDue()
    {
        var protocol = await OpenedAsync();
        var token = protocol.Tokens[0];
        var receipt = await Chain.TickAsync(protocol, [61_000m]);

        Assert.Empty(receipt.DecodeAllEvents<RebalancedEvent>());
        var error = await Reverts.WithAsync<RebalanceNotDueError>(() => Chain.ReadAsync<RebalanceFunction, bool>(token.Address));
        Assert.InRange(Wad.ToDouble(error.Leverage), 2.5, 3.5);
        Assert.Equal(Wad.From(2.5m), error.MinLeverage);
        Assert.Equal(Wad.From(3.5m), error.MaxLeverage);
        var lastRebalanceAt = await Chain.ReadAsync<LastRebalanceAtFunction, System.Numerics.BigInteger>(token.Address);
        Assert.Equal(lastRebalanceAt + 24 * 3600, error.FallbackAt);
    }

    [Fact]
    public async Task LeverageLeavingTheBandTriggersABandRebalanceBackToTarget()
    {
        var protocol = await OpenedAsync();

        // +16.7%: a 3x long's leverage falls to about 2.33x, below the band.
        var receipt = await Chain.TickAsync(protocol, [70_000m]);

        var rebalance = Assert.Single(receipt.DecodeAllEvents<RebalancedEvent>()).Event;
        Assert.Equal(0, rebalance.Trigger);
        Assert.True(rebalance.IsBuy);
        Assert.InRange(Wad.ToDouble(rebalance.LeverageBefore), 2.3, 2.4);
        Assert.InRange(Wad.ToDouble(rebalance.LeverageAfter), 2.99, 3.01);
    }

    [Fact]
    public async Task ARebalanceLargerThanTheSpotPoolCanAbsorbTradesOnlyAQuarterOfItsDepth()
    {
        // $2M of depth: a quarter of its underlying side is ~7.1 BTC at $70k, half the gap.
        var protocol = await OpenedAsync(TestSpecs.OneToken(spotDepth: 2_000_000m));

        var receipt = await Chain.TickAsync(protocol, [70_000m]);

        var rebalance = Assert.Single(receipt.DecodeAllEvents<RebalancedEvent>()).Event;
        Assert.Equal(Wad.From(2_000_000m) * Wad.One / Wad.From(70_000m) / 4, rebalance.Amount);
        Assert.InRange(Wad.ToDouble(rebalance.LeverageAfter), Wad.ToDouble(rebalance.LeverageBefore), 2.9);
    }

    [Fact]
    public async Task TheTimeFallbackRebalancesOnceTwentyFourHoursPassWithLeverageInsideTheBand()
    {
        var protocol = await Chain.DeployAsync(TestSpecs.OneToken());
        var opening = await OpenAsync(protocol);
        var openedAt = await BlockTimeAsync(opening.BlockNumber.Value);

        var price = 60_000m;
        for (var hour = 1; hour <= 30; hour++)
        {
            price *= 1.001m; // a drift that stays well inside the band
            var receipt = await Chain.TickAsync(protocol, [price]);
            var elapsed = await BlockTimeAsync(receipt.BlockNumber.Value) - openedAt;
            var rebalances = receipt.DecodeAllEvents<RebalancedEvent>();
            if (elapsed < 24 * 3600)
            {
                Assert.Empty(rebalances);
                continue;
            }
            var rebalance = Assert.Single(rebalances).Event;
            Assert.Equal(1, rebalance.Trigger);
            Assert.Equal(1ul, rebalance.RebalanceId);
            Assert.InRange(Wad.ToDouble(rebalance.LeverageBefore), 2.5, 3.5);
            return;
        }
        Assert.Fail("no fallback rebalance within 30 hours");
    }

    private async Task<System.Numerics.BigInteger> BlockTimeAsync(System.Numerics.BigInteger number) =>
        (await Chain.Session.Web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(
            new Nethereum.Hex.HexTypes.HexBigInteger(number))).Timestamp.Value;
}
