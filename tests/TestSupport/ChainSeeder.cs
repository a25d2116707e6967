using System.Numerics;
using LeveragedTokens.Data;
using LeveragedTokens.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LeveragedTokens.TestSupport;

/// <summary>Writes chain rows straight into a fresh database, as the indexer would: one pool, one 3x token.</summary>
public sealed class ChainSeeder(IDbContextFactory<DashboardDbContext> factory)
{
    public const long ChainId = 31337;
    public const string Pool = "0x00000000000000000000000000000000000000a1";
    public const string Token = "0x00000000000000000000000000000000000000b1";
    public const long BlocksPerHour = 300;
    public static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly BigInteger Wad = BigInteger.Pow(10, 18);

    private int _logIndex;

    /// <summary>12-second blocks from T0: block 300 is one hour in.</summary>
    public static DateTime TimeOf(long block) => T0.AddSeconds(block * 12);

    public static string TxOf(long block) => "0x" + block.ToString("x64");

    public static BigInteger Leverage(double x) => new BigInteger(x * 1_000_000) * BigInteger.Pow(10, 12);

    public Task RegisterAsync() => AddAsync(db =>
    {
        db.ReservePools.Add(Row(new ReservePool { Address = Pool, Underlying = "BTC", FloorBps = 1000, ChainId = 0, BlockNumber = 0, LogIndex = 0, BlockHash = "", TxHash = "", BlockTime = default, ContractAddress = "" }, 1));
        db.Tokens.Add(Row(new LeveragedToken
        {
            Address = Token, PoolAddress = Pool, Symbol = "BTC3L", IsLong = true, TargetLeverage = Leverage(3), MinLeverage = Leverage(2.5),
            MaxLeverage = Leverage(3.5), FallbackIntervalSeconds = 86_400,
            ChainId = 0, BlockNumber = 0, LogIndex = 0, BlockHash = "", TxHash = "", BlockTime = default, ContractAddress = "",
        }, 2));
    });

    /// <summary>A ReserveMetrics row with the given utilization; buffer depth defaults to a comfortable 1M USD.</summary>
    public Task MetricsAsync(long block, long utilizationBps, BigInteger? bufferDepth = null) => AddAsync(db => db.ReserveMetrics.Add(Row(new ReserveMetrics
    {
        PoolAddress = Pool, Hour = TimeOfHour(block), ReserveBalance = 100 * Wad, MarkPrice = 50_000 * Wad, ReserveValue = 5_000_000 * Wad,
        TokenSupplyValue = 50_000_000 * Wad, FloorValue = 5_000_000 * Wad * utilizationBps / 10_000, UtilizationBps = utilizationBps,
        BufferDepth = bufferDepth ?? 1_000_000 * Wad,
        ChainId = 0, BlockNumber = 0, LogIndex = 0, BlockHash = "", TxHash = "", BlockTime = default, ContractAddress = "",
    }, block)));

    public Task SuspensionAsync(long block, bool suspended) => AddAsync(db => db.SuspensionEvents.Add(Row(new SuspensionEvent
    {
        PoolAddress = Pool, IsSuspended = suspended, ReserveValue = 4_900_000 * Wad, FloorValue = 5_000_000 * Wad,
        ChainId = 0, BlockNumber = 0, LogIndex = 0, BlockHash = "", TxHash = "", BlockTime = default, ContractAddress = "",
    }, block)));

    public Task SnapshotAsync(long block, double leverage) => AddAsync(db => db.NavSnapshots.Add(Row(new NavSnapshot
    {
        TokenAddress = Token, Hour = TimeOfHour(block), Nav = Wad, Leverage = Leverage(leverage), MarkPrice = 50_000 * Wad, TotalSupply = 1000 * Wad,
        ChainId = 0, BlockNumber = 0, LogIndex = 0, BlockHash = "", TxHash = "", BlockTime = default, ContractAddress = "",
    }, block)));

    public Task RebalanceAsync(long block, double leverageAfter = 3, BigInteger? reserveDraw = null) => AddAsync(db =>
    {
        db.Rebalances.Add(Row(new Rebalance
        {
            TokenAddress = Token, RebalanceId = block, Trigger = RebalanceTrigger.LeverageOutOfBand, IsBuy = true, Amount = Wad, MarkPrice = 50_000 * Wad,
            ExecutionPrice = 50_010 * Wad, LeverageBefore = Leverage(3.6), LeverageAfter = Leverage(leverageAfter), NavBefore = Wad, NavAfter = Wad,
            NavDelta = 0, SlippageCost = 10 * Wad, GasCost = Wad, ReserveDraw = reserveDraw ?? 0,
            ChainId = 0, BlockNumber = 0, LogIndex = 0, BlockHash = "", TxHash = "", BlockTime = default, ContractAddress = "",
        }, block));
        if (reserveDraw is { } draw)
        {
            db.PoolLedger.Add(Row(new PoolLedgerEntry
            {
                PoolAddress = Pool, Kind = LedgerEntryKind.ReserveDrawn, Amount = draw / 50_000, Value = draw, Counterparty = Token, RebalanceId = block,
                ChainId = 0, BlockNumber = 0, LogIndex = 0, BlockHash = "", TxHash = "", BlockTime = default, ContractAddress = "",
            }, block));
        }
    });

    public Task DeferralAsync(long block, double leverage) => AddAsync(db => db.RebalanceDeferrals.Add(Row(new RebalanceDeferral
    {
        TokenAddress = Token, Reason = DeferralReason.PoolSuspended, Leverage = Leverage(leverage), MarkPrice = 50_000 * Wad,
        ChainId = 0, BlockNumber = 0, LogIndex = 0, BlockHash = "", TxHash = "", BlockTime = default, ContractAddress = "",
    }, block)));

    public Task DecodeFailureAsync(long block) => AddAsync(db => db.DecodeFailures.Add(Row(new DecodeFailure
    {
        Topics = ["0xdeadbeef"], Data = "0x", Error = "unknown event signature",
        ChainId = 0, BlockNumber = 0, LogIndex = 0, BlockHash = "", TxHash = "", BlockTime = default, ContractAddress = "",
    }, block)));

    /// <summary>Moves the indexer's checkpoint (and head) to a block, with the header's time.</summary>
    public async Task IndexedUpToAsync(long block, long? head = null, DateTime? updatedAt = null)
    {
        await using var db = await factory.CreateDbContextAsync();
        var state = await db.IndexerStates.FindAsync(ChainId);
        if (state is null) db.IndexerStates.Add(state = new IndexerState { ChainId = ChainId });
        state.IndexedBlock = block;
        state.HeadBlock = head ?? block;
        state.UpdatedAt = updatedAt ?? DateTime.UtcNow;
        if (await db.IndexedBlocks.FindAsync(ChainId, block) is null)
            db.IndexedBlocks.Add(new IndexedBlock { ChainId = ChainId, Number = block, Hash = TxOf(block), ParentHash = TxOf(block - 1), Timestamp = TimeOf(block) });
        await db.SaveChangesAsync();
    }

    private static long TimeOfHour(long block) => new DateTimeOffset(TimeOf(block)).ToUnixTimeSeconds() / 3600;

    private T Row<T>(T row, long block) where T : ChainLogRow
    {
        row.ChainId = ChainId;
        row.BlockNumber = block;
        row.LogIndex = Interlocked.Increment(ref _logIndex);
        row.BlockHash = TxOf(block);
        row.TxHash = TxOf(block);
        row.BlockTime = TimeOf(block);
        row.ContractAddress = row switch
        {
            NavSnapshot or Rebalance or RebalanceDeferral => Token,
            ReservePool or LeveragedToken => "0x00000000000000000000000000000000000000c1",
            _ => Pool,
        };
        return row;
    }

    private async Task AddAsync(Action<DashboardDbContext> add)
    {
        await using var db = await factory.CreateDbContextAsync();
        add(db);
        await db.SaveChangesAsync();
    }
}
