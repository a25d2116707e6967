using LeveragedTokens.Data.Entities;

namespace LeveragedTokens.Stress.Tests;

/// <summary>The engine's mark-to-market against the closed form of an instant move r at constant notional.</summary>
public sealed class ClosedFormTests
{
    private static readonly BigInteger Mark = 50_000 * Wad.One;
    private static readonly BigInteger Equity = 1_000_000 * Wad.One;

    [Theory]
    [InlineData(true, "3", "-30")]
    [InlineData(true, "3", "-10")]
    [InlineData(true, "3", "+25")]
    [InlineData(true, "2.7", "-5.5")]
    [InlineData(false, "3", "+20")]
    [InlineData(false, "3", "-30")]
    [InlineData(false, "3.2", "+7.25")]
    public void InstantShockMovesLeverageAsTheClosedFormSays(bool isLong, string leverage, string percent)
    {
        var l = Wad.Parse(leverage);
        var r = Wad.Parse(percent.TrimStart('+'), Wad.Decimals - 2);
        var state = OneToken(isLong, l);
        var scenario = ScenarioText.TryBuild($"BTC:{percent}", null, 1, 1, ["BTC"], out var error);
        Assert.Null(error);

        var token = StressEngine.Run(state, scenario!).Tokens.Single();

        // Long: L(1+r)/(1+Lr); short: L(1+r)/(1-Lr), as exact rationals in WAD.
        var lr = l * r / Wad.One;
        var expected = l * (Wad.One + r) / (isLong ? Wad.One + lr : Wad.One - lr);
        Assert.Equal(l, token.LeverageBefore);
        Assert.InRange(BigInteger.Abs(token.LeverageAfterShock - expected), 0, 2);
    }

    [Fact]
    public void AShockOutOfTheBandRebalancesBackToTargetWithTheReserveSharingTheCosts()
    {
        var state = OneToken(isLong: true, 3 * Wad.One);
        var token = StressEngine.Run(state, ScenarioText.TryBuild("BTC:-10", null, 2, 1, ["BTC"], out _)!).Tokens.Single();

        var rebalance = Assert.Single(token.Rebalances);
        Assert.Equal(RebalanceTrigger.LeverageOutOfBand, rebalance.Trigger);
        Assert.False(rebalance.IsBuy);
        Assert.Equal(token.LeverageAfterShock, rebalance.LeverageBefore);
        Assert.Equal((rebalance.SlippageCost + rebalance.GasCost) / 2, rebalance.ReserveDraw);
        // The costs the reserve did not take come out of equity; leverage lands a hair above target.
        Assert.True(rebalance.NavAfter < rebalance.NavBefore);
        Assert.InRange(rebalance.LeverageAfter - 3 * Wad.One, 0, Wad.One / 1000);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TheMovesToTheBandEdgesAreTheClosedFormsAndTheEngineLandsOnTheEdge(bool isLong)
    {
        var state = OneToken(isLong, 3 * Wad.One);
        var hints = HolderHints.For(state, state.Tokens[0].Symbol);

        // At L = 3: a long leaves 2.5x-3.5x at (L - max) / (L(max - 1)) = -6.67 % and (L - min) / (L(min - 1)) = +11.1 %;
        // a short at (min - L) / (L(1 + min)) = -4.76 % and (max - L) / (L(1 + max)) = +3.70 %.
        var (down, up) = isLong ? (-1m / 15, 1m / 9) : (-1m / 21, 1m / 27);
        Assert.Equal((double)down, Wad.ToDouble(hints.MoveDown!.Value), 12);
        Assert.Equal((double)up, Wad.ToDouble(hints.MoveUp!.Value), 12);
        foreach (var (move, edge) in new[] { (hints.MoveDown.Value, isLong ? "3.5" : "2.5"), (hints.MoveUp.Value, isLong ? "2.5" : "3.5") })
        {
            var shock = ScenarioText.TryBuild($"BTC:{Wad.Exact(move * 100)}", null, 1, 1, ["BTC"], out _)!;
            Assert.InRange(BigInteger.Abs(StressEngine.Run(state, shock).Tokens[0].LeverageAfterShock - Wad.Parse(edge)), 0, 1_000_000);
        }
        Assert.True(hints.Down.Rebalances == isLong || hints.Up.Rebalances);
    }

    /// <summary>One BTC token at the given leverage, a deep spot market and a reserve far above its floor.</summary>
    public static StressState OneToken(bool isLong, BigInteger leverage)
    {
        var size = leverage * Equity / Mark;
        var exposure = isLong ? size : -size;
        var token = new TokenState(isLong ? "BTC3L" : "BTC3S", "0xt", "BTC", isLong, 3 * Wad.One, Wad.Parse("2.5"), Wad.Parse("3.5"), 86_400,
            exposure, Equity - StressEngine.ValueAt(exposure, Mark), 10_000 * Wad.One, 0);
        var pool = new PoolState("BTC", "0xp", 1000, 5000, 10 * Wad.One, Mark, false, BigInteger.Zero, BigInteger.Zero, 24,
            new SlippageFit(3_000_000_000 * Wad.One, 1, 0, 0));
        return new StressState(31337, 1, 10, [token], [pool], null, Wad.Parse("12.5"));
    }
}
