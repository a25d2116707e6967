namespace LeveragedTokens.Simulator.Market;

/// <summary>The market's mood for a stretch of hours, shared by all assets.</summary>
/// <param name="Drift">Hourly log drift of a BTC-like asset.</param>
/// <param name="Volatility">Hourly log volatility of a BTC-like asset; others scale it.</param>
/// <param name="Reversion">Pull per hour back to the regime's anchor price (chop only).</param>
public sealed record MarketRegime(string Name, double Drift, double Volatility, double Reversion)
{
    public static readonly MarketRegime TrendUp = new("trend up", 0.0006, 0.005, 0);
    public static readonly MarketRegime TrendDown = new("trend down", -0.0006, 0.005, 0);
    /// <summary>Mean reversion keeps the price near its anchor while it swings ~5% a day.</summary>
    public static readonly MarketRegime Chop = new("sideways chop", 0, 0.010, 0.2);
    public static readonly MarketRegime VolatilitySpike = new("volatility spike", 0, 0.022, 0);

    /// <summary>How long the regime lasts, in hours, drawn when it starts.</summary>
    public int DrawHours(Random random) => this == VolatilitySpike ? random.Next(6, 37) : random.Next(24, 24 * 7);

    public static MarketRegime Draw(Random random) => random.NextDouble() switch
    {
        < 0.25 => TrendUp,
        < 0.45 => TrendDown,
        < 0.85 => Chop,
        _ => VolatilitySpike,
    };
}
