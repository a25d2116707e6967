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

    /// <summary>Connections a host's pool opens at most unless the connection string says otherwise (Npgsql's own default is 100).</summary>
    public const int DefaultMaxPoolSize = 40;

    /// <summary>Seconds a request waits for a pooled connection before failing, unless the connection string says otherwise (Npgsql: 15).</summary>
    public const int DefaultPoolWaitSeconds = 30;

    /// <summary>
    /// ConnectionStrings:Dashboard, or <see cref="MissingConnectionStringException"/>. Postgres allows 100 connections by default
    /// and the web host, the indexer and Hangfire share them: a host whose pool could reach Npgsql's default 100 on its own took
    /// them all under load (53300 "too many clients" for everyone else). So a host's pool stops at <see cref="DefaultMaxPoolSize"/>
    /// and a burst waits in its queue, for up to <see cref="DefaultPoolWaitSeconds"/> s, instead of failing after 15.
    /// </summary>
    public static string DashboardConnectionString(this IConfiguration configuration)
    {
        var builder = new NpgsqlConnectionStringBuilder(
            configuration.GetConnectionString(ConnectionName) ?? throw new MissingConnectionStringException());
        var defaults = new NpgsqlConnectionStringBuilder();
        if (builder.MaxPoolSize == defaults.MaxPoolSize) builder.MaxPoolSize = DefaultMaxPoolSize;
        if (builder.Timeout == defaults.Timeout) builder.Timeout = DefaultPoolWaitSeconds;
        return builder.ConnectionString;
    }

    public static IHostApplicationBuilder AddDashboardDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.DashboardConnectionString();
        var services = builder.Services;
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        // Both contexts open their connections from that one data source: one pool per host, bounded as above.
        services.AddPooledDbContextFactory<DashboardDbContext>((sp, o) => o.UseDashboardDatabase(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddDbContextFactory<StaffDbContext>((sp, o) => o.UseStaffDatabase(sp.GetRequiredService<NpgsqlDataSource>()));
        // Hosted services start in order: chain schema, then staff schema, then everything that reads them.
        services.AddMigration<DashboardDbContext>();
        services.AddMigration<StaffDbContext>();
        return builder;
    }
}

public sealed class MissingConnectionStringException()
    : InvalidOperationException("ConnectionStrings:Dashboard is not set (environment: ConnectionStrings__Dashboard).");
