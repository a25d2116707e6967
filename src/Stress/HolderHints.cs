namespace LeveragedTokens.Stress;

/// <summary>What a ±10 % hour of the underlying does to a token and its pool, from the engine.</summary>
public sealed record HourOutcome(decimal MovePercent, BigInteger NavBefore, BigInteger NavAfter, bool Rebalances, BigInteger ReserveDraw,
    BigInteger UtilizationBpsAfter, bool Suspends);

/// <summary>
/// The two numbers holders ask for on a token page: the underlying's move that pushes leverage out of the band each way
/// (the next band rebalance), and what a ±10 % hour would do to NAV and the reserve.
/// </summary>
/// <param name="MoveDown">Relative price move (WAD, negative) at which leverage leaves the band downwards in price; null if no fall does.</param>
public sealed record HolderHints(string Symbol, string Underlying, long AtBlock, BigInteger? MoveDown, BigInteger? MoveUp, HourOutcome Down, HourOutcome Up)
{
    public const decimal HourMovePercent = 10;

    public static HolderHints For(StressState state, string symbol)
    {
        var token = state.Tokens.Single(t => t.Symbol == symbol);
        var mark = state.Pool(token.Underlying).MarkPrice;
        var edges = new[] { token.MinLeverage, token.MaxLeverage }.Select(l => EdgeMove(token, l, mark)).OfType<BigInteger>().ToList();
        return new HolderHints(symbol, token.Underlying, state.AtBlock,
            edges.Where(m => m.Sign < 0).Select(m => (BigInteger?)m).Max(), edges.Where(m => m.Sign > 0).Select(m => (BigInteger?)m).Min(),
            Hour(state, token, -HourMovePercent), Hour(state, token, HourMovePercent));
    }

    /// <summary>
    /// The move after which mark-to-market leverage |X·m′| / (C + X·m′) equals <paramref name="edge"/>: m′ = edge·C / (X·(1 − edge)) for a
    /// long (X &gt; 0), m′ = edge·C / (−X·(1 + edge)) for a short, in exact integers; null when no positive price reaches it.
    /// </summary>
    public static BigInteger? EdgeMove(TokenState token, BigInteger edge, BigInteger mark)
    {
        if (token.Exposure.IsZero) return null;
        var denominator = token.IsLong ? token.Exposure * (Wad.One - edge) : -token.Exposure * (Wad.One + edge);
        if (denominator.IsZero) return null;
        var price = edge * token.Cash * Wad.One / denominator;
        return price.Sign > 0 ? (price - mark) * Wad.One / mark : null;
    }

    private static HourOutcome Hour(StressState state, TokenState token, decimal percent)
    {
        var scenario = ScenarioText.TryBuild($"{token.Underlying}:{percent:+0.##;-0.##}", null, 1, 1, [.. state.Pools.Select(p => p.Underlying)], out _)!;
        var run = StressEngine.Run(state, scenario);
        var outcome = run.Tokens.Single(t => t.Symbol == token.Symbol);
        var pool = run.Pools.Single(p => p.Underlying == token.Underlying);
        return new HourOutcome(percent, outcome.NavBefore, outcome.NavAfter, outcome.Rebalances.Count > 0, outcome.ReserveDraw,
            pool.Last?.UtilizationBps ?? pool.UtilizationBpsBefore, pool.Suspends);
    }
}
