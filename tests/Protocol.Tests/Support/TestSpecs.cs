namespace LeveragedTokens.Protocol.Tests.Support;

public static class TestSpecs
{
    /// <summary>One BTC pool (10% floor, reserve pays half the costs) with one 3x series.</summary>
    public static ProtocolSpec OneToken(bool isLong = true, decimal spotDepth = 2_000_000_000m) => new(
        [new PoolSpec("BTC", 1000, 5000, Wad.From(spotDepth))],
        [ProtocolSpec.ThreeX("BTC", isLong)]);

    /// <summary>Frictionless markets for the economics: bottomless spot liquidity, no reserve (it
    /// pays no share of costs, so its floor of zero never binds),
    /// no flow fee; the keeper passes a zero gas price. Only volatility moves NAV.</summary>
    public static ProtocolSpec Frictionless(IEnumerable<string> underlyings, Func<string, IEnumerable<TokenSpec>> tokens)
    {
        var names = underlyings.ToList();
        return new ProtocolSpec(
            names.Select(u => new PoolSpec(u, 0, 0, Wad.From(1e15m))).ToList(),
            names.SelectMany(tokens).Select(t => t with { FlowFeeBps = 0 }).ToList());
    }

    /// <summary>A 3x series rebalanced every hour whatever its leverage: the discrete
    /// counterpart of continuous rebalancing.</summary>
    public static TokenSpec Hourly(string underlying, bool isLong) => ProtocolSpec.ThreeX(underlying, isLong) with
    {
        Symbol = $"{underlying}3{(isLong ? "L" : "S")}H",
        FallbackInterval = 3600,
    };
}
