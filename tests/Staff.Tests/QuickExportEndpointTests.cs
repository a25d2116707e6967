namespace LeveragedTokens.Staff.Tests;

/// <summary>The quick export for anyone, over HTTP on a seeded database.</summary>
[Collection(HangfireHostsCollection.Name)]
public sealed class QuickExportEndpointTests(ExportWebFixture fixture) : IClassFixture<ExportWebFixture>
{
    private readonly StaffWebApp _app = fixture.App;

    internal static string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    internal static string[] Lines(string body) => body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task TheQuickCsvExportIsCappedAndSaysSoInItsFileName()
    {
        var response = await _app.Client().GetAsync("/api/v1/exports/rebalances.csv?token=BTC3L");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var name = response.Content.Headers.ContentDisposition!.FileName!.Trim('"');
        Assert.Equal($"rebalances.v2.chain-31337.token-{ChainSeeder.Token}.first-{ExportWebFixture.Cap}.csv", name);
        Assert.Equal(ExportWebFixture.Cap.ToString(), response.Headers.GetValues("X-Export-Row-Cap").Single());
        var lines = Lines(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("chain_id,contract_address,block_number,", lines[0]);
        Assert.Equal(ExportWebFixture.Cap + 1, lines.Length);
        // The first rows in chain order: blocks 300, 600, 900.
        for (var i = 0; i < ExportWebFixture.Cap; i++) Assert.Contains(ChainSeeder.TxOf(ExportWebFixture.Blocks[i]), lines[i + 1]);
    }

    [Fact]
    public async Task TheQuickExportTakesThePeriodOfTheViewWithAnInclusiveEnd()
    {
        var from = Iso(ChainSeeder.TimeOf(600));
        var to = Iso(ChainSeeder.TimeOf(900));

        var response = await _app.Client().GetAsync($"/api/v1/exports/rebalances.csv?token=BTC3L&from={from}&to={to}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = Lines(await response.Content.ReadAsStringAsync());
        Assert.Equal(3, lines.Length);
        Assert.Contains(ChainSeeder.TxOf(600), lines[1]);
        Assert.Contains(ChainSeeder.TxOf(900), lines[2]);
        Assert.Contains(".time-20260101T020000Z-20260101T030001Z.first-3.csv", response.Content.Headers.ContentDisposition!.FileName);
    }

    [Fact]
    public async Task TheQuickJsonLinesExportHasOneObjectPerRowAndIsCappedToo()
    {
        var response = await _app.Client().GetAsync("/api/v1/exports/rebalances.jsonl");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/jsonl", response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".first-3.jsonl", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        var rows = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(ExportWebFixture.Cap, rows.Count);
        Assert.Equal(ExportWebFixture.Blocks.Take(3), rows.Select(r => r.GetProperty("block_number").GetInt64()));
        Assert.All(rows, r => Assert.Equal("BTC3L", r.GetProperty("token_symbol").GetString()));
    }

    [Theory]
    [InlineData("token=DOGE3L", 404)]
    [InlineData("token=0x00000000000000000000000000000000000000ff", 404)]
    [InlineData("token=0xZZ", 400)]
    [InlineData("from=yesterday", 400)]
    [InlineData("to=2026-13-45T99:99:99Z", 400)]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", 400)]
    public async Task BadQuickExportParametersAreAnsweredWithProblemDetails(string query, int status)
    {
        foreach (var extension in new[] { "csv", "jsonl" })
        {
            var response = await _app.Client().GetAsync($"/api/v1/exports/rebalances.{extension}?{query}");

            Assert.Equal(status, (int)response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(status, problem.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        }
    }

    [Fact]
    public async Task TheLastPossibleTimeIsAnOpenEndNotAServerError()
    {
        var response = await _app.Client().GetAsync("/api/v1/exports/rebalances.csv?to=9999-12-31T23:59:59Z");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

/// <summary>The quick export counts against the public API's per-client limit.</summary>
[Collection(HangfireHostsCollection.Name)]
public sealed class QuickExportRateLimitTests
{
    [Fact]
    public async Task TheQuickExportIsRateLimitedLikeTheRestOfThePublicApi()
    {
        await using var app = await StaffWebApp.StartAsync(settings: new Dictionary<string, string?> { ["Dashboard:ApiPermitsPerMinute"] = "2" });
        var client = app.Client();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) answers.Add((await client.GetAsync("/api/v1/exports/rebalances.csv")).StatusCode);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
    }
}
