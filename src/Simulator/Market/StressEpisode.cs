namespace LeveragedTokens.Simulator.Market;

/// <summary>
/// A squeeze that rallies one asset hard while buyers pile into its long token and its spot
/// liquidity thins. A rally, not a crash, is what strains a reserve: the long token's equity
/// (and the floor, a share of it) grows three times as fast as the reserve's value.
/// </summary>
public sealed record StressEpisode(string Underlying, long StartHour, int Hours, double HourlyDrift, double Volatility)
{
    public bool IsActive(long hour) => hour >= StartHour && hour < StartHour + Hours;

    /// <summary>Placed 40% into the history, so even a few-day run lives through one; live
    /// hours after the history (or a run of zero days) get none.</summary>
    public static StressEpisode For(long firstHour, int totalHours) =>
        new("SOL", firstHour + Math.Max(6, totalHours * 2 / 5), totalHours == 0 ? 0 : 48, 0.010, 0.012);
}
