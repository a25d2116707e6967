using System.Numerics;
using LeveragedTokens.Data.Entities;
using LeveragedTokens.TestSupport;
using Npgsql;

namespace LeveragedTokens.Web.Bench;

/// <summary>
/// Synthetic history bulk-loaded with the indexer's binary COPY (<see cref="ChainRowCopy"/>): <see cref="Pools"/> pools
/// with two tokens each, hourly NAV and reserve metrics for <see cref="Hours"/> hours, <see cref="RebalanceCount"/>
/// rebalances (each with its reserve draw), raw logs for the first token's rebalances.
/// </summary>
public sealed class BulkLoad(string connectionString, int rebalanceCount, int pools = 10, int hours = 24 * 730)
{
    public const long ChainId = ChainRows.ChainId;
    public const int BlocksPerHour = 300;
    // Two years of 12-second blocks ending on the day the bench was first run.
    private static readonly ChainRows Chain = new(12, new DateTime(2024, 11, 26, 0, 0, 0, DateTimeKind.Utc));
    public static DateTime Start => Chain.Start;

    public int Pools => pools;
    public int Hours => hours;
    public int RebalanceCount => rebalanceCount;
    public int TokenCount => pools * 2;
    public static string PoolAddress(int p) => ChainRows.Address(0x1000 + p);
    public static string TokenAddress(int t) => ChainRows.Address(0x2000 + t);
    public static string Symbol(int t) => $"U{t / 2}3{(t % 2 == 0 ? "L" : "S")}";
    public static string Underlying(int p) => $"U{p}";
    /// <summary>Rebalance i's transaction (its draw and raw log share it).</summary>
    public string TxHash(long i) => Origin(i, 0).TxHash;
    private static BigInteger ToWad(double v) => ChainRows.ToWad(v);

    /// <summary>Where rebalance i sits: hour, block and owner token.</summary>
    public (long Block, int Token, long Id, int Hour) RebalanceAt(long i)
    {
        var hour = (int)(i * hours / rebalanceCount);
        var firstOfHour = ((long)hour * rebalanceCount + hours - 1) / hours;
        return ((long)hour * BlocksPerHour + 3 + (i - firstOfHour), (int)(i % TokenCount), i / TokenCount + 1, hour);
    }

    public async Task LoadAsync()
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await CopyAsync(conn, Enumerable.Range(0, pools).Select(p =>
            ChainRows.ReservePool(Chain.At(0, p, ChainRows.Registry, time: Start), PoolAddress(p), Underlying(p))));
        await CopyAsync(conn, Enumerable.Range(0, TokenCount).Select(t =>
            ChainRows.LeveragedToken(Chain.At(1, t, ChainRows.Registry, time: Start), TokenAddress(t), Symbol(t), PoolAddress(t / 2), t % 2 == 0)));
        await CopyAsync(conn, Suspensions());
        await CopyAsync(conn, NavSnapshots());
        await CopyAsync(conn, Metrics());
        await CopyAsync(conn, Rebalances());
        await CopyAsync(conn, Draws());
        await CopyAsync(conn, RawLogs());
        await Exec(conn, $"INSERT INTO indexer_state (chain_id, indexed_block, head_block, confirmations, events_per_second, reorg_count, updated_at) "
            + $"VALUES ({ChainId}, {(long)hours * BlocksPerHour}, {(long)hours * BlocksPerHour + 3}, 3, 500, 0, now())");
        // What autovacuum does to insert-only tables in production (autovacuum_vacuum_insert_threshold, PG 13+):
        // sets the visibility map, without which the covering indexes still visit the heap for every row.
        // (The COPYs commit synchronously: VACUUM never marks a page all-visible for an asynchronous commit
        // whose WAL record is not flushed yet.)
        await Exec(conn, "VACUUM ANALYZE");
    }

    /// <summary>Every pool suspends half-way through the history for seven hours.</summary>
    private IEnumerable<SuspensionEvent> Suspensions()
    {
        var half = (long)hours * BlocksPerHour / 2;
        for (var p = 0; p < pools; p++)
            foreach (var (block, suspended, hour) in new[] { (half + p, true, hours / 2), (half + 2000 + p, false, hours / 2 + 7) })
                yield return new SuspensionEvent
                {
                    PoolAddress = PoolAddress(p), IsSuspended = suspended, ReserveValue = suspended ? 1 : 2, FloorValue = suspended ? 2 : 1,
                }.At(Chain.At(block, 9, PoolAddress(p), time: Start.AddHours(hour)));
    }

    private IEnumerable<NavSnapshot> NavSnapshots()
    {
        for (var h = 0; h < hours; h++)
            for (var t = 0; t < TokenCount; t++)
                yield return new NavSnapshot
                {
                    // Hour h's snapshot, emitted as the hour ends.
                    TokenAddress = TokenAddress(t), Hour = ChainRows.HourOf(Start) + h, Nav = ToWad(100 * Math.Exp(Math.Sin(h / 500.0 + t) * 0.5)),
                    Leverage = ToWad(3 + Math.Sin(h / 7.0 + t) * 0.4), MarkPrice = ToWad(1000 * Math.Exp(Math.Sin(h / 300.0 + t / 2) * 0.3)),
                    TotalSupply = ToWad(10_000),
                }.At(Chain.At((long)h * BlocksPerHour + 1, t, TokenAddress(t), time: Start.AddHours(h + 1)));
    }

    private IEnumerable<ReserveMetrics> Metrics()
    {
        const double floor = 200_000;
        for (var h = 0; h < hours; h++)
            for (var p = 0; p < pools; p++)
            {
                var value = 300_000 * (1 + 0.5 * Math.Sin(h / 900.0 + p));
                yield return new ReserveMetrics
                {
                    PoolAddress = PoolAddress(p), Hour = ChainRows.HourOf(Start) + h, ReserveBalance = ToWad(value / 1000), MarkPrice = ToWad(1000),
                    ReserveValue = ToWad(value), TokenSupplyValue = ToWad(floor * 10), FloorValue = ToWad(floor),
                    UtilizationBps = new BigInteger(floor * 10000 / value), BufferDepth = ToWad(value - floor),
                }.At(Chain.At((long)h * BlocksPerHour + 2, p, PoolAddress(p), time: Start.AddHours(h + 1)));
            }
    }

    private IEnumerable<Rebalance> Rebalances()
    {
        for (long i = 0; i < rebalanceCount; i++)
        {
            var (_, t, id, _) = RebalanceAt(i);
            var nav = 100 + (i % 97);
            var delta = -(1 + i % 1013) * 1e-5;
            yield return new Rebalance
            {
                TokenAddress = TokenAddress(t), RebalanceId = id,
                Trigger = i % 7 == 0 ? RebalanceTrigger.TimeFallback : i % 101 == 0 ? RebalanceTrigger.Manual : RebalanceTrigger.LeverageOutOfBand,
                IsBuy = i % 2 == 0, Amount = ToWad(1 + i % 13), MarkPrice = ToWad(1000), ExecutionPrice = ToWad(1000.5),
                LeverageBefore = ToWad(2.4 + (i % 3) * 0.6), LeverageAfter = ToWad(3), NavBefore = ToWad(nav), NavAfter = ToWad(nav + delta),
                NavDelta = ToWad(nav + delta) - ToWad(nav), SlippageCost = ToWad(0.02), GasCost = ToWad(0.01), ReserveDraw = ToWad(0.015),
            }.At(Origin(i, 0));
        }
    }

    private IEnumerable<PoolLedgerEntry> Draws()
    {
        for (long i = 0; i < rebalanceCount; i++)
        {
            var (_, t, id, _) = RebalanceAt(i);
            yield return ChainRows.Ledger(Origin(i, 1) with { ContractAddress = PoolAddress(t / 2) }, LedgerEntryKind.ReserveDrawn, ToWad(0.000015),
                counterparty: TokenAddress(t), rebalanceId: id, value: ToWad(0.015));
        }
    }

    private IEnumerable<RawEvent> RawLogs()
    {
        for (long i = 0; i < rebalanceCount; i += TokenCount)
        {
            var id = RebalanceAt(i).Id;
            yield return ChainRows.Raw(Origin(i, 0), "Rebalanced", ["0x" + new string('a', 64), "0x" + id.ToString("x64"), "0x" + 0.ToString("x64")],
                "0x" + new string('0', 64 * 11));
        }
    }

    /// <summary>Log <paramref name="log"/> of rebalance i's transaction (0: Rebalanced, 1: ReserveDrawn), emitted by its token.</summary>
    private LogOrigin Origin(long i, int log)
    {
        var (block, t, _, _) = RebalanceAt(i);
        return Chain.At(block, log, TokenAddress(t), tx: 0);
    }

    private static async Task CopyAsync<T>(NpgsqlConnection conn, IEnumerable<T> rows) where T : ChainLogRow =>
        Console.WriteLine($"  COPY {typeof(T).Name}: {(await ChainRowCopy.CopyAsync(conn, rows)).TotalSeconds:0.0} s");

    private static async Task Exec(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }
}
