using LeveragedTokens.Chain;
using LeveragedTokens.Data.Exports;
using LeveragedTokens.ExportVerifier;
using LeveragedTokens.Exports.Chain;
using LeveragedTokens.Exports.Tests.Support;
using LeveragedTokens.Exports.Verification;
using Xunit;

namespace LeveragedTokens.Exports.Tests;

/// <summary>Exports of a simulated history indexed by the real indexer, checked against the anvil node that produced it.</summary>
[Collection(SimulatedChainCollection.Name)]
public sealed class ChainTests(SimulatedChain chain) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chain-exports-").FullName;


    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task EveryExportedRowEqualsItsLogOnChainAndEveryLogHasItsRow()
    {
        var manifests = new List<ExportManifest>();
        foreach (var dataset in Enum.GetValues<ExportDataset>())
            manifests.Add(await chain.Db.Export().WriteFileAsync(new ExportQuery { Dataset = dataset, ChainId = chain.ChainId }, ExportFormat.JsonLines, _folder, CancellationToken.None));
        // Rows go up to the final block; the indexer of the tests waits for no confirmations.
        var final = manifests.Select(m => Assert.Single(m.Coverage).FinalBlock).Distinct().Single();
        Assert.Equal(await chain.Anvil.BlockNumberAsync(), final);
        var logs = new List<RpcLog>();
        for (var from = chain.DeploymentBlock; from <= final; from += 5000)
            logs.AddRange(await GetAllLogsAsync(from, Math.Min(final, from + 4999)));
        var expected = logs.Select(l => (Log: l, Row: ExpectedRow.For(l, null))).Where(x => x.Row is not null)
            .ToDictionary(x => (x.Log.BlockNumber, x.Log.LogIndex), x => x.Row!);
        Assert.Contains(expected.Values, r => r["event"] == "Rebalanced");
        Assert.Contains(expected.Values, r => r["event"] == "ReserveDrawn");
        Assert.Contains(expected.Values, r => r["event"] == "ReserveMetricsPublished");

        var exported = 0;
        foreach (var manifest in manifests)
        {
            foreach (var row in ExportFileReader.Read(Path.Combine(_folder, manifest.FileName)))
            {
                exported++;
                var key = (long.Parse(row.Cells["block_number"]!), int.Parse(row.Cells["log_index"]!));
                Assert.True(expected.Remove(key, out var chainRow), $"{row.Describe()} is not a log on chain");
                Assert.Empty(ExportVerification.Compare(row, chainRow));
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
        return await chain.Rpc.LogsAsync(new LogFilter(from, to, addresses), CancellationToken.None);
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

        // Tamper with the fourth data row's navAfter and keep the manifest consistent, as a careless exporter would.
        var lines = File.ReadAllLines(path).ToList();
        var dataLine = format == ExportFormat.Csv ? 4 : 3;
        var rows = ExportFileReader.Read(path).ToList();
        var original = rows[3].Cells["nav_after"]!;
        lines[dataLine] = lines[dataLine].Replace(original, (System.Numerics.BigInteger.Parse(original) + 1).ToString());
        File.WriteAllText(path, string.Join(format == ExportFormat.Csv ? "\r\n" : "\n", lines) + (format == ExportFormat.Csv ? "\r\n" : "\n"));
        Rehash(path);

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

    [Fact]
    public async Task TheVerifierNamesALogTheFileOmits()
    {
        var (path, manifest) = await ExportFileAsync(new ExportQuery { Dataset = ExportDataset.ReserveLedger, ChainId = chain.ChainId });
        var rows = ExportFileReader.Read(path).ToList();
        var dropped = rows[10].Cells;
        var lines = File.ReadAllLines(path).ToList();
        lines.RemoveAt(11);
        File.WriteAllText(path, string.Join("\r\n", lines) + "\r\n");
        Rehash(path);

        var (code, output) = await VerifyAsync(path);
        Assert.Equal(1, code);
        var finding = Assert.Single(FindingLines(output));
        Assert.Equal($"OMITTED block {dropped["block_number"]}, log {dropped["log_index"]}, tx {dropped["tx_hash"]}: {dropped["event"]}: "
            + $"the chain has this log, the file lacks it (chain: {dropped["contract_address"]}, file: <empty>)", finding);
        Assert.Contains($"FAILED: 1 findings (0 mismatches, 1 omitted, 0 extra) in a file of {manifest.RowCount - 1} rows", output);
    }

    [Fact]
    public async Task TheVerifierNamesRowsTheChainDoesNotAccountFor()
    {
        // Two exports of the same rebalances: pinned to an early block, and all of them.
        var (allPath, _) = await ExportFileAsync(new ExportQuery { Dataset = ExportDataset.Rebalances, ChainId = chain.ChainId });
        var all = ExportFileReader.Read(allPath).ToList();
        var pin = long.Parse(all[4].Cells["block_number"]!);
        var (path, manifest) = await ExportFileAsync(new ExportQuery { Dataset = ExportDataset.Rebalances, ChainId = chain.ChainId, ToBlock = pin });
        Assert.Equal(0, (await VerifyAsync(path)).Code);

        // A true row from beyond the pin, and a second copy of the first row: the chain vouches for each, the coverage for neither.
        var later = all.First(r => long.Parse(r.Cells["block_number"]!) > pin);
        var laterLine = File.ReadAllLines(allPath)[all.IndexOf(later) + 1];
        var lines = File.ReadAllLines(path).ToList();
        lines.Add(lines[1]);
        lines.Add(laterLine);
        File.WriteAllText(path, string.Join("\r\n", lines) + "\r\n");
        Rehash(path);

        var (code, output) = await VerifyAsync(path);
        Assert.Equal(1, code);
        var findings = FindingLines(output);
        Assert.Equal(2, findings.Count);
        Assert.StartsWith($"EXTRA row {manifest.RowCount + 1} (block {all[0].Cells["block_number"]}, log {all[0].Cells["log_index"]}", findings[0]);
        Assert.Contains("a second row for the same log", findings[0]);
        Assert.StartsWith($"EXTRA row {manifest.RowCount + 2} (block {later.Cells["block_number"]}, log {later.Cells["log_index"]}", findings[1]);
        Assert.Contains($"no Rebalances log of the covered contracts in blocks {Assert.Single(manifest.Coverage).FromBlock}-{pin} accounts for this row", findings[1]);
    }

    [Fact]
    public async Task TheVerifierReportsAFinalBlockWhoseHashTheChainNoLongerHas()
    {
        var (path, manifest) = await ExportFileAsync(new ExportQuery { Dataset = ExportDataset.ReserveMetrics, ChainId = chain.ChainId });
        var coverage = Assert.Single(manifest.Coverage);
        var forked = "0x" + new string('f', 64);
        await File.WriteAllTextAsync(ExportFileNames.ManifestFor(path), (manifest with { Coverage = [coverage with { FinalBlockHash = forked }] }).ToJson());

        var (code, output) = await VerifyAsync(path);
        Assert.Equal(1, code);
        var finding = Assert.Single(FindingLines(output));
        Assert.StartsWith($"MISMATCH file: final_block_hash: block {coverage.FinalBlock} has another hash: the chain reorganised under the export (chain: {coverage.FinalBlockHash}, file: {forked})", finding);
    }

    [Fact]
    public async Task TheVerifierRefusesANodeOfAnotherChainNamingBoth()
    {
        var (path, manifest) = await ExportFileAsync(new ExportQuery { Dataset = ExportDataset.ReserveMetrics, ChainId = chain.ChainId });
        var otherChain = manifest with
        {
            Query = manifest.Query with { ChainId = 10 },
            Coverage = [.. manifest.Coverage.Select(c => c with { ChainId = 10 })],
        };
        await File.WriteAllTextAsync(ExportFileNames.ManifestFor(path), otherChain.ToJson());
        var (code, output) = await VerifyAsync(path);
        Assert.Equal(2, code);
        Assert.Contains($"refused: the node is chain {chain.ChainId} but the export's manifest is of chain 10", output);

        File.Delete(ExportFileNames.ManifestFor(path));
        (code, output) = await VerifyAsync(path);
        Assert.Equal(2, code);
        Assert.Contains("refused: no manifest beside the file", output);
    }

    private async Task<(string Path, ExportManifest Manifest)> ExportFileAsync(ExportQuery query)
    {
        var manifest = await chain.Db.Export().WriteFileAsync(query, ExportFormat.Csv, _folder, CancellationToken.None);
        return (Path.Combine(_folder, manifest.FileName), manifest);
    }

    /// <summary>The manifest made to match an edited file again, so only the verifier's chain checks can tell.</summary>
    private static void Rehash(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var manifest = ExportManifest.FromJson(File.ReadAllText(ExportFileNames.ManifestFor(path)));
        File.WriteAllText(ExportFileNames.ManifestFor(path),
            (manifest with { Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), Bytes = bytes.Length }).ToJson());
    }

    private static List<string> FindingLines(string output) =>
        [.. output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("MISMATCH", StringComparison.Ordinal)
            || l.StartsWith("OMITTED", StringComparison.Ordinal) || l.StartsWith("EXTRA", StringComparison.Ordinal))];

    private async Task<(int Code, string Output)> VerifyAsync(string path)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await VerifierCli.RunAsync(["verify-export", path, "--rpc", chain.Anvil.RpcUrl], stdout, stderr, CancellationToken.None);
        return (code, stdout + stderr.ToString());
    }
}
