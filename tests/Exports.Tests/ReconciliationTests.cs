using System.Numerics;
using LeveragedTokens.Data.Entities;
using LeveragedTokens.Exports.Reconciliation;
using LeveragedTokens.Exports.Tests.Support;
using Xunit;

namespace LeveragedTokens.Exports.Tests;

/// <summary>A hand-built, consistent pool history; each test alters one row and expects exactly that row reported.</summary>
public sealed class ReconciliationTests : IAsyncLifetime
{
    private static readonly string Token = ChainRows.Address(1);
    private static readonly BigInteger Supply = 1000 * Wad.One;
    private static readonly BigInteger Mark = 50_000 * Wad.One;
    private ExportDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await ExportDatabase.CreateAsync("rec");
        await using var db = _db.Context();
        db.ReservePools.Add(ChainRows.ReservePool(ChainRows.Registration(0), ChainRows.Pool));
        db.Tokens.Add(ChainRows.LeveragedToken(ChainRows.Registration(1), Token, "BTC3L", ChainRows.Pool));
        db.IndexerStates.Add(ChainRows.Indexed(head: 200));
        db.NavSnapshots.Add(ChainRows.Snapshot(ChainRows.Hourly.At(2, 0, Token), Supply));
        BigInteger balance = 10 * Wad.One;
        db.PoolLedger.Add(ChainRows.Ledger(ChainRows.Hourly.At(2, 1, ChainRows.Pool), LedgerEntryKind.CapitalInjected, balance, balance, counterparty: ChainRows.Address(77)));
        db.ReserveMetrics.Add(ChainRows.Metrics(ChainRows.Hourly.At(3, 0, ChainRows.Pool), balance));
        for (var id = 1; id <= 5; id++)
        {
            var block = 10L * id;
            // The pool's draw comes first in the rebalance's transaction, as on chain.
            var drawAmount = (Wad.One * Wad.One + Mark - 1) / Mark;
            db.PoolLedger.Add(ChainRows.Ledger(ChainRows.Hourly.At(block, 0, ChainRows.Pool), LedgerEntryKind.ReserveDrawn, drawAmount, counterparty: Token, rebalanceId: id, value: Wad.One) is var d
                ? WithTx(d, ChainRows.TxHash(block, 1)) : null!);
            balance -= drawAmount;
            db.Rebalances.Add(ChainRows.Rebalance(ChainRows.Hourly.At(block, 1, Token), id, navBefore: 100 * Wad.One - id, supply: Supply));
            var fee = Wad.One / 100 * id;
            balance += fee;
            db.PoolLedger.Add(ChainRows.Ledger(ChainRows.Hourly.At(block + 1, 0, ChainRows.Pool), LedgerEntryKind.FeesAllocated, fee, balance));
            db.ReserveMetrics.Add(ChainRows.Metrics(ChainRows.Hourly.At(block + 2, 0, ChainRows.Pool), balance));
        }
        await db.SaveChangesAsync();
    }

    private static PoolLedgerEntry WithTx(PoolLedgerEntry e, string tx)
    {
        e.TxHash = tx;
        return e;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<ReconciliationReport> RunAsync(long? fromBlock = null, long? toBlock = null) =>
        new PoolReconciliation(_db.DataSource, ExportDatabase.Options).RunAsync(
            new ReconciliationQuery { ChainId = ChainRows.ChainId, Pool = ChainRows.Pool, FromBlock = fromBlock, ToBlock = toBlock }, null, CancellationToken.None);

    private async Task<ReconciliationReport> TamperedAsync(string tamper, string restore)
    {
        await _db.ExecuteAsync(tamper);
        try { return await RunAsync(); }
        finally { await _db.ExecuteAsync(restore); }
    }

    /// <summary>The report while <paramref name="delta"/> is added to <paramref name="columns"/> of the rows <paramref name="where"/> picks.</summary>
    private Task<ReconciliationReport> ShiftedAsync(string table, string where, int delta, params string[] columns) =>
        TamperedAsync(Shift(table, where, delta, columns), Shift(table, where, -delta, columns));

    private static string Shift(string table, string where, int delta, params string[] columns) =>
        $"UPDATE {table} SET {string.Join(", ", columns.Select(c => $"{c} = {c} {(delta < 0 ? '-' : '+')} {Math.Abs(delta)}"))} WHERE {where}";

    [Fact]
    public async Task AConsistentHistoryReconcilesCleanly()
    {
        var report = await RunAsync();
        Assert.Empty(report.Findings);
        Assert.Equal(1, report.NavToleranceWei);
        var checks = report.Checks.ToDictionary(c => c.Check);
        Assert.Equal(6, checks[ReconciliationChecks.ReserveBalance].Checked);
        Assert.Equal(6, checks[ReconciliationChecks.LedgerNewBalance].Checked);
        Assert.Equal(5, checks[ReconciliationChecks.NavIdentity].Checked);
        Assert.Equal(5, checks[ReconciliationChecks.RebalanceIds].Checked);
        Assert.Equal(5, checks[ReconciliationChecks.DrawMatchesRebalance].Checked);
        Assert.Equal(6, checks[ReconciliationChecks.MetricsIdentity].Checked);
    }

    [Fact]
    public async Task AnAlteredDrawAmountIsReportedWithItsRow()
    {
        var report = await ShiftedAsync("pool_ledger", "block_number = 30 AND kind = 0", 7, "amount");
        var finding = Assert.Single(report.Findings);
        Assert.Equal(ReconciliationChecks.LedgerNewBalance, finding.Check);
        Assert.Equal(31, finding.BlockNumber);
        Assert.Equal("7", (BigInteger.Parse(finding.Actual!) - BigInteger.Parse(finding.Expected!)).ToString());
        // The altered row is named as the suspect, with its block, log and transaction.
        Assert.Contains($"ReserveDrawn at block 30 log 0 tx {ChainRows.TxHash(30, 1)}", finding.Detail);
    }

    [Fact]
    public async Task AnAlteredPublishedReserveBalanceIsReportedAtThatRow()
    {
        var report = await ShiftedAsync("reserve_metrics", "block_number = 22", 1, "reserve_balance");
        Assert.All(report.Findings, f => Assert.Equal((22L, ChainRows.TxHash(22, 0)), (f.BlockNumber, f.TxHash)));
        Assert.Contains(report.Findings, f => f.Check == ReconciliationChecks.ReserveBalance);
        Assert.Contains(report.Findings, f => f.Check == ReconciliationChecks.MetricsIdentity && f.Subject == "reserveValue");
    }

    [Fact]
    public async Task AnAlteredNavAfterBreaksTheNavIdentityOfThatRebalance()
    {
        var report = await ShiftedAsync("rebalances", "rebalance_id = 4", -2, "nav_after");
        Assert.Equal([ReconciliationChecks.NavDelta, ReconciliationChecks.NavIdentity], report.Findings.Select(f => f.Check).Order());
        Assert.All(report.Findings, f => Assert.Equal((40L, 1, ChainRows.TxHash(40, 1), "rebalance 4"), (f.BlockNumber, f.LogIndex, f.TxHash, f.Subject)));
    }

    [Fact]
    public async Task OneWeiOfRoundingIsWithinTheNavTolerance()
    {
        var report = await ShiftedAsync("rebalances", "rebalance_id = 2", -1, "nav_after", "nav_delta");
        Assert.Empty(report.Findings);
    }

    [Fact]
    public async Task AMissingRebalanceIsAGapInTheIdsAndAnUnmatchedDraw()
    {
        var report = await TamperedAsync(
            "CREATE TABLE hidden AS SELECT * FROM rebalances WHERE rebalance_id = 3; DELETE FROM rebalances WHERE rebalance_id = 3",
            "INSERT INTO rebalances SELECT * FROM hidden; DROP TABLE hidden");
        var gap = Assert.Single(report.Findings, f => f.Check == ReconciliationChecks.RebalanceIds);
        Assert.Equal(40, gap.BlockNumber);
        Assert.Contains("from 2 to 4", gap.Detail);
        var draw = Assert.Single(report.Findings, f => f.Check == ReconciliationChecks.DrawMatchesRebalance);
        Assert.Equal((30L, 0), (draw.BlockNumber, draw.LogIndex));
    }

    [Fact]
    public async Task ThePeriodLimitsWhatIsReportedNotWhatIsRebuilt()
    {
        var report = await ShiftedAsync("pool_ledger", "block_number = 30 AND kind = 0", 7, "amount");
        Assert.Single(report.Findings);
        await _db.ExecuteAsync("UPDATE pool_ledger SET amount = amount + 7 WHERE block_number = 30 AND kind = 0");
        try
        {
            Assert.Empty((await RunAsync(fromBlock: 40)).Findings);
            Assert.Single((await RunAsync(fromBlock: 25, toBlock: 35)).Findings);
        }
        finally
        {
            await _db.ExecuteAsync("UPDATE pool_ledger SET amount = amount - 7 WHERE block_number = 30 AND kind = 0");
        }
    }

    [Fact]
    public async Task TheReportExportsAsCsvAndJson()
    {
        var report = await ShiftedAsync("rebalances", "rebalance_id = 4", -2, "nav_after");
        using var csv = new MemoryStream();
        await ReconciliationReportWriter.WriteAsync(report, ExportFormat.Csv, csv, CancellationToken.None);
        var records = Verification.ExportFileReader.CsvRecords(new StringReader(System.Text.Encoding.UTF8.GetString(csv.ToArray()))).ToList();
        Assert.Equal(ReconciliationReportWriter.CsvColumns, records[0]);
        Assert.Equal(3, records.Count);
        Assert.All(records.Skip(1), r => Assert.Equal(ChainRows.TxHash(40, 1), r[4]));

        using var json = new MemoryStream();
        await ReconciliationReportWriter.WriteAsync(report, ExportFormat.JsonLines, json, CancellationToken.None);
        using var doc = System.Text.Json.JsonDocument.Parse(json.ToArray());
        Assert.Equal(2, doc.RootElement.GetProperty("findings").GetArrayLength());
        Assert.Equal(ChainRows.Pool, doc.RootElement.GetProperty("pool").GetString());
    }

    [Fact]
    public async Task TheCommandLineReconcilesAndExportsForAuditors()
    {
        var folder = Directory.CreateTempSubdirectory("cli-").FullName;
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var report = Path.Combine(folder, "report.csv");
            var code = await ExportVerifier.VerifierCli.RunAsync(
                ["reconcile", "--db", _db.ConnectionString, "--chain", "31337", "--pool", ChainRows.Pool, "--out", report], stdout, stderr, CancellationToken.None);
            Assert.True(code == 0, stdout + stderr.ToString());
            Assert.Contains("nav-identity: 5 checked, 0 mismatches", stdout.ToString());
            Assert.Single(File.ReadAllLines(report)); // the header: no findings

            code = await ExportVerifier.VerifierCli.RunAsync(
                ["export", "--db", _db.ConnectionString, "--out", folder, "--dataset", "reserve-ledger", "--format", "jsonl", "--pool", ChainRows.Pool],
                stdout, stderr, CancellationToken.None);
            Assert.True(code == 0, stdout + stderr.ToString());
            var file = Path.Combine(folder, $"reserve-ledger.v2.pool-{ChainRows.Pool}.jsonl");
            Assert.Equal(11, File.ReadAllLines(file).Length);
            Assert.True(File.Exists(ExportFileNames.ManifestFor(file)));

            await _db.ExecuteAsync("UPDATE rebalances SET nav_after = nav_after - 2 WHERE rebalance_id = 4");
            try
            {
                code = await ExportVerifier.VerifierCli.RunAsync(
                    ["reconcile", "--db", _db.ConnectionString, "--chain", "31337", "--pool", ChainRows.Pool], stdout, stderr, CancellationToken.None);
                Assert.Equal(1, code);
                Assert.Contains($"MISMATCH nav-identity block 40 log 1 tx {ChainRows.TxHash(40, 1)}", stdout.ToString());
            }
            finally
            {
                await _db.ExecuteAsync("UPDATE rebalances SET nav_after = nav_after + 2 WHERE rebalance_id = 4");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
