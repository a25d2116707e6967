using LeveragedTokens.Data;
using Microsoft.EntityFrameworkCore;

namespace LeveragedTokens.Dashboard.Web.Tests;

/// <summary>Hosts starting together (run.sh, docker compose) all migrate the same empty database.</summary>
public sealed class ConcurrentMigrationTests
{
    [Fact]
    public async Task HostsMigratingAnEmptyDatabaseTogetherApplyEachMigrationOnce()
    {
        await using var database = await PostgresDatabase.CreateAsync("migrate");

        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var db = TestDatabases.Dashboard(database.ConnectionString);
            await db.MigrateExclusivelyAsync();
        }));

        await using var check = TestDatabases.Dashboard(database.ConnectionString);
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        Assert.Equal(check.Database.GetMigrations(), await check.Database.GetAppliedMigrationsAsync());
    }
}
