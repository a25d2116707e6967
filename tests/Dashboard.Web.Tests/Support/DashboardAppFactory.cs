using Microsoft.AspNetCore.Mvc.Testing;

namespace LeveragedTokens.Dashboard.Web.Tests.Support;

/// <summary>The real web host on a fresh Postgres database holding <see cref="SampleData"/>.</summary>
public sealed class SeededDashboard : IAsyncLifetime
{
    private PostgresDatabase? _database;

    public WebApplicationFactory<Program> Factory { get; private set; } = default!;
    public SampleData.Seeded Seeded { get; private set; } = default!;
    public string ConnectionString => _database!.ConnectionString;

    public async Task InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync("web");
        Seeded = await SampleData.SeedAsync(_database.ConnectionString);
        Factory = Create(_database.ConnectionString);
    }

    public static WebApplicationFactory<Program> Create(string connectionString, int apiPermitsPerMinute = 100_000) =>
        DashboardWebFactory.Create(connectionString, configure: b => b
            .UseSetting("Operations:PagePermitsPerMinute", "1000000")
            .UseSetting("Dashboard:ApiPermitsPerMinute", apiPermitsPerMinute.ToString())
            .UseSetting("Dashboard:Explorers:31337", "https://explorer.example"));

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SeededDashboardCollection : ICollectionFixture<SeededDashboard>
{
    public const string Name = "seeded dashboard";
}
