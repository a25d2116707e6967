using LeveragedTokens.Chain;
using LeveragedTokens.Data.Exports;
using LeveragedTokens.ExportVerifier;
using LeveragedTokens.Exports.Chain;
using LeveragedTokens.Exports.Reconciliation;
using LeveragedTokens.Exports.Tests.Support;
using LeveragedTokens.Exports.Verification;
using Xunit;

namespace LeveragedTokens.Exports.Tests;

/// <summary>Exports of a simulated history indexed by the real indexer, checked against the anvil node that produced it.</summary>
[Collection(SimulatedChainCollection.Name)]
public sealed class ChainTests(SimulatedChain chain) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chain-exports-").FullName;

    private ChainRpc Rpc => ChainRpc.Create(new ChainRpcOptions { Urls = [chain.Anvil.RpcUrl], MaxAttempts = 3 });

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task EveryExportedRowEqualsItsLogOnChainAndEveryLogHasItsRow()
    {
        var head = await chain.Anvil.BlockNumberAsync();
        var logs = new List<RpcLog>();
        for (var from = chain.DeploymentBlock; from <= head; from += 5000)
            logs.AddRange(await GetAllLogsAsync(from, Math.Min(head, from + 4999)));
        var expected = logs.Select(l => (Log: l, Row: ExpectedRow.For(l, null))).Where(x => x.Row is not null)
            .ToDictionary(x => (x.Log.BlockNumber, x.Log.LogIndex), x => x.Row!);
        Assert.Contains(expected.Values, r => r["event"] == "Rebalanced");
        Assert.Contains(expected.Values, r => r["event"] == "ReserveDrawn");
        Assert.Contains(expected.Values, r => r["event"] == "ReserveMetricsPublished");

        var exported = 0;
        foreach (var dataset in Enum.GetValues<ExportDataset>())
        {
            var manifest = await chain.Db.Export().WriteFileAsync(new ExportQuery { Dataset = dataset, ChainId = chain.ChainId }, ExportFormat.JsonLines, _folder, CancellationToken.None);
            foreach (var row in ExportFileReader.Read(Path.Combine(_folder, manifest.FileName)))
            {
                exported++;
                var key = (long.Parse(row.Cells["block_number"]!), int.Parse(row.Cells["log_index"]!));
                Assert.True(expected.Remove(key, out var chainRow), $"{row.Describe()} is not a log on chain");
                Assert.Empty(ExportVerification.Compare(row, chainRow));
                Assert.Equal("confirmed", row.Cells["confirmation_status"]);
            }
        }
        Assert.Empty(expected.Keys);
        Assert.True(exported > 100, $"only {exported} rows");
    }

    private async Task<IReadOnlyList<RpcLog>> GetAllLogsAsync(long from, long to)
    {
        // Every contract the registry announced; the registry itself emits none of the exported events.
        await using var command = chain.Db.DataSource.CreateCommand("SELECT address FROM reserve_pools UNION SELECT address FROM tokens");
        var addresses = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) addresses.Add(reader.GetString(0));
        return await Rpc.LogsAsync(new LogFilter(from, to, addresses), CancellationToken.None);
    }

    [Theory]
    [InlineData(ExportFormat.Csv)]
    [InlineData(ExportFormat.JsonLines)]
    public async Task TheVerifierPassesAGoodFileAndNamesTheRowOfATamperedOne(ExportFormat format)
    {
        var manifest = await chain.Db.Export().WriteFileAsync(
            new ExportQuery { Dataset = ExportDataset.Rebalances, ChainId = chain.ChainId }, format, _folder, CancellationToken.None);
        var path = Path.Combine(_folder, manifest.FileName);
        var (code, output) = await VerifyAsync(path);
        Assert.True(code == 0, output);
        Assert.Contains($"OK: {manifest.RowCount} rows match the chain", output);

        // Tamper with the fourth data row's navAfter and drop the manifest (whose hash would catch it first).
        var lines = File.ReadAllLines(path).ToList();
        var dataLine = format == ExportFormat.Csv ? 4 : 3;
        var rows = ExportFileReader.Read(path).ToList();
        var original = rows[3].Cells["nav_after"]!;
        lines[dataLine] = lines[dataLine].Replace(original, (System.Numerics.BigInteger.Parse(original) + 1).ToString());
        File.WriteAllText(path, string.Join(format == ExportFormat.Csv ? "\r\n" : "\n", lines) + (format == ExportFormat.Csv ? "\r\n" : "\n"));
        File.Delete(ExportFileNames.ManifestFor(path));

        (code, output) = await VerifyAsync(path);
        Assert.Equal(1, code);
        Assert.Contains($"MISMATCH row 4 (block {rows[3].Cells["block_number"]}, log {rows[3].Cells["log_index"]}", output);
        Assert.Contains("nav_after: differs from the chain", output);
        Assert.Contains("nav_after_decimal: scaled decimal does not match", output);
        Assert.DoesNotContain("row 3 ", output);
    }

    [Fact]
    public async Task TheVerifierReadsAWorkbookBackExactly()
    {
        var manifest = await chain.Db.Export().WriteFileAsync(
            new ExportQuery { Dataset = ExportDataset.ReserveMetrics, ChainId = chain.ChainId }, ExportFormat.Xlsx, _folder, CancellationToken.None);
        var (code, output) = await VerifyAsync(Path.Combine(_folder, manifest.FileName));
        Assert.True(code == 0, output);
        Assert.Contains($"OK: {manifest.RowCount} rows match the chain", output);
    }

    [Fact]
    public async Task TheVerifierCatchesAFileThatNoLongerMatchesItsManifest()
    {
        var manifest = await chain.Db.Export().WriteFileAsync(
            new ExportQuery { Dataset = ExportDataset.ReserveLedger, ChainId = chain.ChainId, MaxRows = 5 }, ExportFormat.Csv, _folder, CancellationToken.None);
        var path = Path.Combine(_folder, manifest.FileName);
        Assert.Equal(0, (await VerifyAsync(path)).Code);
        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, [.. bytes, .. "\r\n"u8.ToArray()]);
        var (code, output) = await VerifyAsync(path);
        Assert.Equal(1, code);
        // The rows still match the chain (a blank line is no row): only the manifest's hash tells.
        Assert.Contains("file: sha256: file does not match its manifest", output);
        Assert.Single(output.Split('\n'), l => l.StartsWith("MISMATCH", StringComparison.Ordinal));
    }

    private async Task<(int Code, string Output)> VerifyAsync(string path)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await VerifierCli.RunAsync(["verify-export", path, "--rpc", chain.Anvil.RpcUrl], stdout, stderr, CancellationToken.None);
        return (code, stdout + stderr.ToString());
    }

    [Fact]
    public async Task EveryPoolOfTheSimulatedHistoryReconcilesWithTheChainAndAnAlteredRowIsReported()
    {
        var pools = new List<string>();
        await using (var command = chain.Db.DataSource.CreateCommand("SELECT address FROM reserve_pools ORDER BY address"))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) pools.Add(reader.GetString(0));
        var reconciliation = new PoolReconciliation(chain.Db.DataSource, ExportDatabase.Options);
        ReconciliationQuery Query(string pool) => new() { ChainId = chain.ChainId, Pool = pool };

        long navChecked = 0, drawsChecked = 0;
        foreach (var pool in pools)
        {
            var report = await reconciliation.RunAsync(Query(pool), Rpc, CancellationToken.None);
            Assert.True(report.Clean, string.Join("\n", report.Findings));
            var checks = report.Checks.ToDictionary(c => c.Check);
            Assert.True(checks[ReconciliationChecks.ReserveBalance].Checked > 50);
            Assert.True(checks[ReconciliationChecks.ChainLogs].Checked > 50);
            Assert.Equal(0, checks[ReconciliationChecks.NavIdentity].Unverifiable);
            navChecked += checks[ReconciliationChecks.NavIdentity].Checked;
            drawsChecked += checks[ReconciliationChecks.DrawMatchesRebalance].Checked;
        }
        Assert.True(navChecked > 10, $"{navChecked} rebalances checked");
        Assert.True(drawsChecked > 10, $"{drawsChecked} draws checked");

        // Alter one published reserve balance in the database: the reconciliation names that row.
        await using (var command = chain.Db.DataSource.CreateCommand(
            "SELECT pool_address, block_number, log_index, tx_hash FROM reserve_metrics ORDER BY block_number DESC, log_index LIMIT 1 OFFSET 5"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            var (pool, block, log, tx) = (reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3));
            await chain.Db.ExecuteAsync($"UPDATE reserve_metrics SET reserve_balance = reserve_balance + 1000 WHERE block_number = {block} AND log_index = {log}");
            try
            {
                var report = await reconciliation.RunAsync(Query(pool), Rpc, CancellationToken.None);
                Assert.NotEmpty(report.Findings);
                Assert.All(report.Findings, f => Assert.Equal((block, log, tx), (f.BlockNumber, f.LogIndex, f.TxHash)));
                Assert.Contains(report.Findings, f => f.Check == ReconciliationChecks.ReserveBalance);
                Assert.Contains(report.Findings, f => f.Check == ReconciliationChecks.ChainLogs && f.Subject == "reserve_balance");
            }
            finally
            {
                await chain.Db.ExecuteAsync($"UPDATE reserve_metrics SET reserve_balance = reserve_balance - 1000 WHERE block_number = {block} AND log_index = {log}");
            }
        }
    }
}
