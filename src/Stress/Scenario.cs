namespace LeveragedTokens.Stress;

/// <summary>
/// An underlying's price over the scenario: the mark of hour k (1-based) is <c>start * Numerators[k-1] / Denominator</c>.
/// A path of moves keeps a running WAD product; a replay keeps the window's own marks over its first one, so a
/// replay started at the window's first price reproduces its marks to the wei.
/// </summary>
public sealed record PricePath(IReadOnlyList<BigInteger> Numerators, BigInteger Denominator)
{
    public BigInteger PriceAt(BigInteger start, int hour) =>
        hour == 0 ? start : start * Numerators[Math.Min(hour, Numerators.Count) - 1] / Denominator;

    /// <summary>Hourly relative moves (WAD: -0.02e18 is −2 %), compounded.</summary>
    public static PricePath Of(IReadOnlyList<BigInteger> hourlyMoves)
    {
        var numerators = new List<BigInteger>(hourlyMoves.Count);
        var cumulative = Wad.One;
        foreach (var move in hourlyMoves)
        {
            cumulative = cumulative * (Wad.One + move) / Wad.One;
            numerators.Add(cumulative);
        }
        return new PricePath(numerators, Wad.One);
    }

    public static PricePath Flat(int hours) => new(Enumerable.Repeat(Wad.One, hours).ToList(), Wad.One);
}

/// <summary>
/// What happened in an indexed window besides prices, replayed only to check the engine against history: each
/// token's supply and each pool's inflows (fees and capital, in underlying) by hour, each tick's block time (a
/// tick mined a second late moves the 24 h fallback by an hour) and the gas cost of the hours that rebalanced.
/// </summary>
public sealed record ReplayedHistory(
    IReadOnlyDictionary<string, IReadOnlyDictionary<long, BigInteger>> SupplyByToken,
    IReadOnlyDictionary<string, IReadOnlyDictionary<long, BigInteger>> InflowsByPool,
    IReadOnlyDictionary<long, long> TickTimeByHour,
    IReadOnlyDictionary<long, BigInteger> GasCostByHour);

/// <summary>A stress scenario: a price path per underlying (flat when absent) over <c>Hours</c>, and liquidity multipliers.</summary>
/// <param name="Kind">shocks, path or replay.</param>
/// <param name="Liquidity">Scales the fitted spot depth: 1 = recent conditions, 0.33 = a third of it.</param>
/// <param name="LiquidityByUnderlying">Overrides <paramref name="Liquidity"/> for some underlyings (a squeeze thins one market).</param>
public sealed record Scenario(string Kind, string Description, int Hours, IReadOnlyDictionary<string, PricePath> Paths,
    decimal Liquidity = 1, ReplayedHistory? History = null, IReadOnlyDictionary<string, decimal>? LiquidityByUnderlying = null)
{
    public decimal LiquidityOf(string underlying) => LiquidityByUnderlying?.GetValueOrDefault(underlying, Liquidity) ?? Liquidity;

    public const int MaxHours = 720;

    public PricePath PathOf(string underlying) => Paths.TryGetValue(underlying, out var path) ? path : PricePath.Flat(Hours);

    /// <summary>The same hours with every price held: the no-shock baseline a loss is measured against.</summary>
    public Scenario Baseline() => this with { Kind = "baseline", Description = "no price move", Paths = new Dictionary<string, PricePath>() };
}
