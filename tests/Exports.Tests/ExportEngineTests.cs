using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LeveragedTokens.Data.Entities;
using LeveragedTokens.Data.Exports;
using LeveragedTokens.Exports.Tests.Support;
using LeveragedTokens.Exports.Verification;
using Xunit;

namespace LeveragedTokens.Exports.Tests;

public sealed class ExportEngineTests : IAsyncLifetime
{
    private static readonly string TokenA = ChainRows.Address(1);
    private static readonly string TokenB = ChainRows.Address(2);
    private const long FinalBlock = 101;
    private ExportDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await ExportDatabase.CreateAsync();
        await using var db = _db.Context();
        db.ReservePools.Add(ChainRows.ReservePool(ChainRows.Registration(0), ChainRows.Pool));
        db.Tokens.Add(ChainRows.LeveragedToken(ChainRows.Registration(1), TokenA, "BTC3L", ChainRows.Pool));
        db.Tokens.Add(ChainRows.LeveragedToken(ChainRows.Registration(2), TokenB, "BTC3S", ChainRows.Pool));
        // Inserted out of order on purpose: the export orders by block and log index. Block 105 is not final yet.
        foreach (var (token, id, block, log) in new[] { (TokenB, 2L, 90L, 3), (TokenA, 1L, 20L, 5), (TokenB, 1L, 20L, 2), (TokenA, 2L, 95L, 0), (TokenA, 3L, 99L, 1), (TokenA, 4L, 105L, 0) })
            db.Rebalances.Add(ChainRows.Rebalance(ChainRows.Hourly.At(block, log, token), id));
        db.ReserveMetrics.Add(Extreme(ChainRows.Metrics(ChainRows.Hourly.At(30, 0, ChainRows.Pool), 1)));
        // Head 110, 10 confirmations: final up to block 101, whose header the indexer's window holds.
        db.IndexerStates.Add(ChainRows.Indexed(head: 110, confirmations: 10));
        db.IndexedBlocks.Add(ChainRows.Hourly.Header(FinalBlock));
        await db.SaveChangesAsync();
    }

    /// <summary>Every amount column at the ends of uint256 / int256.</summary>
    private static ReserveMetrics Extreme(ReserveMetrics m)
    {
        m.ReserveBalance = Wad.Uint256Max;
        m.MarkPrice = Wad.Uint256Max;
        m.ReserveValue = Wad.Uint256Max;
        m.TokenSupplyValue = Wad.Uint256Max;
        m.FloorValue = 0;
        m.UtilizationBps = Wad.Uint256Max;
        m.BufferDepth = ChainRows.Int256Min;
        return m;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData(ExportFormat.Csv)]
    [InlineData(ExportFormat.JsonLines)]
    [InlineData(ExportFormat.Xlsx)]
    public async Task TheSameQueryOverTheSameDataGivesByteIdenticalFiles(ExportFormat format)
    {
        var query = new ExportQuery { Dataset = ExportDataset.Rebalances, ChainId = ChainRows.ChainId };
        var (first, m1) = await _db.ExportBytesAsync(query, format);
        var (second, m2) = await _db.ExportBytesAsync(query, format);
        Assert.Equal(first, second);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(first)), m1.Sha256);
        Assert.Equal(m1.Sha256, m2.Sha256);
        Assert.Equal(first.Length, m1.Bytes);
        Assert.Equal(5, m1.RowCount);
        Assert.Equal(new BlockRange(20, 99), m1.BlockRange);
        Assert.Equal(110, m1.IndexerCheckpoints.Single().IndexedBlock);
        Assert.Equal(FinalBlock, m1.IndexerCheckpoints.Single().FinalBlock);
        Assert.Equal("test", m1.SoftwareVersion);
        Assert.Equal(2, m1.SchemaVersion);
        Assert.Equal("rebalances.v2.chain-31337" + ExportFileNames.Extension(format), m1.FileName);
    }

    [Fact]
    public async Task RowsAreFinalOrderedByBlockAndLogIndexAndCarryChainFactsOnly()
    {
        var (bytes, manifest) = await _db.ExportBytesAsync(new ExportQuery(), ExportFormat.Csv);
        var rows = ReadCsv(bytes);
        Assert.Equal(["20/2", "20/5", "90/3", "95/0", "99/1"], rows.Select(r => $"{r["block_number"]}/{r["log_index"]}"));
        Assert.DoesNotContain(manifest.Columns, c => c.StartsWith("confirmation", StringComparison.Ordinal));
        Assert.Equal("2026-01-01T20:00:00Z", rows[0]["block_time"]);
        Assert.Equal(((DateTimeOffset)ChainRows.Genesis.AddHours(20)).ToUnixTimeSeconds().ToString(), rows[0]["block_time_unix"]);
        Assert.Equal("Rebalanced", rows[0]["event"]);
        Assert.Equal("LeverageOutOfBand", rows[0]["trigger_name"]);
    }

    [Fact]
    public async Task FiltersByTokenPoolBlocksAndTime()
    {
        async Task<string[]> Keys(ExportQuery q) =>
            [.. ReadCsv((await _db.ExportBytesAsync(q, ExportFormat.Csv)).Bytes).Select(r => $"{r["block_number"]}/{r["log_index"]}")];

        Assert.Equal(["20/5", "95/0", "99/1"], await Keys(new ExportQuery { Token = TokenA.ToUpperInvariant().Replace("0X", "0x") }));
        Assert.Equal(5, (await Keys(new ExportQuery { Pool = ChainRows.Pool })).Length);
        Assert.Equal(["90/3", "95/0"], await Keys(new ExportQuery { FromBlock = 90, ToBlock = 95 }));
        Assert.Equal(["90/3"], await Keys(new ExportQuery { FromTime = ChainRows.Genesis.AddHours(21), ToTime = ChainRows.Genesis.AddHours(95) }));
        Assert.Empty(await Keys(new ExportQuery { ChainId = 1 }));
        Assert.Single(await Keys(new ExportQuery { Dataset = ExportDataset.ReserveMetrics, Token = TokenB }));
    }

    [Fact]
    public async Task TheManifestStatesTheFinalBlockAndTheContractsTheRowsCoverCompletely()
    {
        var (_, manifest) = await _db.ExportBytesAsync(new ExportQuery { Pool = ChainRows.Pool }, ExportFormat.Csv);
        var coverage = Assert.Single(manifest.Coverage);
        Assert.Equal((ChainRows.ChainId, 1L, FinalBlock, ChainRows.BlockHash(FinalBlock)),
            (coverage.ChainId, coverage.FromBlock, coverage.FinalBlock, coverage.FinalBlockHash));
        Assert.Equal([TokenA, TokenB], coverage.Contracts);
        Assert.Equal($"final up to block 101 (hash {ChainRows.BlockHash(FinalBlock)})", coverage.Finality);

        // An explicit toBlock pins the rows lower; the pool datasets cover the pool, from its registration.
        var (_, pinned) = await _db.ExportBytesAsync(new ExportQuery { Dataset = ExportDataset.ReserveMetrics, ToBlock = 95, FromBlock = 10 }, ExportFormat.Csv);
        var pool = Assert.Single(pinned.Coverage);
        Assert.Equal((10L, 95L, (string?)null), (pool.FromBlock, pool.FinalBlock, pool.FinalBlockHash));
        Assert.Equal([ChainRows.Pool], pool.Contracts);
    }

    [Fact]
    public async Task AToBlockAboveTheFinalBlockIsRefusedBeforeAnyByte()
    {
        Assert.Null(await _db.Export().NotFinalAsync(new ExportQuery { ToBlock = FinalBlock }, CancellationToken.None));
        var query = new ExportQuery { ChainId = ChainRows.ChainId, ToBlock = 105 };
        Assert.Equal("toBlock 105 is not final on chain 31337: its latest final block is 101.",
            await _db.Export().NotFinalAsync(query, CancellationToken.None));
        using var output = new MemoryStream();
        var e = await Assert.ThrowsAsync<ExportNotFinalException>(() => _db.Export().WriteAsync(query, ExportFormat.Csv, output, CancellationToken.None));
        Assert.Contains("latest final block is 101", e.Message);
        Assert.Equal(0, output.Length);
        Assert.Contains("no chain 1 is indexed",
            await _db.Export().NotFinalAsync(new ExportQuery { ChainId = 1, ToBlock = 5 }, CancellationToken.None));
    }

    [Fact]
    public async Task TheQuickExportIsCappedAndSaysSo()
    {
        using var output = new MemoryStream();
        var manifest = await _db.Export().WriteQuickAsync(new ExportQuery(), ExportFormat.JsonLines, output, CancellationToken.None);
        Assert.Equal(3, manifest.RowCount);
        Assert.True(manifest.Truncated);
        Assert.Equal(3, manifest.RowCap);
        Assert.Equal("rebalances.v2.first-3.jsonl", manifest.FileName);
        Assert.Equal(3, Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var all = await _db.Export().WriteAsync(new ExportQuery { MaxRows = 5 }, ExportFormat.Csv, new MemoryStream(), CancellationToken.None);
        Assert.False(all.Truncated);
    }

    [Fact]
    public async Task Uint256AndInt256ExtremesSurviveEveryFormatExactly()
    {
        var query = new ExportQuery { Dataset = ExportDataset.ReserveMetrics };
        var max = Wad.Uint256Max.ToString();
        var min = ChainRows.Int256Min.ToString();

        var csv = ReadCsv((await _db.ExportBytesAsync(query, ExportFormat.Csv)).Bytes).Single();
        Assert.Equal(max, csv["reserve_balance"]);
        Assert.Equal(max, csv["utilization_bps"]);
        Assert.Equal(min, csv["buffer_depth"]);
        Assert.Equal(Wad.Uint256Max, Wad.Parse(csv["reserve_balance_decimal"]!));
        Assert.Equal(Wad.Uint256Max, Wad.Parse(csv["utilization_bps_decimal"]!, 4));
        Assert.Equal(ChainRows.Int256Min, Wad.Parse(csv["buffer_depth_decimal"]!));

        var (jsonl, _) = await _db.ExportBytesAsync(query, ExportFormat.JsonLines);
        using var json = JsonDocument.Parse(Encoding.UTF8.GetString(jsonl).TrimEnd('\n'));
        var root = json.RootElement;
        Assert.Equal(max, root.GetProperty("mark_price").GetString());
        Assert.Equal(min, root.GetProperty("buffer_depth").GetString());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("block_number").ValueKind);
        Assert.Equal("BTC", root.GetProperty("pool_underlying").GetString());

        using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream((await _db.ExportBytesAsync(query, ExportFormat.Xlsx)).Bytes));
        var sheet = workbook.Worksheets.Single();
        var header = sheet.Row(1).CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Equal(max, sheet.Cell(2, header.IndexOf("token_supply_value") + 1).GetString());
        Assert.Equal(min, sheet.Cell(2, header.IndexOf("buffer_depth") + 1).GetString());
    }

    [Fact]
    public async Task JsonLinesTypesNumbersBooleansAndExactStrings()
    {
        var (bytes, _) = await _db.ExportBytesAsync(new ExportQuery { ToBlock = 20 }, ExportFormat.JsonLines);
        var lines = Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var doc = JsonDocument.Parse(lines[0]);
        var row = doc.RootElement;
        Assert.Equal(31337, row.GetProperty("chain_id").GetInt64());
        Assert.Equal(1, row.GetProperty("rebalance_id").GetInt64());
        Assert.Equal(JsonValueKind.False, row.GetProperty("is_buy").ValueKind);
        Assert.Equal("100000000000000000000", row.GetProperty("nav_before").GetString());
        Assert.Equal("100", row.GetProperty("nav_before_decimal").GetString());
    }

    [Fact]
    public async Task WriteFileAsyncPutsTheManifestBesideTheFile()
    {
        var folder = Directory.CreateTempSubdirectory("exports-").FullName;
        try
        {
            var manifest = await _db.Export().WriteFileAsync(new ExportQuery { Token = TokenB }, ExportFormat.Csv, folder, CancellationToken.None);
            var path = Path.Combine(folder, manifest.FileName);
            Assert.Equal(manifest.Sha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path))));
            var written = ExportManifest.FromJson(await File.ReadAllTextAsync(ExportFileNames.ManifestFor(path)));
            Assert.Equal(manifest with { Columns = written.Columns, IndexerCheckpoints = written.IndexerCheckpoints, Coverage = written.Coverage }, written);
            Assert.Equal(manifest.Coverage.Single().Finality, written.Coverage.Single().Finality);
            Assert.Equal(manifest.Coverage.Single().Contracts, written.Coverage.Single().Contracts);
            Assert.Equal(TokenB, written.Query.Token);
            Assert.DoesNotContain(Directory.GetFiles(folder), f => f.EndsWith(".partial", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    internal static List<IReadOnlyDictionary<string, string?>> ReadCsv(byte[] bytes)
    {
        var path = Path.GetTempFileName() + ".csv";
        File.WriteAllBytes(path, bytes);
        try { return [.. ExportFileReader.Read(path).Select(r => r.Cells)]; }
        finally { File.Delete(path); }
    }
}
