using System.IO.Compression;
using System.Security.Cryptography;
using LeveragedTokens.Exports;

namespace LeveragedTokens.Staff.Tests;

/// <summary>Full exports and reconciliation for auditors, and the pages that offer them, over HTTP on a seeded database.</summary>
[Collection(HangfireHostsCollection.Name)]
public sealed class AuditorExportEndpointTests(ExportWebFixture fixture) : IClassFixture<ExportWebFixture>
{
    private readonly StaffWebApp _app = fixture.App;

    public static TheoryData<string> AuditorPaths =>
    [
        "/api/staff/exports/rebalances.csv",
        "/api/staff/exports/reserve-ledger.jsonl?pool=BTC",
        "/api/staff/exports/reserve-metrics.xlsx",
        "/api/staff/exports/rebalances.csv.zip",
        "/api/staff/reconciliation/BTC",
        "/api/staff/reconciliation/BTC.csv",
    ];

    [Theory, MemberData(nameof(AuditorPaths))]
    public async Task FullExportsAndReconciliationRefuseAnonymousCallers(string path)
    {
        var response = await _app.Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory, MemberData(nameof(AuditorPaths))]
    public async Task FullExportsAndReconciliationRefuseStaffWithoutTheAuditorRole(string path)
    {
        foreach (var (email, password) in new[] { ("risk@example.test", StaffWebApp.Password), (StaffWebApp.AdminEmail, StaffWebApp.AdminPassword) })
        {
            var client = await _app.SignedInClientAsync(email, password);

            var response = await client.GetAsync(path);

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Fact]
    public async Task AnAuditorDownloadsEveryRowWithoutACap()
    {
        var response = await AuditorGetAsync("/api/staff/exports/rebalances.csv?token=BTC3L");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"rebalances.v2.chain-31337.token-{ChainSeeder.Token}.csv", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.False(response.Headers.Contains("X-Export-Row-Cap"));
        var lines = QuickExportEndpointTests.Lines(await response.Content.ReadAsStringAsync());
        Assert.Equal(ExportWebFixture.Blocks.Length + 1, lines.Length);
        Assert.Contains(ChainSeeder.TxOf(1500), lines[^1]);
    }

    [Fact]
    public async Task AnAuditorGetsTheExportAndItsManifestInOneZip()
    {
        var response = await AuditorGetAsync("/api/staff/exports/reserve-ledger.jsonl.zip?pool=BTC&fromBlock=600&toBlock=1200");

        using var zip = await DownloadedZipAsync(response, "application/zip");
        var name = $"reserve-ledger.v2.chain-31337.pool-{ChainSeeder.Pool}.blocks-600-1200.jsonl";
        Assert.Equal([name, name + ".manifest.json"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        var file = Read(zip.GetEntry(name)!);
        var manifest = ExportManifest.FromJson(System.Text.Encoding.UTF8.GetString(Read(zip.GetEntry(name + ".manifest.json")!)));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), manifest.Sha256);
        Assert.Equal(3, manifest.RowCount); // the draws at blocks 600, 900, 1200
        Assert.False(manifest.Truncated);
        Assert.Equal(new BlockRange(600, 1200), manifest.BlockRange);
        Assert.Equal(manifest.Sha256, response.Headers.GetValues("X-Export-Sha256").Single());
    }

    [Fact]
    public async Task AnAuditorExportsTheReserveMetricsAsXlsx()
    {
        var response = await AuditorGetAsync("/api/staff/exports/reserve-metrics.xlsx?token=BTC3L");

        using var xlsx = await DownloadedZipAsync(response, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        Assert.Contains(xlsx.Entries, e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAuditorReconcilesAPoolAndDownloadsTheReport()
    {
        var auditor = await _app.SignedInClientAsync("auditor@example.test");

        var view = await auditor.GetAsync("/api/staff/reconciliation/BTC?toBlock=1600");
        var csv = await auditor.GetAsync("/api/staff/reconciliation/BTC.csv?toBlock=1600");
        var json = await auditor.GetAsync($"/api/staff/reconciliation/{ChainSeeder.Pool}.json");

        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        var report = await view.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ChainSeeder.Pool, report.GetProperty("pool").GetString());
        Assert.Equal([ChainSeeder.Token], report.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains(report.GetProperty("checks").EnumerateArray(), c => c.GetProperty("check").GetString() == "rebalance-ids");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("check,contract_address,block_number,", await csv.Content.ReadAsStringAsync());
        Assert.Equal($"reconciliation.chain-31337.pool-{ChainSeeder.Pool}.blocks-start-1600.csv", csv.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("attachment", json.Content.Headers.ContentDisposition!.DispositionType);
    }

    [Fact]
    public async Task AnExportStopsAtTheFinalBlockAndRefusesAToBlockAboveIt()
    {
        var refused = await AuditorGetAsync("/api/staff/exports/rebalances.csv?toBlock=1601");
        var zip = await AuditorGetAsync("/api/staff/exports/rebalances.csv.zip");
        var openApi = await _app.Client().GetFromJsonAsync<JsonElement>("/api/v1/openapi.json");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("toBlock 1601 is not final on chain 31337: its latest final block is 1600.",
            (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        using var bundle = await DownloadedZipAsync(zip, "application/zip");
        var manifest = ExportManifest.FromJson(System.Text.Encoding.UTF8.GetString(
            Read(bundle.Entries.Single(e => e.FullName.EndsWith(".manifest.json", StringComparison.Ordinal)))));
        Assert.Equal($"final up to block 1600 (hash {ChainRows.BlockHash(1600)})", Assert.Single(manifest.Coverage).Finality);
        Assert.Equal([ChainSeeder.Token], manifest.Coverage[0].Contracts);
        var get = openApi.GetProperty("paths").GetProperty("/api/staff/exports/{file}").GetProperty("get");
        Assert.Contains("latest final block", get.GetProperty("description").GetString());
        Assert.True(get.GetProperty("responses").TryGetProperty("400", out _));
    }

    [Theory]
    [InlineData("/api/staff/exports/secrets.csv", 404)]
    [InlineData("/api/staff/exports/rebalances.exe", 404)]
    [InlineData("/api/staff/exports/rebalances.csv?pool=DOGE", 404)]
    [InlineData("/api/staff/exports/rebalances.csv?fromBlock=-1", 400)]
    [InlineData("/api/staff/exports/rebalances.csv?fromBlock=9&toBlock=1", 400)]
    [InlineData("/api/staff/exports/rebalances.csv.zip?toBlock=1601", 400)]
    [InlineData("/api/staff/reconciliation/DOGE", 404)]
    [InlineData("/api/staff/reconciliation/BTC?from=soon", 400)]
    public async Task AnAuditorsBadRequestsAreProblemDetails(string path, int status)
    {
        var response = await AuditorGetAsync(path);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task TheAuditPageSendsAnonymousVisitorsToSignInAndOtherStaffToDenied()
    {
        var anonymous = await _app.Client().GetAsync("/audit");
        var risk = await (await _app.SignedInClientAsync("risk@example.test")).GetAsync("/audit");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/staff/login", anonymous.Headers.Location!.PathAndQuery());
        Assert.Equal(HttpStatusCode.Redirect, risk.StatusCode);
        Assert.StartsWith("/staff/denied", risk.Headers.Location!.PathAndQuery());
    }

    [Fact]
    public async Task TheAuditPageOffersTheDownloadsToAnAuditor()
    {
        var response = await AuditorGetAsync("/audit");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Audit exports", html);
        Assert.Contains("href=\"/api/staff/exports/rebalances.csv\"", html);
        Assert.Contains("href=\"/api/staff/exports/rebalances.csv.zip\"", html);
        Assert.Contains("rebalances.v2.csv", html);
    }

    [Fact]
    public async Task TheRebalanceHistoryPageLinksToTheQuickExportOfItsFilters()
    {
        var response = await _app.Client().GetAsync("/rebalances?token=BTC3L&from=2026-01-01T00:00:00Z");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        // The token is on one chain: the export names it, so the file holds that chain's token only.
        Assert.Contains("href=\"/api/v1/exports/rebalances.csv?chainId=31337&token=BTC3L&from=2026-01-01T00%3A00%3A00Z\"", html);
        Assert.Contains($"Export CSV (first {ExportWebFixture.Cap} rows)", html);
    }

    private async Task<HttpResponseMessage> AuditorGetAsync(string url) =>
        await (await _app.SignedInClientAsync("auditor@example.test")).GetAsync(url);

    /// <summary>A successful download of <paramref name="mediaType"/>, opened as the zip it is (an xlsx is one too).</summary>
    private static async Task<ZipArchive> DownloadedZipAsync(HttpResponseMessage response, string mediaType)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        return new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
