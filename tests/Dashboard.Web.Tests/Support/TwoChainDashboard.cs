namespace LeveragedTokens.Dashboard.Web.Tests.Support;

/// <summary>The real web host over <see cref="SampleData"/> plus <see cref="SecondChainSample"/>: one protocol, two chains, same addresses.</summary>
public sealed class TwoChainDashboard : IAsyncLifetime
{
    private PostgresDatabase? _database;

    public Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Factory { get; private set; } = default!;
    public SampleData.Seeded First { get; private set; } = default!;
    public SecondChainSample.Seeded Second { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync("chains");
        First = await SampleData.SeedAsync(_database.ConnectionString, hours: 24 * 4);
        Second = await SecondChainSample.SeedAsync(_database.ConnectionString, First);
        Factory = SeededDashboard.Create(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}
