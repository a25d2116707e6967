using System.Numerics;
using LeveragedTokens.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LeveragedTokens.TestSupport;

/// <summary>
/// A small, deterministic market history written straight into the tables the indexer owns, through
/// <see cref="ChainRows"/>: two pools (BTC, ETH), four 3x tokens, hourly NAV and reserve metrics, rebalances
/// with raw logs, a suspension period and a fresh indexer checkpoint. Shared by the API, page and
/// Playwright, operations and bench runs.
/// </summary>
public static class SampleData
{
    public const string RebalancedTopic0 = "0x5c2f1b3a0e6d7c8b9a0f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6e5f4a3";
    private static readonly BigInteger Wad = Protocol.Wad.One;

    public static readonly string BtcPool = ChainRows.Address(0xb0), EthPool = ChainRows.Address(0xe0);

    public sealed record TokenSpec(string Symbol, string Address, string Pool, bool IsLong, double Sigma, double Drift);

    public static readonly TokenSpec[] Tokens =
    [
        new("BTC3L", ChainRows.Address(0xb1), BtcPool, true, 0.008, 0.0002),
        new("BTC3S", ChainRows.Address(0xb2), BtcPool, false, 0.008, 0.0002),
        new("ETH3L", ChainRows.Address(0xe1), EthPool, true, 0.012, -0.0001),
        new("ETH3S", ChainRows.Address(0xe2), EthPool, false, 0.012, -0.0001),
    ];

    /// <summary>The first of the indexer's recorded polls (<see cref="Poll"/>), on a day the tests' own indexers (writing now) cannot reach.</summary>
    public static readonly DateTime PollsStart = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);
    public const int PollCount = 30;

    /// <summary>
    /// Poll i of the indexer_polls history, 10 s apart (poll -1 is the one before the period): lag i blocks, 1.5·i events/s;
    /// reorgs 0 → 1 at poll 10 and 1 → 3 at poll 20; decode failures 2 → 3 at poll 25.
    /// </summary>
    public static IndexerPoll Poll(int i) => new()
    {
        ChainId = ChainRows.ChainId, At = PollsStart.AddSeconds(10 * i), HeadBlock = 1000 + i, IndexedBlock = 1000, EventsPerSecond = 1.5 * i,
        ReorgCount = i >= 20 ? 3 : i >= 10 ? 1 : 0, DecodeFailures = i >= 25 ? 3 : 2,
    };

    /// <summary>What the seed wrote, for assertions.</summary>
    public sealed record Seeded(
        int Hours, IReadOnlyList<Rebalance> Rebalances, Rebalance HugeAmount, long LastBlock, DateTime LastTime, IReadOnlyList<DecodeFailure> DecodeFailures,
        IReadOnlyList<RebalanceDeferral> Deferrals, IReadOnlyList<PoolLedgerEntry> Draws);

    /// <summary>Two nodes as the indexer records them: the second in use since the first's breaker opened.</summary>
    public static IndexerNode[] Nodes =>
    [
        new() { ChainId = ChainRows.ChainId, NodeIndex = 0, Name = "https://rpc-a.example:443", State = LeveragedTokens.Chain.RpcNodeState.Broken,
            NodeChainId = ChainRows.ChainId, HeadBlock = 1_000, ConsecutiveFailures = 4, Failovers = 3, LastError = "HTTP 502 from the node", UpdatedAt = DateTime.UtcNow },
        new() { ChainId = ChainRows.ChainId, NodeIndex = 1, Name = "https://rpc-b.example:443", State = LeveragedTokens.Chain.RpcNodeState.InUse,
            NodeChainId = ChainRows.ChainId, HeadBlock = 1_012, LatencyMs = 41.5, UpdatedAt = DateTime.UtcNow },
    ];

    public static async Task<Seeded> SeedAsync(string connectionString, int hours = 24 * 30, bool freshIndexer = true)
    {
        await using var db = TestDatabases.Dashboard(connectionString);
        await db.Database.MigrateAsync();
        var random = new Random(42);
        var chain = ChainRows.Hourly;
        var genesis = ChainRows.Genesis;
        db.ReservePools.AddRange(
            ChainRows.ReservePool(chain.At(1, 0, ChainRows.Registry, time: genesis), BtcPool, "BTC"),
            ChainRows.ReservePool(chain.At(1, 1, ChainRows.Registry, time: genesis), EthPool, "ETH"));
        foreach (var (t, i) in Tokens.Select((t, i) => (t, i)))
            db.Tokens.Add(ChainRows.LeveragedToken(chain.At(2, i, ChainRows.Registry, time: genesis), t.Address, t.Symbol, t.Pool, t.IsLong));

        var prices = new Dictionary<string, double> { [BtcPool] = 60000, [EthPool] = 3000 };
        var state = Tokens.ToDictionary(t => t.Symbol, _ => (Nav: 100.0, Lev: 3.0, LastRebalanceHour: 0, Id: 0L));
        var reserves = new Dictionary<string, double> { [BtcPool] = 4.0, [EthPool] = 8.0 };
        var rebalances = new List<Rebalance>();
        var deferrals = new List<RebalanceDeferral>();
        var draws = new List<PoolLedgerEntry>();
        var suspended = false;
        long block = 10;
        for (var h = 1; h <= hours; h++)
        {
            block += 10;
            var time = genesis.AddHours(h);
            var log = 0;
            // Each hour spans four blocks, all stamped with the hour's time.
            LogOrigin At(long inBlock, string contract) => chain.At(inBlock, log++, contract, time: time);
            var moves = new Dictionary<string, double>();
            foreach (var pool in new[] { BtcPool, EthPool })
            {
                var spec = Tokens.First(t => t.Pool == pool);
                var shock = (random.NextDouble() - 0.5) * 2 * spec.Sigma * Math.Sqrt(3);
                // A crash in ETH in the middle of the history drives its pool below the floor for a while.
                if (pool == EthPool && h == hours / 2) shock = -0.25;
                moves[pool] = spec.Drift + shock;
                prices[pool] *= 1 + moves[pool];
            }
            foreach (var t in Tokens)
            {
                var s = state[t.Symbol];
                var r = t.IsLong ? moves[t.Pool] : -moves[t.Pool];
                var newNav = s.Nav * (1 + s.Lev * r);
                // Exposure moves with the underlying, equity by L times that: leverage drifts away from target.
                var lev = t.IsLong ? s.Lev * (1 + r) / (1 + s.Lev * r) : s.Lev * (1 - r) / (1 + s.Lev * r);
                s = (newNav, Math.Clamp(lev, 0.5, 10), s.LastRebalanceHour, s.Id);
                var outOfBand = s.Lev < 2.5 || s.Lev > 3.5;
                // The crash suspends the ETH pool (its log closes the hour): from then on its tokens defer the rebalances
                // they are due, the crash's own included (the BTC ones just wait).
                var crash = h == hours / 2;
                if ((outOfBand || h - s.LastRebalanceHour >= 24) && (suspended || crash) && t.Pool == EthPool)
                    deferrals.Add(new RebalanceDeferral
                    {
                        TokenAddress = t.Address, Reason = DeferralReason.PoolSuspended, Leverage = ChainRows.ToWad(s.Lev), MarkPrice = ChainRows.ToWad(prices[t.Pool]),
                    }.At(crash ? chain.At(block + 3, 1 + deferrals.Count(d => d.BlockNumber == block + 3), t.Address, time: time) : At(block, t.Address)));
                if ((outOfBand || h - s.LastRebalanceHour >= 24) && !suspended && !crash)
                {
                    var costs = s.Nav * 0.0004;
                    var draw = costs * 0.5;
                    var navAfter = s.Nav - (costs - draw);
                    var id = s.Id + 1;
                    var rebalanced = At(block, t.Address);
                    var rb = new Rebalance
                    {
                        TokenAddress = t.Address, RebalanceId = id,
                        Trigger = outOfBand ? RebalanceTrigger.LeverageOutOfBand : RebalanceTrigger.TimeFallback,
                        IsBuy = s.Lev < 3, Amount = ChainRows.ToWad(Math.Abs(s.Lev - 3) * s.Nav * 1000 / prices[t.Pool]),
                        MarkPrice = ChainRows.ToWad(prices[t.Pool]), ExecutionPrice = ChainRows.ToWad(prices[t.Pool] * 1.001),
                        LeverageBefore = ChainRows.ToWad(s.Lev), LeverageAfter = 3 * Wad, NavBefore = ChainRows.ToWad(s.Nav),
                        NavAfter = ChainRows.ToWad(navAfter), NavDelta = ChainRows.ToWad(navAfter) - ChainRows.ToWad(s.Nav),
                        SlippageCost = ChainRows.ToWad(costs * 0.8), GasCost = ChainRows.ToWad(costs * 0.2), ReserveDraw = ChainRows.ToWad(draw),
                    }.At(rebalanced);
                    rebalances.Add(rb);
                    db.RawEvents.Add(ChainRows.Raw(rebalanced, "Rebalanced",
                        [RebalancedTopic0, "0x" + id.ToString("x64"), "0x" + ((int)rb.Trigger).ToString("x64")],
                        "0x" + string.Concat(Enumerable.Range(0, 11).Select(i => (i + 1).ToString("x64")))));
                    // The pool's ReserveDrawn is emitted in the rebalance's transaction.
                    draws.Add(ChainRows.Ledger(At(block, t.Pool) with { TxHash = rb.TxHash }, LedgerEntryKind.ReserveDrawn,
                        ChainRows.ToWad(draw / prices[t.Pool]), counterparty: t.Address, rebalanceId: id, value: ChainRows.ToWad(draw * 1000)));
                    reserves[t.Pool] -= draw * 1000 / prices[t.Pool];
                    s = (navAfter, 3.0, h, id);
                }
                state[t.Symbol] = s;
                db.NavSnapshots.Add(ChainRows.Snapshot(At(block + 1, t.Address), supply: 1000 * Wad, leverage: ChainRows.ToWad(s.Lev),
                    nav: ChainRows.ToWad(s.Nav), mark: ChainRows.ToWad(prices[t.Pool])));
            }
            foreach (var pool in new[] { BtcPool, EthPool })
            {
                if (h % 24 == 0)
                {
                    reserves[pool] += 0.01 * reserves[pool];
                    db.PoolLedger.Add(ChainRows.Ledger(At(block + 2, pool), LedgerEntryKind.FeesAllocated, ChainRows.ToWad(0.01 * reserves[pool]),
                        newBalance: ChainRows.ToWad(reserves[pool])));
                }
                var supply = Tokens.Where(t => t.Pool == pool).Sum(t => state[t.Symbol].Nav * 1000);
                var value = reserves[pool] * prices[pool];
                var floor = supply * 0.1;
                db.ReserveMetrics.Add(new ReserveMetrics
                {
                    PoolAddress = pool, Hour = ChainRows.HourOf(time), ReserveBalance = ChainRows.ToWad(reserves[pool]),
                    MarkPrice = ChainRows.ToWad(prices[pool]), ReserveValue = ChainRows.ToWad(value), TokenSupplyValue = ChainRows.ToWad(supply),
                    FloorValue = ChainRows.ToWad(floor), UtilizationBps = new BigInteger(floor * 10000 / value), BufferDepth = ChainRows.ToWad(value - floor),
                }.At(At(block + 2, pool)));
                if (pool == EthPool && (h == hours / 2 || h == hours / 2 + 12))
                {
                    suspended = h == hours / 2;
                    db.SuspensionEvents.Add(new SuspensionEvent
                    {
                        PoolAddress = pool, IsSuspended = suspended, ReserveValue = ChainRows.ToWad(value), FloorValue = ChainRows.ToWad(floor),
                    }.At(chain.At(block + 3, 0, pool, time: time)));
                }
            }
        }
        // Two logs of the last hour that did not decode: an unknown event at a pool, a Rebalanced with cut-off data at a token.
        var lastHour = genesis.AddHours(hours);
        DecodeFailure[] failures =
        [
            new DecodeFailure { Topics = ["0x" + string.Concat(Enumerable.Repeat("ab", 32))], Data = "0x", Error = "unknown topic0 0xabab(...)" }
                .At(chain.At(block + 3, 5, BtcPool, time: lastHour)),
            new DecodeFailure { Topics = [RebalancedTopic0, "0x" + 1.ToString("x64"), "0x" + 0.ToString("x64")], Data = "0x1234",
                Error = "Rebalanced did not decode: 2 data bytes, 352 expected" }.At(chain.At(block + 3, 6, Tokens[0].Address, time: lastHour)),
        ];
        db.DecodeFailures.AddRange(failures);
        var huge = rebalances[0];
        huge.Amount = Protocol.Wad.Uint256Max;
        db.Rebalances.AddRange(rebalances);
        db.RebalanceDeferrals.AddRange(deferrals);
        db.PoolLedger.AddRange(draws);
        db.IndexerStates.Add(new IndexerState
        {
            ChainId = ChainRows.ChainId, IndexedBlock = block + 3, IndexedBlockHash = ChainRows.BlockHash(block + 3), HeadBlock = block + 5,
            Confirmations = 2, EventsPerSecond = 120.5, ReorgCount = 1,
            UpdatedAt = freshIndexer ? DateTime.UtcNow : DateTime.UtcNow.AddHours(-3),
        });
        db.IndexerNodes.AddRange(Nodes);
        db.IndexerPolls.AddRange(Enumerable.Range(-1, PollCount + 1).Select(Poll));
        await db.SaveChangesAsync();
        return new Seeded(hours, rebalances, huge, block + 3, genesis.AddHours(hours), failures, deferrals, draws);
    }
}
