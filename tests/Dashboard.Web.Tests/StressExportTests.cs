using System.Globalization;
using System.Text.RegularExpressions;
using LeveragedTokens.Data;
using LeveragedTokens.Staff.Thresholds;
using Microsoft.EntityFrameworkCore;

namespace LeveragedTokens.Dashboard.Web.Tests;

/// <summary>Stress results as files (CSV and JSON, from the API and the page's links), and the report's runway window.</summary>
[Collection(SeededDashboardCollection.Name)]
public sealed partial class StressExportTests(SeededDashboard app)
{
    private readonly HttpClient _client = app.Factory.CreateClient();

    [Fact]
    public async Task TheCsvAndJsonFilesCarryTheStartingBlockTheModelParametersAndTheApisNumbers()
    {
        const string query = "shocks=BTC:-30,ETH:%2B10&hours=12&liquidity=0.5";
        var answer = await _client.GetJsonAsync("/api/v1/stress?" + query);
        var atBlock = answer.GetProperty("atBlock").GetInt64();

        var jsonFile = await _client.GetAsync($"/api/v1/stress?{query}&format=json");
        Assert.Equal("application/json", jsonFile.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"stress-block-{atBlock}-shocks.json", jsonFile.Content.Headers.ContentDisposition?.FileNameStar ?? jsonFile.Content.Headers.ContentDisposition?.FileName);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(
            System.Text.Json.Nodes.JsonNode.Parse(answer.GetRawText()), System.Text.Json.Nodes.JsonNode.Parse(await jsonFile.Content.ReadAsStringAsync())));

        var csvFile = await _client.GetAsync($"/api/v1/stress?{query}&format=csv");
        Assert.Equal("text/csv", csvFile.Content.Headers.ContentType?.MediaType);
        var rows = ParseCsv(await csvFile.Content.ReadAsStringAsync());
        Assert.Equal("record,subject,hour,time,field,raw,value".Split(','), rows[0]);
        string? Cell(string record, string subject, string field, int column = 6, string? hour = null) =>
            rows.SingleOrDefault(r => r[0] == record && r[1] == subject && r[4] == field && (hour is null || r[2] == hour))?[column];

        Assert.Equal(atBlock.ToString(CultureInfo.InvariantCulture), Cell("parameter", "", "atBlock"));
        var scenario = answer.GetProperty("scenario");
        Assert.Equal("0.5", Cell("parameter", "", "scenario.liquidity"));
        Assert.Equal(scenario.GetProperty("description").GetString(), Cell("parameter", "", "scenario.description"));
        Assert.Contains("BTC:-30,ETH:+10", Cell("parameter", "", "scenario.description"));
        var figures = 0;
        foreach (var pool in answer.GetProperty("pools").EnumerateArray())
        {
            var underlying = pool.GetProperty("underlying").GetString()!;
            var fit = pool.GetProperty("slippageModel");
            Assert.Equal(fit.GetProperty("depth").GetProperty("raw").GetString(), Cell("pool", underlying, "slippageModel.depth", column: 5));
            Assert.Equal(fit.GetProperty("depthUsed").GetProperty("raw").GetString(), Cell("pool", underlying, "slippageModel.depthUsed", column: 5));
            Assert.Equal(fit.GetProperty("samples").GetInt32().ToString(CultureInfo.InvariantCulture), Cell("pool", underlying, "slippageModel.samples"));
            Assert.Equal(fit.GetProperty("statedError").GetRawText(), Cell("pool", underlying, "slippageModel.statedError"));
            Assert.Equal(pool.GetProperty("runwayWindowHours").GetRawText(), Cell("pool", underlying, "runwayWindowHours"));
            foreach (var hour in pool.GetProperty("path").EnumerateArray())
            {
                var h = hour.GetProperty("hour").GetInt64().ToString(CultureInfo.InvariantCulture);
                Assert.Equal(hour.GetProperty("utilizationBps").GetProperty("raw").GetString(), Cell("pool.path", underlying, "utilizationBps", 5, h));
                figures++;
            }
        }
        foreach (var token in answer.GetProperty("tokens").EnumerateArray())
        {
            var symbol = token.GetProperty("symbol").GetString()!;
            foreach (var field in new[] { "navBefore", "leverageBefore", "leverageAfterShock", "navAfter", "navNoShock", "lossVsNoShock", "reserveDraw" })
            {
                Assert.Equal(token.GetProperty(field).GetProperty("raw").GetString(), Cell("token", symbol, field, column: 5));
                Assert.Equal(token.GetProperty(field).GetProperty("value").GetString(), Cell("token", symbol, field));
                figures++;
            }
            foreach (var rebalance in token.GetProperty("rebalances").EnumerateArray())
            {
                var h = rebalance.GetProperty("hour").GetInt64().ToString(CultureInfo.InvariantCulture);
                Assert.Equal(rebalance.GetProperty("trigger").GetString(), Cell("token.rebalances", symbol, "trigger", 6, h));
                Assert.Equal(rebalance.GetProperty("reserveDraw").GetProperty("raw").GetString(), Cell("token.rebalances", symbol, "reserveDraw", 5, h));
                figures++;
            }
        }
        // The shock rebalances BTC's tokens, so the file holds their trades, not only summaries.
        Assert.Contains(rows, r => r[0] == "token.rebalances" && r[1] == "BTC3L");
        Assert.True(figures > 50, $"{figures} figures compared");
    }

    [Fact]
    public async Task ThePagesDownloadLinksAreTheApisFilesPinnedToTheBlockShown()
    {
        var html = await _client.GetStringAsync("/stress?shocks=ETH:-20&hours=6");
        var block = BlockShown().Match(html).Groups[1].Value;
        foreach (var format in new[] { "csv", "json" })
        {
            var href = Regex.Match(html, $"href=\"([^\"]+)\"[^>]*data-testid=\"stress-export-{format}\"").Groups[1].Value.Replace("&amp;", "&");
            Assert.StartsWith("/api/v1/stress?", href);
            Assert.Contains($"atBlock={block}", href);
            Assert.Contains($"format={format}", href);
            var file = await _client.GetStringAsync(href);
            Assert.Contains(format == "csv" ? $"parameter,,,,atBlock,,{block}" : $"\"atBlock\":{block}", file);
            Assert.Contains("ETH:-20", file);
        }
    }

    [Fact]
    public async Task AnUnknownFormatIsA400()
    {
        var response = await _client.GetAsync("/api/v1/stress?shocks=BTC:-30&format=xlsx");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'format' must be json or csv", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheStressRunwayIsTheReservePagesOverTheStaffRunwayWindow()
    {
        var editor = app.Factory.Services.GetRequiredService<ThresholdEditor>();
        var pool = (await app.Factory.Services.GetRequiredService<ReserveQueries>().FindAsync(ChainRows.ChainId, "BTC"))!;
        await using var db = TestDatabases.Dashboard(app.ConnectionString);
        var latest = await db.ReserveMetrics.AsNoTracking().Where(m => m.PoolAddress == pool.Address).OrderByDescending(m => m.Hour).FirstAsync();
        var hours = new List<double?>();
        foreach (var window in new decimal[] { ReserveRunway.DefaultWindowHours, 5 })
        {
            if (window != ReserveRunway.DefaultWindowHours) await editor.SetAsync(ThresholdScopes.Of(pool.ChainId, pool.Address), ThresholdKey.RunwayWindowHours, window, "test", "a short window", default);
            try
            {
                var stress = (await _client.GetJsonAsync($"/api/v1/stress?shocks=BTC:-10&atBlock={latest.BlockNumber}")).GetProperty("pools")
                    .EnumerateArray().Single(p => p.GetProperty("underlying").GetString() == "BTC");
                var runway = await _client.GetJsonAsync("/api/v1/reserves/BTC/runway");
                Assert.Equal(window, stress.GetProperty("runwayWindowHours").GetDecimal());
                Assert.Equal(window, runway.GetProperty("windowHours").GetDecimal());
                // The reserve page's draws over the staff window, with the scenario's starting buffer.
                var expected = new ReserveRunway(BigInteger.Parse(stress.GetProperty("bufferDepthBefore").GetProperty("raw").GetString()!),
                    BigInteger.Parse(runway.GetProperty("drawn").GetProperty("raw").GetString()!), window);
                var before = stress.GetProperty("runwayHoursBefore");
                double? shown = before.ValueKind == JsonValueKind.Null ? null : before.GetDouble();
                Assert.Equal(double.IsFinite(expected.Hours) ? Math.Round(expected.Hours, 1) : null, shown);
                hours.Add(shown);
            }
            finally
            {
                await editor.SetAsync(ThresholdScopes.Of(pool.ChainId, pool.Address), ThresholdKey.RunwayWindowHours, null, "test", "back to the default", default);
            }
        }
        Assert.NotEqual(hours[0], hours[1]);
    }

    [GeneratedRegex("From block (\\d+)")]
    private static partial Regex BlockShown();

    /// <summary>RFC 4180: quoted cells may hold commas and doubled quotes; rows end with CRLF.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        foreach (var line in text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var cells = new List<string>();
            var cell = new System.Text.StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = !quoted;
                else if (c == ',' && !quoted) { cells.Add(cell.ToString()); cell.Clear(); }
                else cell.Append(c);
            }
            cells.Add(cell.ToString());
            rows.Add([.. cells]);
        }
        return rows;
    }
}
