using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using LeveragedTokens.Chain;
using LeveragedTokens.Exports.Chain;
using LeveragedTokens.Data.Exports;
using LeveragedTokens.Protocol;

namespace LeveragedTokens.Exports.Verification;

/// <summary>
/// Verifies an export file and its manifest against a JSON-RPC node, through the one client: the node must be the
/// manifest's chain; every row is re-read by tx hash and log index (eth_getTransactionReceipt, eth_getBlockByNumber for
/// the time) and each column the chain vouches for compared, plus each scaled decimal against its integer twin; the
/// manifest's final block must still carry its hash; and eth_getLogs over the covered blocks and contracts proves the
/// file complete (<see cref="CompletenessCheck"/>).
/// </summary>
public sealed class ExportVerification(ChainRpc chain)
{
    private static readonly Dictionary<string, int> DecimalScales =
        Enum.GetValues<ExportDataset>().SelectMany(d => ExportSchemas.For(d).Columns)
            .Where(c => c.Kind == ColumnKind.Decimal).DistinctBy(c => c.Name).ToDictionary(c => c.Name, c => c.Scale);

    /// <exception cref="VerificationRefusedException">No usable manifest, or the node is not the export's chain.</exception>
    public async Task<VerificationResult> VerifyFileAsync(string path, CancellationToken ct)
    {
        var manifest = await ReadManifestAsync(path, ct);
        var coverage = manifest.Coverage switch
        {
            [] => null,
            [var one] => one,
            var many => throw new VerificationRefusedException(
                $"the export holds chains {string.Join(", ", many.Select(c => c.ChainId))}: verify an export of one chain (--chain)"),
        };
        var nodeChain = await chain.ChainIdAsync(ct);
        if ((coverage?.ChainId ?? manifest.Query.ChainId) is { } exportChain && exportChain != nodeChain)
            throw new VerificationRefusedException(
                $"the node is chain {nodeChain} but the export's manifest is of chain {exportChain}: point --rpc at a node of chain {exportChain}");

        var findings = new List<VerificationFinding>();
        await using (var file = File.OpenRead(path))
        {
            var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
            if (actual != manifest.Sha256)
                findings.Add(new VerificationFinding(null, "sha256", manifest.Sha256, actual, "file does not match its manifest"));
        }
        var headers = new HeaderCache(chain);
        var receipts = new Dictionary<string, RpcLog[]?>();
        var rows = new Dictionary<(long Block, int Log), ExportFileRow>();
        long count = 0;
        foreach (var row in ExportFileReader.Read(path))
        {
            ct.ThrowIfCancellationRequested();
            count++;
            await VerifyRowAsync(row, nodeChain, receipts, headers, findings, ct);
            if (CompletenessCheck.KeyOf(row) is { } key && !rows.TryAdd(key, CompletenessCheck.Slim(row)))
                findings.Add(new VerificationFinding(row, "row", null, null, "a second row for the same log", FindingKind.Extra));
            // Receipts of one tx are usually adjacent rows; keep the cache small on huge files.
            if (receipts.Count > 10_000) receipts.Clear();
        }
        if (coverage is not null) await VerifyFinalBlockAsync(coverage, headers, findings, ct);
        var completeness = manifest.Truncated
            ? $"not checked: the export was capped at {manifest.RowCap} rows"
            : coverage is null ? "nothing to cover: the export holds no indexed chain"
            : await CompletenessCheck.RunAsync(chain, manifest, coverage, rows, headers, findings, ct);
        return new VerificationResult(count, findings, completeness);
    }

    private static async Task<ExportManifest> ReadManifestAsync(string path, CancellationToken ct)
    {
        var manifestPath = ExportFileNames.ManifestFor(path);
        if (!File.Exists(manifestPath))
            throw new VerificationRefusedException($"no manifest beside the file ({Path.GetFileName(manifestPath)}): the chain and completeness cannot be checked without it");
        try
        {
            var manifest = ExportManifest.FromJson(await File.ReadAllTextAsync(manifestPath, ct));
            return manifest.SchemaVersion == ExportSchemas.Version ? manifest
                : throw new VerificationRefusedException($"the manifest is of schema v{manifest.SchemaVersion}; this verifier checks v{ExportSchemas.Version}: export again");
        }
        catch (JsonException e)
        {
            throw new VerificationRefusedException($"the manifest is not a schema v{ExportSchemas.Version} manifest: {e.Message}");
        }
    }

    /// <summary>A reorg at or below the final block changes its hash: then the export's rows may no longer be the chain's.</summary>
    private static async Task VerifyFinalBlockAsync(ChainCoverage coverage, HeaderCache headers, List<VerificationFinding> findings, CancellationToken ct)
    {
        var header = await headers.GetAsync(coverage.FinalBlock, ct);
        var number = coverage.FinalBlock.ToString(CultureInfo.InvariantCulture);
        if (header is null)
            findings.Add(new VerificationFinding(null, "final_block", null, number, "the node has no such block"));
        else if (coverage.FinalBlockHash is { } hash && !string.Equals(header.Hash, hash, StringComparison.OrdinalIgnoreCase))
            findings.Add(new VerificationFinding(null, "final_block_hash", header.Hash, hash, $"block {number} has another hash: the chain reorganised under the export"));
    }

    private async Task VerifyRowAsync(ExportFileRow row, long nodeChain, Dictionary<string, RpcLog[]?> receipts, HeaderCache headers,
        List<VerificationFinding> findings, CancellationToken ct)
    {
        var tx = row.Cells.GetValueOrDefault("tx_hash")?.ToLowerInvariant();
        if (tx is null || !int.TryParse(row.Cells.GetValueOrDefault("log_index"), out var logIndex))
        {
            findings.Add(new VerificationFinding(row, "tx_hash/log_index", null, null, "row has no tx hash or log index"));
            return;
        }
        if (!receipts.TryGetValue(tx, out var logs)) receipts[tx] = logs = await chain.ReceiptLogsAsync(tx, ct);
        if (logs is null)
        {
            findings.Add(new VerificationFinding(row, "tx_hash", null, tx, "no such transaction on this chain"));
            return;
        }
        var log = logs.FirstOrDefault(l => l.LogIndex == logIndex);
        if (log is null)
        {
            findings.Add(new VerificationFinding(row, "log_index", null, logIndex.ToString(CultureInfo.InvariantCulture), "the transaction has no log with this index"));
            return;
        }
        var expected = ExpectedRow.For(log, await headers.GetAsync(log.BlockNumber, ct));
        if (expected is null)
        {
            findings.Add(new VerificationFinding(row, "event", null, row.Cells.GetValueOrDefault("event"), "the log is not an exported event"));
            return;
        }
        expected["chain_id"] = nodeChain.ToString(CultureInfo.InvariantCulture);
        findings.AddRange(Compare(row, expected));
    }

    /// <summary>Every column the chain determines, then every decimal against its integer.</summary>
    public static IEnumerable<VerificationFinding> Compare(ExportFileRow row, IReadOnlyDictionary<string, string?> expected)
    {
        foreach (var (column, chainValue) in expected)
        {
            if (!row.Cells.TryGetValue(column, out var fileValue))
            {
                yield return new VerificationFinding(row, column, chainValue, null, "column missing from the file");
                continue;
            }
            if (!string.Equals(Normalise(fileValue), Normalise(chainValue), StringComparison.Ordinal))
                yield return new VerificationFinding(row, column, chainValue, fileValue, "differs from the chain");
        }
        foreach (var (column, value) in row.Cells)
        {
            if (!column.EndsWith("_decimal", StringComparison.Ordinal) || !DecimalScales.TryGetValue(column, out var scale)) continue;
            var integer = row.Cells.GetValueOrDefault(column[..^"_decimal".Length]);
            var expectedDecimal = integer is null ? null : Wad.Exact(integer, scale);
            if (!string.Equals(value, expectedDecimal, StringComparison.Ordinal))
                yield return new VerificationFinding(row, column, expectedDecimal, value, "scaled decimal does not match its integer column");
        }
    }

    private static string? Normalise(string? value) => string.IsNullOrEmpty(value) ? null : value.ToLowerInvariant();
}

/// <summary>Block headers by number, read once each (bounded: cleared past 10,000 on huge files).</summary>
internal sealed class HeaderCache(ChainRpc chain)
{
    private readonly Dictionary<long, BlockHeader?> _headers = [];

    public async Task<BlockHeader?> GetAsync(long number, CancellationToken ct)
    {
        if (_headers.TryGetValue(number, out var header)) return header;
        if (_headers.Count > 10_000) _headers.Clear();
        return _headers[number] = await chain.HeaderAsync(number, ct);
    }
}
