namespace LeveragedTokens.Simulator.Market;

/// <summary>How an asset moves relative to the shared regime.</summary>
/// <param name="VolatilityScale">Multiplier on the regime's BTC-like volatility.</param>
public sealed record AssetProfile(string Underlying, decimal StartPrice, double VolatilityScale)
{
    public static IReadOnlyList<AssetProfile> Defaults { get; } =
    [
        new("BTC", 60_000m, 1.0),
        new("ETH", 3_000m, 1.25),
        new("SOL", 150m, 1.9),
    ];

    public static AssetProfile For(string underlying) =>
        Defaults.FirstOrDefault(a => a.Underlying == underlying) ?? new AssetProfile(underlying, 100m, 1.5);
}
