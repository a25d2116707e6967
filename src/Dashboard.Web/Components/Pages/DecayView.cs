using LeveragedTokens.Protocol;
using LeveragedTokens.Data.Queries;

namespace LeveragedTokens.Dashboard.Web.Components.Pages;

/// <summary>
/// The decay split: gap = realized NAV return - naive L x underlying return; rebalance costs are the
/// summed NAV deltas over the starting NAV; volatility drag is the rest of the gap.
/// </summary>
public sealed record DecayView(DecayInputs Inputs, double SignedLeverage, double UnderlyingReturn, double NavReturn, double NaiveReturn,
    double BenchmarkReturn, double Gap, double RebalanceCosts, double VolatilityDrag)
{
    public static DecayView From(DecayInputs d, TokenInfo token)
    {
        var l = Wad.ToDouble(token.TargetLeverage) * (token.IsLong ? 1 : -1);
        var s0 = Wad.ToDouble(d.Start.MarkPrice);
        var s1 = Wad.ToDouble(d.End.MarkPrice);
        var nav0 = Wad.ToDouble(d.Start.Nav);
        var underlying = s0 > 0 ? s1 / s0 - 1 : 0;
        var navReturn = nav0 > 0 ? Wad.ToDouble(d.End.Nav) / nav0 - 1 : 0;
        var naive = l * underlying;
        var sigma2t = d.HourlyLogReturnStdDev * d.HourlyLogReturnStdDev * d.Hours;
        var benchmark = s0 > 0 ? Math.Pow(s1 / s0, l) * Math.Exp(-(l * l - l) * sigma2t / 2) - 1 : 0;
        var gap = navReturn - naive;
        var costs = nav0 > 0 ? Wad.ToDouble(d.SumNavDelta) / nav0 : 0;
        return new DecayView(d, l, underlying, navReturn, naive, benchmark, gap, costs, gap - costs);
    }
}
