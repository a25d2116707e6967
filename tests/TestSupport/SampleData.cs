using System.Numerics;
using LeveragedTokens.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LeveragedTokens.TestSupport;

/// <summary>
/// A small, deterministic market history written straight into the tables the indexer owns:
/// two pools (BTC, ETH), four 3x tokens, hourly NAV and reserve metrics, rebalances with raw
/// logs, a suspension period and a fresh indexer checkpoint. Shared by the API, page and
/// Playwright, operations and bench runs.
/// </summary>
public static class SampleData
{
    public const long ChainId = 31337;
    public static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly BigInteger Wad = BigInteger.Pow(10, 18);
    public static readonly BigInteger Uint256Max = BigInteger.Pow(2, 256) - 1;
    public const string RebalancedTopic0 = "0x5c2f1b3a0e6d7c8b9a0f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6e5f4a3";

    public static string Address(int n) => "0x" + n.ToString("x40");
    public static string Hash(int kind, long n) => "0x" + kind.ToString("x2") + n.ToString("x62");

    public static readonly string BtcPool = Address(0xb0), EthPool = Address(0xe0);

    public sealed record TokenSpec(string Symbol, string Address, string Pool, bool IsLong, double Sigma, double Drift);

    public static readonly TokenSpec[] Tokens =
    [
        new("BTC3L", Address(0xb1), BtcPool, true, 0.008, 0.0002),
        new("BTC3S", Address(0xb2), BtcPool, false, 0.008, 0.0002),
        new("ETH3L", Address(0xe1), EthPool, true, 0.012, -0.0001),
        new("ETH3S", Address(0xe2), EthPool, false, 0.012, -0.0001),
    ];

    /// <summary>What the seed wrote, for assertions.</summary>
    public sealed record Seeded(int Hours, IReadOnlyList<Rebalance> Rebalances, Rebalance HugeAmount, long LastBlock, DateTime LastTime);

    public static async Task<Seeded> SeedAsync(string connectionString, int hours = 24 * 30, bool freshIndexer = true)
    {
        await using var db = TestDatabases.Dashboard(connectionString);
        await db.Database.MigrateAsync();
        var random = new Random(42);
        db.ReservePools.AddRange(
            Pool(BtcPool, "BTC", 1, 0), Pool(EthPool, "ETH", 1, 1));
        foreach (var (t, i) in Tokens.Select((t, i) => (t, i)))
            db.Tokens.Add(new LeveragedToken
            {
                ChainId = ChainId, BlockNumber = 2, LogIndex = i, BlockHash = Hash(1, 2), TxHash = Hash(2, 100 + i), BlockTime = Start,
                ContractAddress = Address(0xaa), Address = t.Address, PoolAddress = t.Pool, Symbol = t.Symbol, IsLong = t.IsLong,
                TargetLeverage = 3 * Wad, MinLeverage = 25 * Wad / 10, MaxLeverage = 35 * Wad / 10, FallbackIntervalSeconds = 86400,
            });

        var prices = new Dictionary<string, double> { [BtcPool] = 60000, [EthPool] = 3000 };
        var state = Tokens.ToDictionary(t => t.Symbol, _ => (Nav: 100.0, Lev: 3.0, LastRebalanceHour: 0, Id: 0L));
        var reserves = new Dictionary<string, double> { [BtcPool] = 4.0, [EthPool] = 8.0 };
        var rebalances = new List<Rebalance>();
        var suspended = false;
        long block = 10;
        for (var h = 1; h <= hours; h++)
        {
            block += 10;
            var time = Start.AddHours(h);
            var hourNumber = (long)(time - DateTime.UnixEpoch).TotalHours;
            var log = 0;
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
                if ((outOfBand || h - s.LastRebalanceHour >= 24) && !suspended)
                {
                    var costs = s.Nav * 0.0004;
                    var draw = costs * 0.5;
                    var navAfter = s.Nav - (costs - draw);
                    var id = s.Id + 1;
                    var rb = new Rebalance
                    {
                        ChainId = ChainId, BlockNumber = block, LogIndex = log++, BlockHash = Hash(1, block), TxHash = Hash(3, block * 10 + log),
                        BlockTime = time, ContractAddress = t.Address, TokenAddress = t.Address, RebalanceId = id,
                        Trigger = outOfBand ? RebalanceTrigger.LeverageOutOfBand : RebalanceTrigger.TimeFallback,
                        IsBuy = s.Lev < 3, Amount = ToWad(Math.Abs(s.Lev - 3) * s.Nav * 1000 / prices[t.Pool]),
                        MarkPrice = ToWad(prices[t.Pool]), ExecutionPrice = ToWad(prices[t.Pool] * 1.001),
                        LeverageBefore = ToWad(s.Lev), LeverageAfter = 3 * Wad, NavBefore = ToWad(s.Nav), NavAfter = ToWad(navAfter),
                        NavDelta = ToWad(navAfter) - ToWad(s.Nav), SlippageCost = ToWad(costs * 0.8), GasCost = ToWad(costs * 0.2), ReserveDraw = ToWad(draw),
                    };
                    rebalances.Add(rb);
                    db.RawEvents.Add(new RawEvent
                    {
                        ChainId = ChainId, BlockNumber = block, LogIndex = rb.LogIndex, BlockHash = rb.BlockHash, TxHash = rb.TxHash, BlockTime = time,
                        ContractAddress = t.Address, TxIndex = 0, EventName = "Rebalanced",
                        Topics = [RebalancedTopic0, "0x" + id.ToString("x64"), "0x" + ((int)rb.Trigger).ToString("x64")],
                        Data = "0x" + string.Concat(Enumerable.Range(0, 11).Select(i => (i + 1).ToString("x64"))),
                    });
                    db.PoolLedger.Add(new PoolLedgerEntry
                    {
                        ChainId = ChainId, BlockNumber = block, LogIndex = log++, BlockHash = rb.BlockHash, TxHash = rb.TxHash, BlockTime = time,
                        ContractAddress = t.Pool, PoolAddress = t.Pool, Kind = LedgerEntryKind.ReserveDrawn, Amount = ToWad(draw / prices[t.Pool]),
                        Value = ToWad(draw * 1000), Counterparty = t.Address, RebalanceId = id,
                    });
                    reserves[t.Pool] -= draw * 1000 / prices[t.Pool];
                    s = (navAfter, 3.0, h, id);
                }
                state[t.Symbol] = s;
                db.NavSnapshots.Add(new NavSnapshot
                {
                    ChainId = ChainId, BlockNumber = block + 1, LogIndex = log++, BlockHash = Hash(1, block + 1), TxHash = Hash(4, block * 10 + log),
                    BlockTime = time, ContractAddress = t.Address, TokenAddress = t.Address, Hour = hourNumber,
                    Nav = ToWad(s.Nav), Leverage = ToWad(s.Lev), MarkPrice = ToWad(prices[t.Pool]), TotalSupply = 1000 * Wad,
                });
            }
            foreach (var pool in new[] { BtcPool, EthPool })
            {
                if (h % 24 == 0)
                {
                    reserves[pool] += 0.01 * reserves[pool];
                    db.PoolLedger.Add(new PoolLedgerEntry
                    {
                        ChainId = ChainId, BlockNumber = block + 2, LogIndex = log++, BlockHash = Hash(1, block + 2), TxHash = Hash(5, block * 10 + log),
                        BlockTime = time, ContractAddress = pool, PoolAddress = pool, Kind = LedgerEntryKind.FeesAllocated,
                        Amount = ToWad(0.01 * reserves[pool]), NewBalance = ToWad(reserves[pool]),
                    });
                }
                var supply = Tokens.Where(t => t.Pool == pool).Sum(t => state[t.Symbol].Nav * 1000);
                var value = reserves[pool] * prices[pool];
                var floor = supply * 0.1;
                db.ReserveMetrics.Add(new ReserveMetrics
                {
                    ChainId = ChainId, BlockNumber = block + 2, LogIndex = log++, BlockHash = Hash(1, block + 2), TxHash = Hash(6, block * 10 + log),
                    BlockTime = time, ContractAddress = pool, PoolAddress = pool, Hour = hourNumber, ReserveBalance = ToWad(reserves[pool]),
                    MarkPrice = ToWad(prices[pool]), ReserveValue = ToWad(value), TokenSupplyValue = ToWad(supply), FloorValue = ToWad(floor),
                    UtilizationBps = new BigInteger(floor * 10000 / value), BufferDepth = ToWad(value - floor),
                });
                if (pool == EthPool && (h == hours / 2 || h == hours / 2 + 12))
                {
                    suspended = h == hours / 2;
                    db.SuspensionEvents.Add(new SuspensionEvent
                    {
                        ChainId = ChainId, BlockNumber = block + 3, LogIndex = 0, BlockHash = Hash(1, block + 3), TxHash = Hash(7, block),
                        BlockTime = time, ContractAddress = pool, PoolAddress = pool, IsSuspended = suspended,
                        ReserveValue = ToWad(value), FloorValue = ToWad(floor),
                    });
                }
            }
        }
        var huge = rebalances[0];
        huge.Amount = Uint256Max;
        db.Rebalances.AddRange(rebalances);
        db.IndexerStates.Add(new IndexerState
        {
            ChainId = ChainId, IndexedBlock = block + 3, IndexedBlockHash = Hash(1, block + 3), HeadBlock = block + 5, Confirmations = 2,
            EventsPerSecond = 120.5, ReorgCount = 1, UpdatedAt = freshIndexer ? DateTime.UtcNow : DateTime.UtcNow.AddHours(-3),
        });
        await db.SaveChangesAsync();
        return new Seeded(hours, rebalances, huge, block + 3, Start.AddHours(hours));
    }

    private static ReservePool Pool(string address, string underlying, long blockNumber, int logIndex) => new()
    {
        ChainId = ChainId, BlockNumber = blockNumber, LogIndex = logIndex, BlockHash = Hash(1, blockNumber), TxHash = Hash(2, logIndex),
        BlockTime = Start, ContractAddress = Address(0xaa), Address = address, Underlying = underlying, FloorBps = 1000,
    };

    public static BigInteger ToWad(double value) => new BigInteger(Math.Round(value * 1e9)) * BigInteger.Pow(10, 9);
}
