using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LeveragedTokens.Data;

public static class DataServiceExtensions
{
    public const string ConnectionName = "Dashboard";

    /// <summary>A pooled context factory on ConnectionStrings:Dashboard (one context per operation).</summary>
    public static IHostApplicationBuilder AddDataServices(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException(
                "ConnectionStrings:Dashboard is not set (environment: ConnectionStrings__Dashboard).");
        builder.Services.AddPooledDbContextFactory<DashboardDbContext>(options => options.UseDashboardDatabase(connectionString));
        return builder;
    }

    public static DbContextOptionsBuilder UseDashboardDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();

    /// <summary>Applies pending migrations; every host calls this once at start-up.</summary>
    public static async Task MigrateDashboardDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.MigrateExclusivelyAsync(ct);
    }
}
