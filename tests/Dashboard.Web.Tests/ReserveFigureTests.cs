using LeveragedTokens.Data;
using LeveragedTokens.Data.Entities;
using LeveragedTokens.Staff.Thresholds;
using Microsoft.EntityFrameworkCore;

namespace LeveragedTokens.Dashboard.Web.Tests;

/// <summary>The reserve page's figures against the events behind them: draws by token, and the runway's window.</summary>
[Collection(SeededDashboardCollection.Name)]
public sealed class ReserveFigureTests(SeededDashboard app)
{
    private readonly HttpClient _client = app.Factory.CreateClient();

    [Theory]
    [InlineData("BTC", null, null)]
    [InlineData("ETH", null, null)]
    [InlineData("BTC", 100, 268)]
    // Across the ETH suspension (hours 360 to 372), when its tokens drew nothing.
    [InlineData("ETH", 350, 380)]
    public async Task ReserveDrawsByTokenAreTheSumsOfTheReserveDrawnEventsOfThePeriod(string underlying, int? fromHour, int? toHour)
    {
        DateTime? from = fromHour is { } f ? ChainRows.Genesis.AddHours(f) : null, to = toHour is { } t ? ChainRows.Genesis.AddHours(t) : null;
        var reserves = app.Factory.Services.GetRequiredService<ReserveQueries>();
        var pool = (await reserves.FindAsync(ChainRows.ChainId, underlying))!;
        var expected = app.Seeded.Draws
            .Where(d => d.PoolAddress == pool.Address && d.Kind == LedgerEntryKind.ReserveDrawn && !(d.BlockTime < from) && !(d.BlockTime > to))
            .GroupBy(d => d.Counterparty!)
            .ToDictionary(g => g.Key, g => (Amount: Sum(g.Select(d => d.Amount)), Value: Sum(g.Select(d => d.Value!.Value)), Count: (long)g.Count()));
        Assert.NotEmpty(expected);

        var draws = await reserves.DrawsByTokenAsync(pool, from, to);

        Assert.Equal(expected.Keys.Order(), draws.Select(d => d.TokenAddress).Order());
        foreach (var d in draws)
        {
            Assert.Equal(expected[d.TokenAddress], (d.Amount, d.Value, d.Count));
            Assert.Equal(pool.Tokens.Single(t => t.Address == d.TokenAddress).Symbol, d.Symbol);
        }
        // The page shows the same sums, exact in each amount's title.
        var range = from is null ? "range=all" : $"range=custom&from={from:yyyy-MM-ddTHH:mm:ssZ}&to={to:yyyy-MM-ddTHH:mm:ssZ}";
        var html = await _client.GetStringAsync($"/reserves/{underlying}?{range}");
        foreach (var (amount, value, _) in expected.Values)
        {
            Assert.Contains($"(raw {amount})", html);
            Assert.Contains($"(raw {value})", html);
        }
    }

    [Fact]
    public async Task TheRunwayWindowIsTheStaffSettingOnThePageAndInTheApi()
    {
        var editor = app.Factory.Services.GetRequiredService<ThresholdEditor>();
        var pool = (await app.Factory.Services.GetRequiredService<ReserveQueries>().FindAsync(ChainRows.ChainId, "BTC"))!;
        await AssertRunwayAsync(pool.Address, ReserveRunway.DefaultWindowHours);
        await editor.SetAsync(ThresholdScopes.Of(pool.ChainId, pool.Address), ThresholdKey.RunwayWindowHours, 48, "test", "a longer average", default);
        try
        {
            await AssertRunwayAsync(pool.Address, 48);
        }
        finally
        {
            await editor.SetAsync(ThresholdScopes.Of(pool.ChainId, pool.Address), ThresholdKey.RunwayWindowHours, null, "test", "back to the default", default);
        }
    }

    private async Task AssertRunwayAsync(string poolAddress, int windowHours)
    {
        await using var db = TestDatabases.Dashboard(app.ConnectionString);
        var latest = await db.ReserveMetrics.AsNoTracking().Where(m => m.PoolAddress == poolAddress).OrderByDescending(m => m.Hour).FirstAsync();
        // As the runway alert counts: draws after the row's time minus the window, up to the row's block.
        var drawn = Sum(app.Seeded.Draws.Where(d => d.PoolAddress == poolAddress && d.BlockTime > latest.BlockTime.AddHours(-windowHours) && d.BlockNumber <= latest.BlockNumber)
            .Select(d => d.Value!.Value));
        var expected = new ReserveRunway(latest.BufferDepth, drawn, windowHours);

        var response = await _client.GetJsonAsync("/api/v1/reserves/BTC/runway");
        Assert.Equal(windowHours, response.GetProperty("windowHours").GetDecimal());
        Assert.Equal(drawn.ToString(), response.GetProperty("drawn").GetProperty("raw").GetString());
        Assert.Equal(latest.BufferDepth.ToString(), response.GetProperty("bufferDepth").GetProperty("raw").GetString());
        Assert.Equal(Math.Round(expected.Hours, 1), response.GetProperty("hours").GetDouble());

        var html = await _client.GetStringAsync("/reserves/BTC");
        Assert.Contains($"{expected.Hours:N0} hours at the average draw of the last {windowHours} h", html);
    }

    private static BigInteger Sum(IEnumerable<BigInteger> values) => values.Aggregate(BigInteger.Zero, (a, b) => a + b);
}
