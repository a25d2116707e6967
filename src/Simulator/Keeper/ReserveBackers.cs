using System.Numerics;
using LeveragedTokens.Protocol;
using LeveragedTokens.Protocol.Chain;
using LeveragedTokens.Protocol.Deployment;
using LeveragedTokens.Protocol.Functions;

namespace LeveragedTokens.Simulator.Keeper;

/// <summary>
/// The reserve's backers: they fund each pool at the start and, once a pool has been
/// suspended for a day, inject enough capital to lift it well clear of its floor. A day is
/// long enough for every token of the pool to come due (the fallback) and be deferred.
/// </summary>
public sealed class ReserveBackers(ChainSession session, DeployedProtocol protocol)
{
    private const int PatienceHours = 24;
    /// <summary>Share of the backed tokens' equity the backers aim the reserve at.</summary>
    private const decimal TargetShare = 0.20m;
    private const decimal OpeningShare = 0.25m;

    /// <summary>Opening reserves: a quarter of each pool's opening subscriptions, in underlying.</summary>
    public List<Injection> Opening(IReadOnlyList<Flow> openingFlows, IReadOnlyList<decimal> prices) =>
        protocol.Pools.Select((pool, i) =>
        {
            var quote = openingFlows
                .Where(f => protocol.Tokens.Single(t => t.Address == f.Token).Pool == pool.Address)
                .Aggregate(BigInteger.Zero, (sum, f) => sum + f.Amount);
            var amount = quote * Wad.From(OpeningShare) / Wad.From(prices[i]);
            return new Injection { Pool = pool.Address, From = Holders.Backer, Amount = amount };
        }).ToList();

    public async Task<List<Injection>> ForHourAsync(long hour, ObservedState seen)
    {
        var injections = new List<Injection>();
        foreach (var pool in protocol.Pools)
        {
            if (seen.SuspendedSince(pool.Address) is not long since || hour - since < PatienceHours) continue;
            var supplyValue = await session.CallAsync<TokenSupplyValueFunction, BigInteger>(pool.Address);
            var reserveValue = await session.CallAsync<ReserveValueFunction, BigInteger>(pool.Address);
            var price = await session.CallAsync<MarkPriceFunction, BigInteger>(pool.Address);
            var shortfall = supplyValue * Wad.From(TargetShare) / Wad.One - reserveValue;
            if (shortfall > 0)
                injections.Add(new Injection { Pool = pool.Address, From = Holders.Backer, Amount = shortfall * Wad.One / price + 1 });
        }
        return injections;
    }
}
