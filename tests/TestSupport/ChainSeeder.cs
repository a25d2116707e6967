using System.Numerics;
using LeveragedTokens.Data;
using LeveragedTokens.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LeveragedTokens.TestSupport;

/// <summary>
/// Writes chain rows (<see cref="ChainRows"/>, 12-second blocks) straight into a fresh database, as the
/// indexer would: one pool, one 3x token, one log after another. Every row of a block is in its first transaction.
/// </summary>
public sealed class ChainSeeder(IDbContextFactory<DashboardDbContext> factory)
{
    public const long ChainId = ChainRows.ChainId;
    public static readonly string Pool = ChainRows.Pool;
    public static readonly string Token = ChainRows.Token;
    public const long BlocksPerHour = 300;
    public static readonly BigInteger Wad = Protocol.Wad.One;
    private static readonly ChainRows Rows = new(12);

    private int _logIndex;

    /// <summary>12-second blocks from genesis: block 300 is one hour in.</summary>
    public static DateTime TimeOf(long block) => Rows.TimeOf(block);

    public static string TxOf(long block) => ChainRows.TxHash(block);

    public static BigInteger Leverage(double x) => ChainRows.ToWad(x);

    public Task RegisterAsync() => AddAsync(db =>
    {
        db.ReservePools.Add(ChainRows.ReservePool(At(1, ChainRows.Registry), Pool));
        db.Tokens.Add(ChainRows.LeveragedToken(At(2, ChainRows.Registry), Token, "BTC3L", Pool));
    });

    /// <summary>A ReserveMetrics row with the given utilization; buffer depth defaults to a comfortable 1M USD.</summary>
    public Task MetricsAsync(long block, long utilizationBps, BigInteger? bufferDepth = null) => AddAsync(db => db.ReserveMetrics.Add(new ReserveMetrics
    {
        PoolAddress = Pool, Hour = HourOf(block), ReserveBalance = 100 * Wad, MarkPrice = 50_000 * Wad, ReserveValue = 5_000_000 * Wad,
        TokenSupplyValue = 50_000_000 * Wad, FloorValue = 5_000_000 * Wad * utilizationBps / 10_000, UtilizationBps = utilizationBps,
        BufferDepth = bufferDepth ?? 1_000_000 * Wad,
    }.At(At(block, Pool))));

    public Task SuspensionAsync(long block, bool suspended) => AddAsync(db => db.SuspensionEvents.Add(new SuspensionEvent
    {
        PoolAddress = Pool, IsSuspended = suspended, ReserveValue = 4_900_000 * Wad, FloorValue = 5_000_000 * Wad,
    }.At(At(block, Pool))));

    public Task SnapshotAsync(long block, double leverage) => AddAsync(db => db.NavSnapshots.Add(
        ChainRows.Snapshot(At(block, Token), leverage: Leverage(leverage), nav: Wad)));

    public Task RebalanceAsync(long block, double leverageAfter = 3, BigInteger? reserveDraw = null) => AddAsync(db =>
    {
        db.Rebalances.Add(ChainRows.Rebalance(At(block, Token), id: block, navBefore: Wad, slippage: 10 * Wad, gas: Wad,
            draw: reserveDraw ?? 0, leverageAfter: Leverage(leverageAfter)));
        if (reserveDraw is { } draw)
            db.PoolLedger.Add(ChainRows.Ledger(At(block, Pool), LedgerEntryKind.ReserveDrawn, draw / 50_000, counterparty: Token,
                rebalanceId: block, value: draw));
    });

    public Task DeferralAsync(long block, double leverage) => AddAsync(db => db.RebalanceDeferrals.Add(new RebalanceDeferral
    {
        TokenAddress = Token, Reason = DeferralReason.PoolSuspended, Leverage = Leverage(leverage), MarkPrice = 50_000 * Wad,
    }.At(At(block, Token))));

    public Task DecodeFailureAsync(long block) => AddAsync(db => db.DecodeFailures.Add(new DecodeFailure
    {
        Topics = ["0xdeadbeef"], Data = "0x", Error = "unknown event signature",
    }.At(At(block, Pool))));

    /// <summary>Moves the indexer's checkpoint (and head) to a block, with the header's time.</summary>
    public async Task IndexedUpToAsync(long block, long? head = null, DateTime? updatedAt = null)
    {
        await using var db = await factory.CreateDbContextAsync();
        var state = await db.IndexerStates.FindAsync(ChainId);
        if (state is null) db.IndexerStates.Add(state = new IndexerState { ChainId = ChainId });
        state.IndexedBlock = block;
        state.HeadBlock = head ?? block;
        state.UpdatedAt = updatedAt ?? DateTime.UtcNow;
        if (await db.IndexedBlocks.FindAsync(ChainId, block) is null) db.IndexedBlocks.Add(Rows.Header(block));
        await db.SaveChangesAsync();
    }

    private static long HourOf(long block) => ChainRows.HourOf(TimeOf(block));

    private LogOrigin At(long block, string contract) => Rows.At(block, Interlocked.Increment(ref _logIndex), contract, tx: 0);

    private async Task AddAsync(Action<DashboardDbContext> add)
    {
        await using var db = await factory.CreateDbContextAsync();
        add(db);
        await db.SaveChangesAsync();
    }
}
