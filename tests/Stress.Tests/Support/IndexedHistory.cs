using LeveragedTokens.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeveragedTokens.Stress.Tests.Support;

/// <summary>
/// Once per test run: a real anvil with five simulated days played by the project's simulator (its SOL squeeze,
/// suspension and recapitalisation included), indexed by the real indexer into a fresh database.
/// </summary>
public sealed class IndexedHistory : IAsyncLifetime
{
    public const int Days = 5, Seed = 11;
    private AnvilNode _anvil = null!;
    private PostgresDatabase _database = null!;
    public IDbContextFactory<DashboardDbContext> Contexts { get; private set; } = null!;
    public SimulatedDeployment Deployment { get; private set; } = null!;
    public string ConnectionString => _database.ConnectionString;
    public StressStateLoader States => new(Contexts);
    public ReplayLoader Replays => new(Contexts);

    public async Task InitializeAsync()
    {
        (_anvil, var deployment) = await SimulatorProcess.StartSimulatedChainAsync(Days, Seed);
        Deployment = deployment;
        _database = await PostgresDatabase.CreateAsync("stress");
        await using (var db = TestDatabases.Dashboard(_database.ConnectionString)) await db.Database.MigrateAsync();
        await using (var indexer = await IndexerHost.StartAsync(_anvil.RpcUrl, _database.ConnectionString, deployment))
            await indexer.RunUntilHeadAsync(maxPolls: 100);
        Contexts = new ServiceCollection().AddDbContextFactory<DashboardDbContext>(o => o.UseDashboardDatabase(_database.ConnectionString))
            .BuildServiceProvider().GetRequiredService<IDbContextFactory<DashboardDbContext>>();
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await _anvil.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class IndexedHistoryCollection : ICollectionFixture<IndexedHistory>
{
    public const string Name = "indexed history";
}
