using LeveragedTokens.Data;
using LeveragedTokens.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LeveragedTokens.Dashboard.Web.Tests;

[Collection(SeededDashboardCollection.Name)]
public sealed class KeysetPaginationTests(SeededDashboard app)
{
    [Fact]
    public async Task WalkingTheApiCursorVisitsEveryRebalanceOnceNewestFirst()
    {
        var client = app.Factory.CreateClient();
        var expected = app.Seeded.Rebalances.Where(r => r.TokenAddress == SampleData.Tokens[2].Address)
            .OrderByDescending(r => r.BlockNumber).ThenByDescending(r => r.LogIndex).Select(r => (r.TxHash, r.LogIndex)).ToList();
        var seen = new List<(string, int)>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tokens/ETH3L/rebalances?limit=7{(cursor is null ? "" : "&cursor=" + cursor)}");
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i =>
                (i.GetProperty("source").GetProperty("txHash").GetString()!, i.GetProperty("source").GetProperty("logIndex").GetInt32())));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        } while (cursor is not null && pages < 1000);
        Assert.Equal(expected, seen);
    }

    /// <summary>EF's "Skip/Take without OrderBy" warning is an error in the host's contexts: such a page fails, never drifts.</summary>
    [Fact]
    public async Task TheHostsContextsRefuseAPageWithoutAnOrder()
    {
        await using var db = await app.Factory.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        await using var staff = await app.Factory.Services.GetRequiredService<IDbContextFactory<LeveragedTokens.Staff.Persistence.StaffDbContext>>().CreateDbContextAsync();

        var unordered = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Tokens.Select(t => t.ChainId).Distinct().Take(2).ToListAsync());
        var skipped = await Assert.ThrowsAsync<InvalidOperationException>(() => staff.Users.Skip(1).ToListAsync());

        Assert.Contains(nameof(CoreEventId.RowLimitingOperationWithoutOrderByWarning), unordered.Message);
        Assert.Contains(nameof(CoreEventId.RowLimitingOperationWithoutOrderByWarning), skipped.Message);
        // The ordered page, the one rebalance paging uses to pin its chain, still runs.
        Assert.Equal([ChainRows.ChainId], await db.Tokens.Select(t => t.ChainId).Distinct().OrderBy(c => c).Take(2).ToListAsync());
    }

    [Theory]
    [InlineData(RebalanceSort.Newest)]
    [InlineData(RebalanceSort.Oldest)]
    [InlineData(RebalanceSort.NavDeltaAscending)]
    [InlineData(RebalanceSort.NavDeltaDescending)]
    public async Task EverySortOrderPagesWithoutGapsOrDuplicates(RebalanceSort sort)
    {
        var queries = app.Factory.Services.GetRequiredService<RebalanceQueries>();
        var filter = new RebalanceFilter { Trigger = RebalanceTrigger.TimeFallback };
        var all = app.Seeded.Rebalances.Where(r => r.Trigger == RebalanceTrigger.TimeFallback).ToList();
        IEnumerable<Rebalance> ordered = sort switch
        {
            RebalanceSort.Oldest => all.OrderBy(r => r.BlockNumber).ThenBy(r => r.LogIndex),
            RebalanceSort.NavDeltaAscending => all.OrderBy(r => r.NavDelta).ThenBy(r => r.BlockNumber).ThenBy(r => r.LogIndex),
            RebalanceSort.NavDeltaDescending => all.OrderByDescending(r => r.NavDelta).ThenByDescending(r => r.BlockNumber).ThenByDescending(r => r.LogIndex),
            _ => all.OrderByDescending(r => r.BlockNumber).ThenByDescending(r => r.LogIndex),
        };
        var seen = new List<(long, int)>();
        RebalanceCursor? cursor = null;
        do
        {
            var page = await queries.PageAsync(filter, sort, cursor, 10);
            seen.AddRange(page.Rows.Select(r => (r.BlockNumber, r.LogIndex)));
            Assert.All(page.Rows, r => Assert.Equal(RebalanceTrigger.TimeFallback, r.Trigger));
            cursor = page.Next is { } n && RebalanceCursor.TryParse(n.Encode(), out var parsed) ? parsed : null;
        } while (cursor is not null);
        Assert.Equal(ordered.Select(r => (r.BlockNumber, r.LogIndex)), seen);
    }

    [Fact]
    public async Task FiltersCombineOnDirectionDateAndNavDelta()
    {
        var queries = app.Factory.Services.GetRequiredService<RebalanceQueries>();
        var from = ChainRows.Genesis.AddDays(3);
        var to = ChainRows.Genesis.AddDays(10);
        var max = -1 * Wad.One / 100;
        var filter = new RebalanceFilter { IsBuy = true, From = from, To = to, MaxNavDelta = max };
        var page = await queries.PageAsync(filter, RebalanceSort.Newest, null, 500);
        var expected = app.Seeded.Rebalances.Count(r => r.IsBuy && r.BlockTime >= from && r.BlockTime <= to && r.NavDelta <= max);
        Assert.Equal(expected, page.Rows.Count);
        Assert.All(page.Rows, r => Assert.True(r.IsBuy && r.NavDelta <= max));
    }
}
