namespace LeveragedTokens.Protocol.Tests;

/// <summary>The economics the protocol documentation claims, reproduced on chain from seeded
/// paths with frictionless markets, so volatility is the only thing that moves NAV.</summary>
public sealed class EconomicsTests(ITestOutputHelper output) : ChainTest
{
    [Fact]
    public async Task ATrendingPathCompoundsALongTokenAboveThreeTimesTheUnderlyingReturn()
    {
        var path = PricePaths.Trend(hours: 5 * 24, hourlyDrift: 0.004, hourlyNoise: 0.003, seed: 3);
        var spec = TestSpecs.Frictionless(["TRND"], u => [ProtocolSpec.ThreeX(u, isLong: true)]);

        var growth = await PathPlayer.PlayAsync(Chain, spec, [path]);

        var underlyingReturn = (double)(path[^1] / path[0]) - 1;
        var tokenReturn = growth["TRND3L"] - 1;
        output.WriteLine($"underlying {underlyingReturn:P1}, 3x long {tokenReturn:P1}");
        Assert.True(underlyingReturn > 0.3);
        Assert.True(tokenReturn > 3 * underlyingReturn, $"{tokenReturn:P1} is not above 3 x {underlyingReturn:P1}");
    }

    [Fact]
    public async Task AChoppyPathThatEndsFlatDecaysTheNavAndFasterAtSolLikeVolatility()
    {
        const int hours = 20 * 24;
        var btcLike = PricePaths.FlatChop(hours, volatilityScale: 1.0, seed: 8);
        var solLike = PricePaths.FlatChop(hours, volatilityScale: 1.9, seed: 8);
        var spec = TestSpecs.Frictionless(["CALM", "WILD"], u => [ProtocolSpec.ThreeX(u, isLong: true)]);

        var growth = await PathPlayer.PlayAsync(Chain, spec, [btcLike, solLike]);

        output.WriteLine($"BTC-like 3x long {growth["CALM3L"] - 1:P2}, SOL-like {growth["WILD3L"] - 1:P2}");
        Assert.Equal(btcLike[0], btcLike[^1]);
        Assert.True(growth["CALM3L"] < 0.995, $"BTC-like NAV {growth["CALM3L"]:F4} did not decay");
        Assert.True(growth["WILD3L"] < growth["CALM3L"] - 0.01, "SOL-like volatility did not decay faster");
    }
}
