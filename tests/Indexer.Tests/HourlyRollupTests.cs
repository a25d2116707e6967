using System.Numerics;
using LeveragedTokens.Data;
using LeveragedTokens.Data.Entities;
using LeveragedTokens.Indexer.Jobs;
using LeveragedTokens.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace LeveragedTokens.Indexer.Tests;

/// <summary>
/// The hourly roll-ups against rows seeded straight into a migrated database, checked against
/// BigInteger sums computed here from the same rows.
/// </summary>
public sealed class HourlyRollupTests : IAsyncLifetime
{
    private const long Chain = 31337;
    private const int BlocksPerHour = 300; // 12 s blocks
    private static readonly DateTime Genesis = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    // Upper half of uint256, plus low bits a double would drop: only exact numerics sum these right.
    private static readonly BigInteger Huge = BigInteger.Pow(2, 255);
    private static readonly string[] Tokens = ["0x00000000000000000000000000000000000000a1", "0x00000000000000000000000000000000000000a2"];
    private static readonly string[] Pools = ["0x00000000000000000000000000000000000000b1", "0x00000000000000000000000000000000000000b2"];

    private readonly Random random = new(4242);
    private readonly List<Rebalance> rebalances = [];
    private readonly List<NavSnapshot> snapshots = [];
    private readonly List<PoolLedgerEntry> ledger = [];
    private readonly Dictionary<long, int> nextLogIndex = [];
    private PostgresDatabase db = null!;
    private NpgsqlDataSource dataSource = null!;
    private HourlyRollupJob job = null!;

    public async Task InitializeAsync()
    {
        db = await PostgresDatabase.CreateAsync("rollup");
        await using (var context = Context())
        {
            await context.Database.MigrateAsync();
            context.IndexerStates.Add(new IndexerState { ChainId = Chain });
            await context.SaveChangesAsync();
        }
        // A session zone with a half-hour offset: hours must still be UTC hours.
        dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(db.ConnectionString) { Timezone = "Asia/Kolkata" }.ConnectionString);
        job = new HourlyRollupJob(dataSource, NullLogger<HourlyRollupJob>.Instance);
    }

    public async Task DisposeAsync()
    {
        await dataSource.DisposeAsync();
        await db.DisposeAsync();
    }

    [Fact]
    public async Task EveryHourEqualsAnIndependentExactSumOfItsRows()
    {
        await SeedAsync(0, 10 * BlocksPerHour - 1);

        var result = await job.RunAsync(CancellationToken.None);

        await AssertRollupsMatchSeededRowsAsync();
        Assert.Equal(0, result.Removed);
        Assert.True(result.Written > 20);
        Assert.Contains(ExpectedTokenHours(), h => h.NavDelta < -2 * Huge && h.ReserveDraw > 2 * Huge);
    }

    [Fact]
    public async Task RunningTheJobAgainRewritesNothing()
    {
        await SeedAsync(0, 10 * BlocksPerHour - 1);
        await job.RunAsync(CancellationToken.None);
        var before = await StoredRowsWithVersionsAsync();

        var again = await job.RunAsync(CancellationToken.None);

        Assert.Equal(new HourlyRollupJob.Result(0, 0), again);
        Assert.Equal(before, await StoredRowsWithVersionsAsync());
    }

    [Fact]
    public async Task AReorgThatDeletesRowsRemovesTheEmptiedHoursAndUpdatesThePartlyEmptiedOne()
    {
        await SeedAsync(0, 10 * BlocksPerHour - 1);
        await job.RunAsync(CancellationToken.None);
        var hoursBefore = StoredHourKeys();

        // What ReorgRewinder does: everything above the common ancestor goes, here mid-hour 7.
        var ancestor = 7L * BlocksPerHour + BlocksPerHour / 2;
        foreach (var table in new[] { "rebalances", "nav_snapshots", "pool_ledger" })
            await ExecuteAsync($"DELETE FROM {table} WHERE chain_id = {Chain} AND block_number > {ancestor}");
        rebalances.RemoveAll(r => r.BlockNumber > ancestor);
        snapshots.RemoveAll(s => s.BlockNumber > ancestor);
        ledger.RemoveAll(e => e.BlockNumber > ancestor);

        var result = await job.RunAsync(CancellationToken.None);

        await AssertRollupsMatchSeededRowsAsync();
        Assert.Equal(hoursBefore.Except(StoredHourKeys()).Count(), result.Removed);
        Assert.True(result.Removed >= 2 * 2); // hours 8 and 9 of the first token and pool at least
        Assert.True(result.Written > 0);
        var lastHour = Genesis.AddHours(7);
        Assert.Equal(lastHour, await ScalarAsync<DateTime>("SELECT max(hour) FROM token_hourly"));
        Assert.Equal(lastHour, await ScalarAsync<DateTime>("SELECT max(hour) FROM pool_hourly"));
    }

    [Fact]
    public async Task RowsIndexedAfterARunAreRolledUpByTheNextOneIncludingTheHourThatWasOpen()
    {
        var openHourMiddle = 4L * BlocksPerHour + BlocksPerHour / 2;
        await SeedAsync(0, openHourMiddle);
        await job.RunAsync(CancellationToken.None);
        await AssertRollupsMatchSeededRowsAsync();

        await SeedAsync(openHourMiddle + 1, 200 * BlocksPerHour - 1);
        await job.RunAsync(CancellationToken.None);

        await AssertRollupsMatchSeededRowsAsync();
    }

    [Fact]
    public async Task HoursOlderThanTheSafetyWindowBeforeTheLatestRolledUpHourAreLeftAlone()
    {
        await SeedAsync(0, 100 * BlocksPerHour - 1);
        await job.RunAsync(CancellationToken.None);
        var latest = Genesis.AddHours(99);
        var oldest = (long)(latest - HourlyRollupJob.SafetyWindow - Genesis).TotalHours;

        string CountAt(long hour) => $"SELECT count(*) FROM pool_hourly WHERE hour = '{Genesis.AddHours(hour):O}'";
        var beyondWindow = await ScalarAsync<long>(CountAt(oldest - 1));
        var inWindow = await ScalarAsync<long>(CountAt(oldest));

        // Only a deep rewrite of history could change these; the job trusts hours that old.
        foreach (var hour in new[] { oldest - 1, oldest })
            await ExecuteAsync($"DELETE FROM pool_ledger WHERE block_number BETWEEN {hour * BlocksPerHour} AND {(hour + 1) * BlocksPerHour - 1}");
        var result = await job.RunAsync(CancellationToken.None);

        Assert.True(beyondWindow > 0 && inWindow > 0);
        Assert.Equal(inWindow, result.Removed);
        Assert.Equal(0, await ScalarAsync<long>(CountAt(oldest)));
        Assert.Equal(beyondWindow, await ScalarAsync<long>(CountAt(oldest - 1)));
    }

    private sealed record TokenHour(string Token, DateTime Hour, BigInteger Nav, BigInteger Leverage, long CloseBlock, int CloseLog,
        int Rebalances, BigInteger NavDelta, BigInteger SlippageCost, BigInteger GasCost, BigInteger ReserveDraw);

    private sealed record PoolHour(string Pool, DateTime Hour, BigInteger DrawnAmount, BigInteger DrawnValue, BigInteger Fees,
        BigInteger Injected, int Entries);

    private async Task AssertRollupsMatchSeededRowsAsync()
    {
        await using var context = Context();
        var tokenHours = await context.TokenHours.AsNoTracking().OrderBy(h => h.TokenAddress).ThenBy(h => h.Hour).ToListAsync();
        var poolHours = await context.PoolHours.AsNoTracking().OrderBy(h => h.PoolAddress).ThenBy(h => h.Hour).ToListAsync();
        Assert.All(tokenHours, h => Assert.Equal(Chain, h.ChainId));
        Assert.All(poolHours, h => Assert.Equal(Chain, h.ChainId));
        Assert.Equal(ExpectedTokenHours(), tokenHours.Select(h => new TokenHour(h.TokenAddress, h.Hour, h.Nav, h.Leverage,
            h.CloseBlockNumber, h.CloseLogIndex, h.RebalanceCount, h.NavDelta, h.SlippageCost, h.GasCost, h.ReserveDraw)).ToList());
        Assert.Equal(ExpectedPoolHours(), poolHours.Select(h => new PoolHour(h.PoolAddress, h.Hour, h.ReserveDrawnAmount,
            h.ReserveDrawnValue, h.FeesAllocated, h.CapitalInjected, h.EntryCount)).ToList());
    }

    private List<TokenHour> ExpectedTokenHours() =>
        rebalances.Select(r => (r.TokenAddress, r.BlockTime, r.BlockNumber, r.LogIndex, Nav: r.NavAfter, Leverage: r.LeverageAfter, Rebalance: (Rebalance?)r))
            .Concat(snapshots.Select(s => (s.TokenAddress, s.BlockTime, s.BlockNumber, s.LogIndex, s.Nav, s.Leverage, Rebalance: (Rebalance?)null)))
            .GroupBy(o => (o.TokenAddress, Hour: HourOf(o.BlockTime)))
            .OrderBy(g => g.Key.TokenAddress, StringComparer.Ordinal).ThenBy(g => g.Key.Hour)
            .Select(g =>
            {
                var close = g.MaxBy(o => (o.BlockNumber, o.LogIndex));
                var hourRebalances = g.Where(o => o.Rebalance is not null).Select(o => o.Rebalance!).ToList();
                return new TokenHour(g.Key.TokenAddress, g.Key.Hour, close.Nav, close.Leverage, close.BlockNumber, close.LogIndex,
                    hourRebalances.Count, Sum(hourRebalances, r => r.NavDelta), Sum(hourRebalances, r => r.SlippageCost),
                    Sum(hourRebalances, r => r.GasCost), Sum(hourRebalances, r => r.ReserveDraw));
            })
            .ToList();

    private List<PoolHour> ExpectedPoolHours() =>
        ledger.GroupBy(e => (e.PoolAddress, Hour: HourOf(e.BlockTime)))
            .OrderBy(g => g.Key.PoolAddress, StringComparer.Ordinal).ThenBy(g => g.Key.Hour)
            .Select(g =>
            {
                List<PoolLedgerEntry> Of(LedgerEntryKind kind) => g.Where(e => e.Kind == kind).ToList();
                return new PoolHour(g.Key.PoolAddress, g.Key.Hour, Sum(Of(LedgerEntryKind.ReserveDrawn), e => e.Amount),
                    Sum(Of(LedgerEntryKind.ReserveDrawn), e => e.Value!.Value), Sum(Of(LedgerEntryKind.FeesAllocated), e => e.Amount),
                    Sum(Of(LedgerEntryKind.CapitalInjected), e => e.Amount), g.Count());
            })
            .ToList();

    private HashSet<(string, DateTime)> StoredHourKeys() =>
        ExpectedTokenHours().Select(h => (h.Token, h.Hour)).Concat(ExpectedPoolHours().Select(h => (h.Pool, h.Hour))).ToHashSet();

    private static BigInteger Sum<T>(IEnumerable<T> rows, Func<T, BigInteger> value) => rows.Aggregate(BigInteger.Zero, (s, r) => s + value(r));

    private static DateTime HourOf(DateTime time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerHour, DateTimeKind.Utc);

    /// <summary>
    /// Random rows in blocks from..to, plus fixed ones that pin the rules: the last block of every
    /// hour holds a rebalance and then a snapshot of the first token (the snapshot closes the hour),
    /// and the first block of every hour, exactly on the hour, a ledger entry of the first pool.
    /// </summary>
    private async Task SeedAsync(long from, long to)
    {
        await using var context = Context();
        for (var block = from; block <= to; block++)
        {
            foreach (var token in Tokens)
            {
                if (random.NextDouble() < 0.008 || (token == Tokens[0] && block % BlocksPerHour == BlocksPerHour - 1))
                    context.Add(Track(rebalances, NewRebalance(block, token)));
                if (random.NextDouble() < 0.004 || (token == Tokens[0] && block % BlocksPerHour == BlocksPerHour - 1))
                    context.Add(Track(snapshots, NewSnapshot(block, token)));
            }
            foreach (var pool in Pools)
                if (random.NextDouble() < 0.012 || (pool == Pools[0] && block % BlocksPerHour == 0))
                    context.Add(Track(ledger, NewLedgerEntry(block, pool)));
        }
        await context.SaveChangesAsync();
    }

    private static T Track<T>(List<T> list, T row)
    {
        list.Add(row);
        return row;
    }

    private BigInteger Big() => Huge + random.NextInt64();

    private Rebalance NewRebalance(long block, string token) => Log(new Rebalance
    {
        ChainId = Chain, BlockNumber = block, LogIndex = 0, BlockHash = "", TxHash = "", BlockTime = default, ContractAddress = token,
        TokenAddress = token, RebalanceId = rebalances.Count, Trigger = RebalanceTrigger.LeverageOutOfBand, IsBuy = random.Next(2) == 0,
        Amount = Big(), MarkPrice = Big(), ExecutionPrice = Big(), LeverageBefore = Big(), LeverageAfter = Big(),
        NavBefore = Big(), NavAfter = Big(), NavDelta = -Big(), SlippageCost = Big(), GasCost = Big(), ReserveDraw = Big(),
    });

    private NavSnapshot NewSnapshot(long block, string token) => Log(new NavSnapshot
    {
        ChainId = Chain, BlockNumber = block, LogIndex = 0, BlockHash = "", TxHash = "", BlockTime = default, ContractAddress = token,
        TokenAddress = token, Hour = block / BlocksPerHour, Nav = Big(), Leverage = Big(), MarkPrice = Big(), TotalSupply = Big(),
    });

    private PoolLedgerEntry NewLedgerEntry(long block, string pool)
    {
        var kind = (LedgerEntryKind)random.Next(3);
        return Log(new PoolLedgerEntry
        {
            ChainId = Chain, BlockNumber = block, LogIndex = 0, BlockHash = "", TxHash = "", BlockTime = default, ContractAddress = pool,
            PoolAddress = pool, Kind = kind, Amount = Big(), Value = kind == LedgerEntryKind.ReserveDrawn ? Big() : null,
        });
    }

    /// <summary>Places a row at the next log index of its block, at the block's time.</summary>
    private T Log<T>(T row) where T : ChainLogRow
    {
        row.LogIndex = nextLogIndex.GetValueOrDefault(row.BlockNumber);
        nextLogIndex[row.BlockNumber] = row.LogIndex + 1;
        row.BlockTime = Genesis.AddSeconds(12 * row.BlockNumber);
        row.BlockHash = $"0x{row.BlockNumber:x64}";
        row.TxHash = $"0x{row.BlockNumber:x60}{row.LogIndex:x4}";
        return row;
    }

    /// <summary>Both roll-up tables with each row's version (xmin): equal only if no row was rewritten.</summary>
    private async Task<List<string>> StoredRowsWithVersionsAsync()
    {
        var rows = new List<string>();
        await using var conn = await dataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(
            """
            SELECT t.xmin::text || ' ' || row_to_json(t)::text FROM token_hourly t
            UNION ALL SELECT p.xmin::text || ' ' || row_to_json(p)::text FROM pool_hourly p
            ORDER BY 1
            """, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        Assert.NotEmpty(rows);
        return rows;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    private DashboardDbContext Context()
    {
        var options = new DbContextOptionsBuilder<DashboardDbContext>();
        options.UseDashboardDatabase(db.ConnectionString);
        return new DashboardDbContext(options.Options);
    }
}
