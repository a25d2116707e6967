using LeveragedTokens.Data.Entities;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using System.Text.Json;
using Npgsql;

namespace LeveragedTokens.EndToEnd.Tests;

/// <summary>
/// The web app on a real Kestrel port (Development, so _content assets are served) over a seeded
/// database, and one Chromium for the whole collection.
/// </summary>
public class DashboardSite : IAsyncLifetime
{
    private PostgresDatabase? _database;
    private WebApplicationFactory<Program>? _factory;
    private Chromium? _chromium;

    public string BaseUrl { get; private set; } = "";
    public SampleData.Seeded Seeded { get; private set; } = default!;
    public string ConnectionString => _database!.ConnectionString;
    /// <summary>The screenshots of every page, committed with the docs (the README shows two of them).</summary>
    public static string ScreenshotDir { get; } = Path.Combine(RepoPaths.Root, "docs", "screenshots");

    /// <summary>A staff account with every role, for the staff pages.</summary>
    public const string StaffEmail = "staff@example.test", StaffPassword = "every-role-staff-pass";

    public async Task InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync("e2e");
        Seeded = await SampleData.SeedAsync(_database.ConnectionString);
        await AfterSeedAsync(_database.ConnectionString);
        // The factory's own port option does not reach a minimal-API host (it fell back to 5000): bind through "urls".
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        _factory = DashboardWebFactory.Create(_database.ConnectionString, configure: b => b
            .UseEnvironment("Development")
            .UseSetting(WebHostDefaults.ServerUrlsKey, url)
            .UseSetting("Operations:PagePermitsPerMinute", "1000000")
            .UseSetting("Dashboard:Explorers:31337", "https://explorer.example"));
        _factory.UseKestrel();
        _factory.StartServer();
        BaseUrl = url;
        await StaffSignIn.CreateUserAsync(_factory.Services, StaffEmail, StaffPassword, [.. LeveragedTokens.Staff.StaffRoles.All]);
        _chromium = await Chromium.LaunchAsync();
        Directory.CreateDirectory(ScreenshotDir);
    }

    /// <summary>A site of a different kind changes the seeded rows here, before the app starts.</summary>
    protected virtual Task AfterSeedAsync(string connectionString) => Task.CompletedTask;

    public Task<IPage> NewPageAsync(int width = 1280, int height = 900, string? timezoneId = null) =>
        _chromium!.NewPageAsync(width, height, timezoneId);

    /// <summary>A new desktop-size page at a path of the site.</summary>
    public async Task<IPage> OpenAsync(string path)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(BaseUrl + path);
        return page;
    }

    /// <summary>The JSON the site's API answers at <paramref name="path"/>, fetched with the page's browser context.</summary>
    public async Task<JsonElement> ApiAsync(IPage page, string path)
    {
        var response = await page.APIRequest.GetAsync(BaseUrl + path);
        Assert.True(response.Ok, $"{response.Status} for {path}");
        return JsonDocument.Parse(await response.TextAsync()).RootElement;
    }

    /// <summary>
    /// What the indexer does when a rebalance lands: write the row with its raw log, then NOTIFY chain_data.
    /// The next rebalance id of the token, at <paramref name="block"/> and <paramref name="time"/>.
    /// </summary>
    public async Task<Rebalance> LandRebalanceAsync(SampleData.TokenSpec token, long block, DateTime time, RebalanceTrigger trigger)
    {
        await using (var db = TestDatabases.Dashboard(ConnectionString))
        {
            var id = await db.Rebalances.Where(r => r.TokenAddress == token.Address).MaxAsync(r => r.RebalanceId) + 1;
            var at = ChainRows.Hourly.At(block, 0, token.Address, time: time);
            var rebalance = ChainRows.Rebalance(at, id);
            rebalance.Trigger = trigger;
            db.Rebalances.Add(rebalance);
            db.RawEvents.Add(ChainRows.Raw(at, "Rebalanced",
                [SampleData.RebalancedTopic0, "0x" + id.ToString("x64"), "0x" + ((int)trigger).ToString("x64")]));
            await db.SaveChangesAsync();
            await using var conn = new NpgsqlConnection(ConnectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("NOTIFY chain_data", conn);
            await cmd.ExecuteNonQueryAsync();
            return rebalance;
        }
    }

    public async Task DisposeAsync()
    {
        if (_chromium is not null) await _chromium.DisposeAsync();
        if (_factory is not null) await _factory.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardSiteCollection : ICollectionFixture<DashboardSite>
{
    public const string Name = "dashboard site";
}
