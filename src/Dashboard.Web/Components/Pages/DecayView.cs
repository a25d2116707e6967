using LeveragedTokens.Protocol;
using LeveragedTokens.Data.Queries;

namespace LeveragedTokens.Dashboard.Web.Components.Pages;

/// <summary>
/// The decay split. Gap = realized NAV return - naive β x underlying return (β = +L long, -L short), split into
/// three parts that sum to it exactly (decimal arithmetic, no float rounding between them):
/// rebalance costs (the summed NAV deltas over the starting NAV), volatility drag (the continuous-rebalancing
/// benchmark of Avellaneda and Zhang, (S_T/S_0)^β · exp(-(β²-β)σ²T/2) - 1, minus the naive return) and the residual
/// (what rebalancing at band breaches and the 24 h fallback, instead of continuously, added or lost).
/// </summary>
public sealed record DecayView(DecayInputs Inputs, double SignedLeverage, double UnderlyingReturn, double NavReturn, double NaiveReturn,
    double BenchmarkReturn, decimal Gap, decimal RebalanceCosts, decimal VolatilityDrag, decimal Residual)
{
    public static DecayView From(DecayInputs d, TokenInfo token)
    {
        var beta = Wad.ToDouble(token.TargetLeverage) * (token.IsLong ? 1 : -1);
        var s0 = Wad.ToDouble(d.Start.MarkPrice);
        var s1 = Wad.ToDouble(d.End.MarkPrice);
        var nav0 = Wad.ToDouble(d.Start.Nav);
        var underlying = s0 > 0 ? s1 / s0 - 1 : 0;
        var navReturn = nav0 > 0 ? Wad.ToDouble(d.End.Nav) / nav0 - 1 : 0;
        var naive = beta * underlying;
        // σ²T from the hourly log returns of the mark price over the period's hours.
        var sigma2t = d.HourlyLogReturnStdDev * d.HourlyLogReturnStdDev * d.Hours;
        var benchmark = s0 > 0 ? Math.Pow(s1 / s0, beta) * Math.Exp(-(beta * beta - beta) * sigma2t / 2) - 1 : 0;
        var gap = Exact(navReturn) - Exact(naive);
        var costs = nav0 > 0 ? Exact(Wad.ToDouble(d.SumNavDelta) / nav0) : 0;
        var drag = Exact(benchmark) - Exact(naive);
        return new DecayView(d, beta, underlying, navReturn, naive, benchmark, gap, costs, drag, gap - costs - drag);
    }

    /// <summary>A ratio as a decimal, so the parts of the gap add up to it without float rounding (clamped: decimal has no infinity).</summary>
    private static decimal Exact(double ratio) => double.IsNaN(ratio) ? 0 : (decimal)Math.Clamp(ratio, -1e20, 1e20);
}
