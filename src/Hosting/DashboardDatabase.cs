using LeveragedTokens.Data;
using LeveragedTokens.Staff.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace LeveragedTokens.Hosting;

/// <summary>
/// The one database of every host: the connection string (one error message), one NpgsqlDataSource,
/// a context factory per DbContext and their migrations, started here in schema order.
/// </summary>
public static class DashboardDatabase
{
    public const string ConnectionName = "Dashboard";

    /// <summary>ConnectionStrings:Dashboard, or <see cref="MissingConnectionStringException"/>.</summary>
    public static string DashboardConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionName) ?? throw new MissingConnectionStringException();

    public static IHostApplicationBuilder AddDashboardDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.DashboardConnectionString();
        var services = builder.Services;
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.AddPooledDbContextFactory<DashboardDbContext>(o => o.UseDashboardDatabase(connectionString));
        services.AddDbContextFactory<StaffDbContext>(o => o.UseStaffDatabase(connectionString));
        // Hosted services start in order: chain schema, then staff schema, then everything that reads them.
        services.AddMigration<DashboardDbContext>();
        services.AddMigration<StaffDbContext>();
        return builder;
    }
}

public sealed class MissingConnectionStringException()
    : InvalidOperationException("ConnectionStrings:Dashboard is not set (environment: ConnectionStrings__Dashboard).");
