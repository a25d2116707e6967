namespace LeveragedTokens.Simulator.Market;

/// <summary>
/// Seeded hourly prices for several assets under one regime chain: trends, sideways chop,
/// volatility spikes, plus a scripted stress episode. Assets share a common shock, so they
/// move together, and each scales the regime's volatility (SOL most).
/// </summary>
public sealed class PriceModel
{
    private const double CommonWeight = 0.7;
    /// <summary>No hour moves more than this in log terms: a 3x token survives any hour.</summary>
    private const double MaxHourlyMove = 0.10;

    private readonly Random _random;
    private readonly IReadOnlyList<AssetProfile> _assets;
    private readonly double[] _logPrices;
    private readonly double[] _anchors;
    private readonly StressEpisode _stress;
    private int _hoursLeftInRegime;

    public PriceModel(int seed, IReadOnlyList<AssetProfile> assets, IReadOnlyList<decimal> startPrices, StressEpisode stress)
    {
        _random = new Random(seed);
        _assets = assets;
        _logPrices = startPrices.Select(p => Math.Log((double)p)).ToArray();
        _anchors = (double[])_logPrices.Clone();
        _stress = stress;
        Regime = MarketRegime.Chop;
    }

    public MarketRegime Regime { get; private set; }

    /// <summary>Advances one hour and returns each asset's price in quote units.</summary>
    public IReadOnlyList<decimal> Step(long hour)
    {
        if (--_hoursLeftInRegime <= 0) StartRegime();
        var common = Gaussian();
        var prices = new decimal[_assets.Count];
        for (var i = 0; i < _assets.Count; i++)
        {
            var shock = CommonWeight * common + Math.Sqrt(1 - CommonWeight * CommonWeight) * Gaussian();
            var move = Regime.Drift + Regime.Volatility * _assets[i].VolatilityScale * shock
                - Regime.Reversion * (_logPrices[i] - _anchors[i]);
            if (_stress.IsActive(hour) && _assets[i].Underlying == _stress.Underlying)
                move = _stress.HourlyDrift + _stress.Volatility * shock;
            _logPrices[i] += Math.Clamp(move, -MaxHourlyMove, MaxHourlyMove);
            prices[i] = (decimal)Math.Round(Math.Exp(_logPrices[i]), 6);
        }
        return prices;
    }

    private void StartRegime()
    {
        Regime = MarketRegime.Draw(_random);
        _hoursLeftInRegime = Regime.DrawHours(_random);
        Array.Copy(_logPrices, _anchors, _logPrices.Length);
    }

    private double Gaussian()
    {
        // Box-Muller on the seeded generator: the same seed gives the same path everywhere.
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
