using System.Numerics;
using LeveragedTokens.Protocol;
using LeveragedTokens.Protocol.Deployment;
using LeveragedTokens.Protocol.Functions;
using LeveragedTokens.Simulator.Market;

namespace LeveragedTokens.Simulator.Keeper;

/// <summary>Seeded subscriptions and redemptions: a trickle both ways in normal hours, and a
/// buying wave into the stressed asset's long token that outgrows its reserve.</summary>
public sealed class FlowModel(int seed, DeployedProtocol protocol, StressEpisode stress)
{
    private const double MintChance = 0.06;
    private const double RedeemChance = 0.05;
    private static readonly BigInteger MinimumMint = Wad.From(50_000m);

    private readonly Random _random = new(seed);
    /// <summary>Once the stressed pool has suspended, the buying wave is over.</summary>
    private bool _stressBroke;

    /// <summary>Opening subscriptions: sizes in quote per token symbol.</summary>
    public static IReadOnlyDictionary<string, decimal> Openings { get; } = new Dictionary<string, decimal>
    {
        ["BTC3L"] = 20_000_000m, ["BTC3S"] = 8_000_000m, ["ETH3L"] = 12_000_000m, ["ETH3S"] = 5_000_000m, ["SOL3L"] = 6_000_000m,
    };

    public List<Flow> Opening() => protocol.Tokens
        .Select(t => new Flow { Token = t.Address, Account = Holders.All[0], Amount = OpeningValue(t), IsMint = true })
        .ToList();

    private static BigInteger OpeningValue(DeployedToken token) => Wad.From(Openings.GetValueOrDefault(token.Symbol, 5_000_000m));

    public List<Flow> ForHour(long hour, ObservedState seen)
    {
        var flows = new List<Flow>();
        foreach (var token in protocol.Tokens)
        {
            var equity = seen.EquityOf(token.Address);
            if (equity <= 0) continue; // not seen yet (first hour of a continuation) or wiped out
            var pool = protocol.Pools.Single(p => p.Address == token.Pool);
            if (token.IsLong && pool.Underlying == stress.Underlying && stress.IsActive(hour))
            {
                _stressBroke |= seen.SuspendedSince(pool.Address) is not null;
                if (!_stressBroke)
                {
                    // Enough buying that the floor (10% of equity) outgrows the cushion within
                    // about 12 hours, capped at a quarter of the token per hour.
                    var wave = BigInteger.Max(equity / 20, BigInteger.Max(seen.BufferDepthOf(pool.Address), 0) * 10 / 12);
                    flows.Add(Mint(token, BigInteger.Min(wave, equity / 4)));
                    continue;
                }
            }
            // Holders take profits once a token has grown past four times its opening size,
            // which keeps its trades within what the spot pools can absorb.
            var takingProfits = equity > 4 * OpeningValue(token);
            var roll = _random.NextDouble();
            if (roll < MintChance && !takingProfits)
                flows.Add(Mint(token, BigInteger.Max(MinimumMint, Fraction(equity, 0.005, 0.03))));
            else if (roll < MintChance + RedeemChance || takingProfits)
            {
                var holder = Holders.All[_random.Next(Holders.All.Count)];
                var shares = Fraction(seen.BalanceOf(token.Address, holder), 0.02, 0.1);
                if (shares > 0) flows.Add(new Flow { Token = token.Address, Account = holder, Amount = shares, IsMint = false });
            }
        }
        return flows;
    }

    private Flow Mint(DeployedToken token, BigInteger value) =>
        new() { Token = token.Address, Account = Holders.All[_random.Next(Holders.All.Count)], Amount = value, IsMint = true };

    private BigInteger Fraction(BigInteger amount, double min, double max) =>
        amount * (BigInteger)((min + (max - min) * _random.NextDouble()) * 1_000_000) / 1_000_000;
}
