using System.Numerics;

namespace LeveragedTokens.Protocol.Deployment;

/// <summary>A reserve pool and the spot market its tokens trade in.</summary>
/// <param name="SpotDepth">Quote value on each side of the spot pool (WAD).</param>
public sealed record PoolSpec(string Underlying, ushort FloorBps, ushort DrawShareBps, BigInteger SpotDepth);

/// <summary>One token series; leverages in WAD, fallback in seconds.</summary>
public sealed record TokenSpec(
    string Symbol, string Name, string Underlying, bool IsLong,
    BigInteger TargetLeverage, BigInteger MinLeverage, BigInteger MaxLeverage,
    uint FallbackInterval, ushort FlowFeeBps);

public sealed record ProtocolSpec(IReadOnlyList<PoolSpec> Pools, IReadOnlyList<TokenSpec> Tokens)
{
    /// <summary>BTC, ETH and SOL pools (10% floor, the reserve pays half of each rebalance's
    /// costs) and BTC3L, BTC3S, ETH3L, ETH3S, SOL3L: 3x within 2.5x-3.5x, 24 h fallback.</summary>
    public static ProtocolSpec Default { get; } = new(
        [
            new PoolSpec("BTC", 1000, 5000, Wad.From(3_000_000_000m)),
            new PoolSpec("ETH", 1000, 5000, Wad.From(2_000_000_000m)),
            new PoolSpec("SOL", 1000, 5000, Wad.From(600_000_000m)),
        ],
        [
            ThreeX("BTC", isLong: true),
            ThreeX("BTC", isLong: false),
            ThreeX("ETH", isLong: true),
            ThreeX("ETH", isLong: false),
            ThreeX("SOL", isLong: true),
        ]);

    public static TokenSpec ThreeX(string underlying, bool isLong) => new(
        $"{underlying}3{(isLong ? "L" : "S")}", $"{underlying} 3x {(isLong ? "Long" : "Short")}", underlying, isLong,
        Wad.From(3m), Wad.From(2.5m), Wad.From(3.5m), 24 * 3600, FlowFeeBps: 10);
}
