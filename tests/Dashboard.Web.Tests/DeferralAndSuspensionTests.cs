using LeveragedTokens.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LeveragedTokens.Dashboard.Web.Tests;

/// <summary>Deferred rebalances and pool suspensions, as the API and the pages show them: every row traced to its log.</summary>
[Collection(SeededDashboardCollection.Name)]
public sealed class DeferralAndSuspensionTests(SeededDashboard app)
{
    private readonly HttpClient _client = app.Factory.CreateClient();

    [Fact]
    public async Task ATokensDeferralsArePagedByCursorNewestFirstWithReasonLeverageAndTheirLogs()
    {
        var token = SampleData.Tokens.First(t => t.Symbol == "ETH3L");
        var seeded = app.Seeded.Deferrals.Where(d => d.TokenAddress == token.Address)
            .OrderByDescending(d => d.BlockNumber).ThenByDescending(d => d.LogIndex).ToList();
        Assert.True(seeded.Count > 3, "the sample's suspension should hold back several ETH3L rebalances");

        var listed = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await _client.GetJsonAsync("/api/v1/tokens/ETH3L/deferrals?limit=3" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.InRange(items.Count, 1, 3);
            listed.AddRange(items);
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);

        Assert.Equal(seeded.Count, listed.Count);
        foreach (var (json, row) in listed.Zip(seeded))
        {
            var source = json.GetProperty("source");
            Assert.Equal((row.BlockNumber, row.LogIndex, row.TxHash, row.BlockHash), (source.GetProperty("blockNumber").GetInt64(),
                source.GetProperty("logIndex").GetInt32(), source.GetProperty("txHash").GetString(), source.GetProperty("blockHash").GetString()));
            Assert.Equal("https://explorer.example/tx/" + row.TxHash, source.GetProperty("explorerUrl").GetString());
            Assert.Equal("suspended", json.GetProperty("reason").GetString());
            Assert.Equal(row.Leverage.ToString(), json.GetProperty("leverage").GetProperty("raw").GetString());
            Assert.Equal(Wad.Exact(row.MarkPrice), json.GetProperty("markPrice").GetProperty("value").GetString());
        }
        // The BTC pool was never suspended: its tokens have nothing deferred.
        Assert.Empty((await _client.GetJsonAsync("/api/v1/tokens/BTC3L/deferrals")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task DeferralsFilterByTime()
    {
        var token = SampleData.Tokens.First(t => t.Symbol == "ETH3S");
        var all = app.Seeded.Deferrals.Where(d => d.TokenAddress == token.Address).OrderBy(d => d.BlockTime).ToList();
        var from = all[1].BlockTime;
        var page = await _client.GetJsonAsync($"/api/v1/tokens/ETH3S/deferrals?from={from:O}");
        Assert.Equal(all.Count(d => d.BlockTime >= from), page.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/v1/tokens/ETH3L/deferrals?cursor=abc", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/tokens/ETH3L/deferrals?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/tokens/ETH3L/deferrals?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/tokens/NOPE/deferrals", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/reserves/DOGE/suspensions", HttpStatusCode.NotFound)]
    public async Task BadOrUnknownAreProblemDetails(string url, HttpStatusCode status)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task APoolsSuspensionsCarryStartEndDurationHeldBackTokensAndBothLogs()
    {
        await using var db = TestDatabases.Dashboard(app.ConnectionString);
        var events = await db.SuspensionEvents.AsNoTracking().Where(s => s.PoolAddress == SampleData.EthPool)
            .OrderBy(s => s.BlockNumber).ThenBy(s => s.LogIndex).ToListAsync();
        var (suspended, resumed) = (events.Single(e => e.IsSuspended), events.Single(e => !e.IsSuspended));

        var list = (await _client.GetJsonAsync("/api/v1/reserves/ETH/suspensions")).EnumerateArray().ToList();

        var s = Assert.Single(list);
        Assert.False(s.GetProperty("ongoing").GetBoolean());
        Assert.Equal((long)(resumed.BlockTime - suspended.BlockTime).TotalSeconds, s.GetProperty("durationSeconds").GetInt64());
        Assert.Equal(["ETH3L", "ETH3S"], s.GetProperty("tokensHeldBack").EnumerateArray().Select(t => t.GetString()!));
        foreach (var (json, row) in new[] { (s.GetProperty("suspended"), suspended), (s.GetProperty("resumed"), resumed) })
        {
            var source = json.GetProperty("source");
            Assert.Equal((row.BlockNumber, row.LogIndex, row.TxHash, row.BlockTime), (source.GetProperty("blockNumber").GetInt64(),
                source.GetProperty("logIndex").GetInt32(), source.GetProperty("txHash").GetString(), source.GetProperty("blockTime").GetDateTime()));
            Assert.Equal(row.ReserveValue.ToString(), json.GetProperty("reserveValue").GetProperty("raw").GetString());
            Assert.Equal(row.FloorValue.ToString(), json.GetProperty("floorValue").GetProperty("raw").GetString());
        }
        Assert.Empty((await _client.GetJsonAsync("/api/v1/reserves/BTC/suspensions")).EnumerateArray());
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesDeferralsAndSuspensions()
    {
        var paths = (await _client.GetJsonAsync("/api/v1/openapi.json")).GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/tokens/{token}/deferrals", paths);
        Assert.Contains("/api/v1/reserves/{underlying}/suspensions", paths);
    }

    [Fact]
    public async Task TheTokenPageListsItsDeferralsAndMarksThemOnTheLeverageChart()
    {
        var token = SampleData.Tokens.First(t => t.Symbol == "ETH3L");
        var html = await _client.GetStringAsync("/tokens/ETH3L?range=all");
        Assert.Contains("data-testid=\"deferral-list\"", html);
        // Newest first, 25 to a page.
        foreach (var d in app.Seeded.Deferrals.Where(d => d.TokenAddress == token.Address).OrderByDescending(d => d.BlockNumber).Take(25))
        {
            Assert.Contains($"id=\"deferral-{d.TxHash}-{d.LogIndex}\"", html);
            Assert.Contains($"data-block=\"{d.BlockNumber}\" data-tx=\"{d.TxHash}\" data-log=\"{d.LogIndex}\"", html);
        }
        Assert.Contains("pool suspended", html);
        Assert.Contains("Rebalance deferred", html);
        Assert.Contains("No rebalance was deferred in this period.", await _client.GetStringAsync("/tokens/BTC3L?range=all"));
    }

    [Fact]
    public async Task TheReservePageListsItsSuspensionWithBothEndsTraced()
    {
        var html = await _client.GetStringAsync("/reserves/ETH?range=all");
        Assert.Contains("data-testid=\"suspension-list\"", html);
        Assert.Contains("data-ongoing=\"false\"", html);
        Assert.Contains("12h 0m", html);
        foreach (var tx in (await _client.GetJsonAsync("/api/v1/reserves/ETH/suspensions"))[0] is var s
                     ? new[] { s.GetProperty("suspended"), s.GetProperty("resumed") }.Select(e => e.GetProperty("source").GetProperty("txHash").GetString())
                     : [])
            Assert.Contains("https://explorer.example/tx/" + tx, html);
        Assert.Contains("Rebalancing has never been suspended.", await _client.GetStringAsync("/reserves/BTC?range=all"));
    }

    [Fact]
    public async Task TheOverviewSaysNoRebalanceIsBeingDeferredWhenEachTokenRebalancedSince()
    {
        var html = await _client.GetStringAsync("/");
        Assert.DoesNotContain("deferred-chip", html);
    }
}

/// <summary>The overview's "rebalance deferred" chip, on a database of its own (it adds a deferral after every rebalance).</summary>
public sealed class DeferredOverviewTests
{
    [Fact]
    public async Task ATokenWhoseLatestDeferralIsNewerThanItsLatestRebalanceSaysSoOnTheOverview()
    {
        await using var database = await PostgresDatabase.CreateAsync("deferred");
        var seeded = await SampleData.SeedAsync(database.ConnectionString, hours: 48);
        var token = SampleData.Tokens.First(t => t.Symbol == "BTC3S");
        var first = ChainRows.Hourly.At(seeded.LastBlock + 1, 0, token.Address, time: seeded.LastTime.AddMinutes(10));
        await using (var db = TestDatabases.Dashboard(database.ConnectionString))
        {
            db.RebalanceDeferrals.AddRange(
                new RebalanceDeferral { TokenAddress = token.Address, Reason = DeferralReason.PoolSuspended, Leverage = 4 * Wad.One, MarkPrice = Wad.One }.At(first),
                new RebalanceDeferral { TokenAddress = token.Address, Reason = DeferralReason.ReserveCannotCover, Leverage = 4 * Wad.One, MarkPrice = Wad.One }
                    .At(ChainRows.Hourly.At(seeded.LastBlock + 2, 0, token.Address, time: seeded.LastTime.AddMinutes(20))));
            await db.SaveChangesAsync();
        }
        await using var factory = SeededDashboard.Create(database.ConnectionString);

        var html = await factory.CreateClient().GetStringAsync("/");

        // The latest reason, since the first deferral after the last rebalance; the other tokens say nothing.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "data-testid=\"deferred-chip\""));
        Assert.Contains($"rebalance deferred: reserve cannot cover costs since {first.BlockTime:yyyy-MM-dd HH:mm} UTC", html);
    }
}
