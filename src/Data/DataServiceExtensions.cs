using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace LeveragedTokens.Data;

public static class DataServiceExtensions
{
    /// <summary>The dashboard context's provider settings; hosts register it through the host kit (src/Hosting) on their data source.</summary>
    public static DbContextOptionsBuilder UseDashboardDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, History).WithDashboardConventions();

    /// <summary>The same, on the host's one data source (its pool).</summary>
    public static DbContextOptionsBuilder UseDashboardDatabase(this DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options.UseNpgsql(dataSource, History).WithDashboardConventions();

    /// <summary>
    /// Snake-case names, and deterministic paging: a Skip/Take without an order returns whichever rows Postgres meets first,
    /// so a page could differ between two identical requests; EF's warning about it is an error here, and such a query fails
    /// wherever it is first run.
    /// </summary>
    public static DbContextOptionsBuilder WithDashboardConventions(this DbContextOptionsBuilder options) =>
        options.UseSnakeCaseNamingConvention()
            .ConfigureWarnings(w => w.Throw(CoreEventId.RowLimitingOperationWithoutOrderByWarning));

    private static void History(NpgsqlDbContextOptionsBuilder npgsql) => npgsql.MigrationsHistoryTable("__ef_migrations_history");
}
