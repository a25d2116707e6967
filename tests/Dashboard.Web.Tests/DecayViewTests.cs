using LeveragedTokens.Dashboard.Web.Components.Pages;

namespace LeveragedTokens.Dashboard.Web.Tests;

/// <summary>
/// The decay split on price paths of known volatility: a token rebalanced every step follows the Avellaneda–Zhang
/// closed form, and costs + volatility drag + residual add up to the gap to naive L x exactly.
/// </summary>
public sealed class DecayViewTests
{
    private const int Steps = 5000;
    private const double StepSigma = 0.002;

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 1)]
    [InlineData(true, 7)]
    [InlineData(false, 7)]
    public void ATokenRebalancedEveryStepFollowsTheClosedFormAndTheSplitAddsUpToTheGap(bool isLong, int seed)
    {
        var (prices, sigma) = Path(seed);
        var beta = isLong ? 3.0 : -3.0;
        // Rebalanced back to β at every step without costs: NAV moves by β times each step's return.
        var nav = 100.0;
        for (var i = 1; i < prices.Length; i++) nav *= 1 + beta * (prices[i] / prices[i - 1] - 1);
        // The path's volatility is what it was built with (the test's premise, not the code under test).
        Assert.InRange(sigma, StepSigma * 0.95, StepSigma * 1.05);
        var closedForm = Math.Pow(prices[^1] / prices[0], beta) * Math.Exp(-(beta * beta - beta) * sigma * sigma * Steps / 2);

        var view = DecayView.From(Inputs(prices, nav, sigma, sumNavDelta: 0), Token(isLong));

        Assert.Equal(closedForm - 1, view.BenchmarkReturn, 12);
        // Stepwise rebalancing matches the continuous benchmark up to its discretization (≈ β³σ³ per step).
        Assert.InRange(view.NavReturn - view.BenchmarkReturn, -2e-3, 2e-3);
        Assert.InRange(Math.Abs((double)view.VolatilityDrag), 0.01, 1);
        Assert.Equal(0m, view.RebalanceCosts);
        Assert.Equal(view.Gap, view.RebalanceCosts + view.VolatilityDrag + view.Residual);
        Assert.InRange((double)view.Residual, -2e-3, 2e-3);
    }

    [Fact]
    public void RebalanceCostsAreTheSummedNavDeltasOverTheStartingNavAndTheThreePartsSumToTheGapExactly()
    {
        var (prices, sigma) = Path(3);
        var view = DecayView.From(Inputs(prices, navEnd: 93.123456789, sigma, sumNavDelta: Wad.Parse("-1.25")), Token(isLong: true));

        Assert.Equal(-0.0125m, view.RebalanceCosts);
        Assert.Equal((decimal)view.NavReturn - (decimal)view.NaiveReturn, view.Gap);
        Assert.Equal((decimal)view.BenchmarkReturn - (decimal)view.NaiveReturn, view.VolatilityDrag);
        Assert.Equal(view.Gap, view.RebalanceCosts + view.VolatilityDrag + view.Residual);
    }

    /// <summary>A driftless geometric random walk of <see cref="Steps"/> steps and its realized step volatility (sample stddev of log returns, as the query computes it).</summary>
    private static (double[] Prices, double Sigma) Path(int seed)
    {
        var random = new Random(seed);
        var prices = new double[Steps + 1];
        prices[0] = 3000;
        for (var i = 1; i <= Steps; i++)
        {
            // Box–Muller: a standard normal from two uniforms.
            var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            prices[i] = prices[i - 1] * Math.Exp(StepSigma * z - StepSigma * StepSigma / 2);
        }
        var logs = prices.Zip(prices.Skip(1), (a, b) => Math.Log(b / a)).ToArray();
        var mean = logs.Average();
        return (prices, Math.Sqrt(logs.Sum(r => (r - mean) * (r - mean)) / (logs.Length - 1)));
    }

    private static DecayInputs Inputs(double[] prices, double navEnd, double sigma, BigInteger sumNavDelta) => new(
        new NavPoint(0, Wad.Parse("100"), 3 * Wad.One, Wad.From((decimal)prices[0])),
        new NavPoint(Steps, Wad.From(Math.Round((decimal)navEnd, 12)), 3 * Wad.One, Wad.From(Math.Round((decimal)prices[^1], 12))),
        ChainRows.Genesis, ChainRows.Genesis.AddHours(Steps), sumNavDelta, 0, sigma, Steps);

    private static TokenInfo Token(bool isLong) => new(
        ChainRows.ChainId, isLong ? "ETH3L" : "ETH3S", ChainRows.Token, ChainRows.Pool, "ETH", 1000, isLong,
        3 * Wad.One, Wad.Parse("2.5"), Wad.Parse("3.5"), 86400, 1, ChainRows.TxHash(1), ChainRows.Genesis);
}
