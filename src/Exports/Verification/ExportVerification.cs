using System.Security.Cryptography;
using LeveragedTokens.Chain;
using LeveragedTokens.Exports.Chain;
using LeveragedTokens.Data.Exports;
using LeveragedTokens.Protocol;

namespace LeveragedTokens.Exports.Verification;

/// <param name="Row">Null for a file-level finding (e.g. the manifest's hash).</param>
public sealed record VerificationMismatch(ExportFileRow? Row, string Column, string? Chain, string? File, string Detail)
{
    public override string ToString() =>
        $"{Row?.Describe() ?? "file"}: {Column}: {Detail} (chain: {Chain ?? "<none>"}, file: {File ?? "<empty>"})";
}

public sealed record VerificationResult(long RowsChecked, IReadOnlyList<VerificationMismatch> Mismatches)
{
    public bool Passed => Mismatches.Count == 0;
}

/// <summary>
/// Re-reads every row's log from a JSON-RPC node by tx hash and log index
/// (eth_getTransactionReceipt, eth_getBlockByNumber for the time) through the one client and compares each column
/// the chain can vouch for, plus each scaled decimal against its integer twin.
/// </summary>
public sealed class ExportVerification(ChainRpc chain)
{
    private static readonly Dictionary<string, int> DecimalScales =
        Enum.GetValues<ExportDataset>().SelectMany(d => ExportSchemas.For(d).Columns)
            .Where(c => c.Kind == ColumnKind.Decimal).DistinctBy(c => c.Name).ToDictionary(c => c.Name, c => c.Scale);

    public async Task<VerificationResult> VerifyFileAsync(string path, CancellationToken ct)
    {
        var mismatches = new List<VerificationMismatch>();
        var manifestPath = ExportFileNames.ManifestFor(path);
        if (File.Exists(manifestPath))
        {
            var manifest = ExportManifest.FromJson(await File.ReadAllTextAsync(manifestPath, ct));
            await using var file = File.OpenRead(path);
            var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
            if (actual != manifest.Sha256)
                mismatches.Add(new VerificationMismatch(null, "sha256", manifest.Sha256, actual, "file does not match its manifest"));
        }
        var receipts = new Dictionary<string, RpcLog[]?>();
        var blocks = new Dictionary<long, BlockHeader?>();
        long rows = 0;
        foreach (var row in ExportFileReader.Read(path))
        {
            ct.ThrowIfCancellationRequested();
            rows++;
            await VerifyRowAsync(row, receipts, blocks, mismatches, ct);
            // Receipts of one tx are usually adjacent rows; keep the caches small on huge files.
            if (receipts.Count > 10_000) receipts.Clear();
            if (blocks.Count > 10_000) blocks.Clear();
        }
        return new VerificationResult(rows, mismatches);
    }

    private async Task VerifyRowAsync(
        ExportFileRow row, Dictionary<string, RpcLog[]?> receipts, Dictionary<long, BlockHeader?> blocks,
        List<VerificationMismatch> mismatches, CancellationToken ct)
    {
        var tx = row.Cells.GetValueOrDefault("tx_hash")?.ToLowerInvariant();
        if (tx is null || !int.TryParse(row.Cells.GetValueOrDefault("log_index"), out var logIndex))
        {
            mismatches.Add(new VerificationMismatch(row, "tx_hash/log_index", null, null, "row has no tx hash or log index"));
            return;
        }
        if (!receipts.TryGetValue(tx, out var logs)) receipts[tx] = logs = await chain.ReceiptLogsAsync(tx, ct);
        if (logs is null)
        {
            mismatches.Add(new VerificationMismatch(row, "tx_hash", null, tx, "no such transaction on this chain"));
            return;
        }
        var log = logs.FirstOrDefault(l => l.LogIndex == logIndex);
        if (log is null)
        {
            mismatches.Add(new VerificationMismatch(row, "log_index", null, logIndex.ToString(System.Globalization.CultureInfo.InvariantCulture), "the transaction has no log with this index"));
            return;
        }
        if (!blocks.TryGetValue(log.BlockNumber, out var block)) blocks[log.BlockNumber] = block = await chain.HeaderAsync(log.BlockNumber, ct);
        var expected = ExpectedRow.For(log, block);
        if (expected is null)
        {
            mismatches.Add(new VerificationMismatch(row, "event", null, row.Cells.GetValueOrDefault("event"), "the log is not an exported event"));
            return;
        }
        mismatches.AddRange(Compare(row, expected));
    }

    /// <summary>Every column the chain determines, then every decimal against its integer.</summary>
    public static IEnumerable<VerificationMismatch> Compare(ExportFileRow row, IReadOnlyDictionary<string, string?> expected)
    {
        foreach (var (column, chainValue) in expected)
        {
            if (!row.Cells.TryGetValue(column, out var fileValue))
            {
                yield return new VerificationMismatch(row, column, chainValue, null, "column missing from the file");
                continue;
            }
            if (!string.Equals(Normalise(fileValue), Normalise(chainValue), StringComparison.Ordinal))
                yield return new VerificationMismatch(row, column, chainValue, fileValue, "differs from the chain");
        }
        foreach (var (column, value) in row.Cells)
        {
            if (!column.EndsWith("_decimal", StringComparison.Ordinal) || !DecimalScales.TryGetValue(column, out var scale)) continue;
            var integer = row.Cells.GetValueOrDefault(column[..^"_decimal".Length]);
            var expectedDecimal = integer is null ? null : Wad.Exact(integer, scale);
            if (!string.Equals(value, expectedDecimal, StringComparison.Ordinal))
                yield return new VerificationMismatch(row, column, expectedDecimal, value, "scaled decimal does not match its integer column");
        }
    }

    private static string? Normalise(string? value) => string.IsNullOrEmpty(value) ? null : value.ToLowerInvariant();
}
