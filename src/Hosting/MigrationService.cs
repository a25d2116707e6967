using LeveragedTokens.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LeveragedTokens.Hosting;

/// <summary>
/// Brings one DbContext's schema up before the services that read it start (eShop's AddMigration):
/// under the advisory lock of <see cref="ExclusiveMigration"/>, so hosts starting together take turns.
/// </summary>
public sealed class MigrationService<TContext>(IDbContextFactory<TContext> contexts) : IHostedService where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.MigrateExclusivelyAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class MigrationServiceExtensions
{
    public static IServiceCollection AddMigration<TContext>(this IServiceCollection services) where TContext : DbContext =>
        services.AddSingleton<MigrationService<TContext>>().AddHostedService(sp => sp.GetRequiredService<MigrationService<TContext>>());

    /// <summary>For tests and benches that seed before their host starts: the same migrations (and Hangfire's schema), run now.</summary>
    public static async Task MigrateDatabasesAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await services.GetRequiredService<MigrationService<DashboardDbContext>>().StartAsync(ct);
        await services.GetRequiredService<MigrationService<Staff.Persistence.StaffDbContext>>().StartAsync(ct);
        if (services.GetService<JobStorageSchema>() is { } jobStorage) await jobStorage.StartAsync(ct);
    }
}
