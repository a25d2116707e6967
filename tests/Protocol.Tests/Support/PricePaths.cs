namespace LeveragedTokens.Protocol.Tests.Support;

/// <summary>Seeded hourly price paths for the economics tests (index 0 is the opening price).</summary>
public static class PricePaths
{
    public const double HoursPerYear = 24 * 365;

    /// <summary>A steady hourly log drift with a little noise.</summary>
    public static decimal[] Trend(int hours, double hourlyDrift, double hourlyNoise, int seed) =>
        FromLogSteps(100m, Shocks(hours, seed).Select(z => hourlyDrift + hourlyNoise * z));

    /// <summary>Sideways chop: log price mean-reverts to the start (about 5% swings a day at
    /// scale 1) and the last hour lands exactly back on the start. The same shocks at a larger
    /// <paramref name="volatilityScale"/> give the same path shape, only wider.</summary>
    public static decimal[] FlatChop(int hours, double volatilityScale, int seed)
    {
        const double reversion = 0.2, hourlyVolatility = 0.012;
        var logs = new List<double> { 0 };
        foreach (var z in Shocks(hours - 1, seed))
            logs.Add(logs[^1] * (1 - reversion) + hourlyVolatility * volatilityScale * z);
        logs.Add(0);
        return logs.Select(l => Price(100m, l)).ToArray();
    }

    /// <summary>Geometric Brownian motion without drift at annual volatility sigma.</summary>
    public static decimal[] Gbm(int hours, double sigma, int seed)
    {
        var dt = 1 / HoursPerYear;
        return FromLogSteps(100m, Shocks(hours, seed).Select(z => -sigma * sigma * dt / 2 + sigma * Math.Sqrt(dt) * z));
    }

    private static decimal[] FromLogSteps(decimal start, IEnumerable<double> steps)
    {
        var log = 0.0;
        return new[] { start }.Concat(steps.Select(s => Price(start, log += s))).ToArray();
    }

    private static decimal Price(decimal start, double log) => decimal.Round(start * (decimal)Math.Exp(log), 8);

    private static IEnumerable<double> Shocks(int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
            yield return Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
    }
}
