using System.Numerics;
using LeveragedTokens.Data.Entities;

namespace LeveragedTokens.TestSupport;

/// <summary>
/// Opt-in second chain beside <see cref="SampleData"/> (whose one-chain counts many tests rely on): the same protocol at
/// the same addresses, symbols and block numbers (so the same tx hashes) on <see cref="ChainId"/>, as the simulator deploys
/// it on a second fresh anvil, with figures of its own: every token's NAV is <see cref="Nav"/>, every reserve balance
/// <see cref="ReserveBalance"/>, and each token rebalances every 12 hours; one more rebalance sits at the very
/// transaction and log index of one of the first chain's, as a chainless rebalance link can then name two.
/// </summary>
public static class SecondChainSample
{
    public const long ChainId = 8453;
    public const int Hours = 48;
    public static readonly BigInteger Nav = 777 * Protocol.Wad.One, ReserveBalance = 55 * Protocol.Wad.One;

    /// <summary>What the seed wrote, for assertions.</summary>
    public sealed record Seeded(IReadOnlyList<Rebalance> Rebalances, Rebalance Twin, long LastBlock);

    private static LogOrigin At(long block, int log, string contract, DateTime time) =>
        ChainRows.Hourly.At(block, log, contract, time: time) with { ChainId = ChainId };

    public static async Task<Seeded> SeedAsync(string connectionString, SampleData.Seeded first)
    {
        await using var db = TestDatabases.Dashboard(connectionString);
        var genesis = ChainRows.Genesis;
        db.ReservePools.AddRange(
            ChainRows.ReservePool(At(1, 0, ChainRows.Registry, genesis), SampleData.BtcPool, "BTC"),
            ChainRows.ReservePool(At(1, 1, ChainRows.Registry, genesis), SampleData.EthPool, "ETH"));
        foreach (var (t, i) in SampleData.Tokens.Select((t, i) => (t, i)))
            db.Tokens.Add(ChainRows.LeveragedToken(At(2, i, ChainRows.Registry, genesis), t.Address, t.Symbol, t.Pool, t.IsLong));
        var rebalances = new List<Rebalance>();
        long block = 10;
        for (var h = 1; h <= Hours; h++)
        {
            block += 10;
            var time = genesis.AddHours(h);
            var log = 0;
            foreach (var t in SampleData.Tokens)
            {
                if (h % 12 == 0)
                    rebalances.Add(ChainRows.Rebalance(At(block, log++, t.Address, time), h / 12, navBefore: Nav + 4 * Protocol.Wad.One / 1000));
                db.NavSnapshots.Add(ChainRows.Snapshot(At(block + 1, log++, t.Address, time), nav: Nav));
            }
            foreach (var pool in new[] { SampleData.BtcPool, SampleData.EthPool })
                db.ReserveMetrics.Add(ChainRows.Metrics(At(block + 2, log++, pool, time), ReserveBalance));
        }
        // Off the 12-hour blocks, so its (block, log) is free on this chain.
        var original = first.Rebalances.First(r => (r.BlockNumber - 10) / 10 % 12 != 0 && r.BlockNumber <= block);
        var twin = ChainRows.Rebalance(original.Origin() with { ChainId = ChainId }, 99, navBefore: Nav);
        rebalances.Add(twin);
        db.Rebalances.AddRange(rebalances);
        db.IndexerStates.Add(new IndexerState
        {
            ChainId = ChainId, IndexedBlock = block + 3, IndexedBlockHash = ChainRows.BlockHash(block + 3), HeadBlock = block + 5,
            Confirmations = 2, EventsPerSecond = 7.5, UpdatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
        return new Seeded(rebalances, twin, block + 3);
    }
}
