using System.Numerics;
using LeveragedTokens.Data.Entities;

namespace LeveragedTokens.Exports.Tests.Support;

/// <summary>Hand-made rows for tests that need exact control (hostile symbols, uint256 extremes, gaps).</summary>
public static class Rows
{
    public const long Chain = 31337;
    public const string Pool = "0x00000000000000000000000000000000000000f1";
    public static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly BigInteger Wad = BigInteger.Pow(10, 18);
    public static readonly BigInteger Uint256Max = BigInteger.Pow(2, 256) - 1;
    public static readonly BigInteger Int256Min = -BigInteger.Pow(2, 255);

    public static string Address(int n) => "0x" + n.ToString("x40");
    public static string Hash(long block, int log) => "0x" + (block * 1000 + log).ToString("x64");


    public static ReservePool PoolRow(string address = Pool, string underlying = "BTC", int floorBps = 1000) => new()
    {
        ChainId = Chain, BlockNumber = 1, LogIndex = 0, BlockHash = Hash(1, 0), TxHash = Hash(1, 0), BlockTime = T0,
        ContractAddress = Address(999), Address = address, Underlying = underlying, FloorBps = floorBps,
    };

    public static LeveragedToken Token(string address, string symbol, string pool = Pool, int log = 1) => new()
    {
        ChainId = Chain, BlockNumber = 1, LogIndex = log, BlockHash = Hash(1, log), TxHash = Hash(1, log), BlockTime = T0,
        ContractAddress = Address(999), Address = address, PoolAddress = pool, Symbol = symbol, IsLong = true,
        TargetLeverage = 3 * Wad, MinLeverage = 25 * Wad / 10, MaxLeverage = 35 * Wad / 10, FallbackIntervalSeconds = 86400,
    };

    /// <summary>A rebalance that satisfies the NAV identity for the given supply.</summary>
    public static Rebalance Rebalance(string token, long id, long block, int log = 0, BigInteger? navBefore = null, BigInteger? supply = null,
        BigInteger? slippage = null, BigInteger? gas = null, BigInteger? draw = null)
    {
        var before = navBefore ?? 100 * Wad;
        var s = slippage ?? 3 * Wad;
        var g = gas ?? Wad / 2;
        var d = draw ?? Wad;
        var after = before - (s + g - d) * Wad / (supply ?? 1000 * Wad);
        return new Rebalance
        {
            ChainId = Chain, BlockNumber = block, LogIndex = log, BlockHash = Hash(block, -1), TxHash = Hash(block, log), BlockTime = T0.AddHours(block),
            ContractAddress = token, TokenAddress = token, RebalanceId = id, Trigger = RebalanceTrigger.LeverageOutOfBand, IsBuy = id % 2 == 0,
            Amount = Wad / 3, MarkPrice = 50_000 * Wad, ExecutionPrice = 50_010 * Wad, LeverageBefore = 36 * Wad / 10, LeverageAfter = 3 * Wad,
            NavBefore = before, NavAfter = after, NavDelta = after - before, SlippageCost = s, GasCost = g, ReserveDraw = d,
        };
    }

    public static NavSnapshot Snapshot(string token, long block, BigInteger supply, int log = 0) => new()
    {
        ChainId = Chain, BlockNumber = block, LogIndex = log, BlockHash = Hash(block, -1), TxHash = Hash(block, log), BlockTime = T0.AddHours(block),
        ContractAddress = token, TokenAddress = token, Hour = 100 + block, Nav = 100 * Wad, Leverage = 3 * Wad, MarkPrice = 50_000 * Wad, TotalSupply = supply,
    };

    public static PoolLedgerEntry Ledger(LedgerEntryKind kind, long block, int log, BigInteger amount, BigInteger? newBalance = null,
        string? counterparty = null, long? rebalanceId = null, BigInteger? value = null) => new()
    {
        ChainId = Chain, BlockNumber = block, LogIndex = log, BlockHash = Hash(block, -1), TxHash = Hash(block, log), BlockTime = T0.AddHours(block),
        ContractAddress = Pool, PoolAddress = Pool, Kind = kind, Amount = amount, NewBalance = newBalance, Counterparty = counterparty,
        RebalanceId = rebalanceId, Value = value,
    };

    /// <summary>A metrics row consistent with its own identities (floor 10%).</summary>
    public static ReserveMetrics Metrics(long block, int log, BigInteger balance, BigInteger? mark = null, BigInteger? supplyValue = null)
    {
        var m = mark ?? 50_000 * Wad;
        var value = balance * m / Wad;
        var supplyV = supplyValue ?? 100_000 * Wad;
        var floor = supplyV * 1000 / 10_000;
        return new ReserveMetrics
        {
            ChainId = Chain, BlockNumber = block, LogIndex = log, BlockHash = Hash(block, -1), TxHash = Hash(block, log), BlockTime = T0.AddHours(block),
            ContractAddress = Pool, PoolAddress = Pool, Hour = 100 + block, ReserveBalance = balance, MarkPrice = m, ReserveValue = value,
            TokenSupplyValue = supplyV, FloorValue = floor, UtilizationBps = value.IsZero ? Uint256Max : floor * 10_000 / value, BufferDepth = value - floor,
        };
    }

    public static IndexerState State(long head, int confirmations = 12) => new()
    {
        ChainId = Chain, IndexedBlock = head, IndexedBlockHash = Hash(head, -1), HeadBlock = head, Confirmations = confirmations,
        UpdatedAt = T0.AddDays(30),
    };
}
