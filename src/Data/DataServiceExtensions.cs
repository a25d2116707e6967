using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LeveragedTokens.Data;

public static class DataServiceExtensions
{
    /// <summary>The dashboard context's provider settings; hosts register it through the host kit (src/Hosting).</summary>
    public static DbContextOptionsBuilder UseDashboardDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .WithDeterministicPaging();

    /// <summary>
    /// A Skip/Take without an order returns whichever rows Postgres meets first, so a page could differ between two
    /// identical requests: EF's warning about it is an error here, and such a query fails wherever it is first run.
    /// </summary>
    public static DbContextOptionsBuilder WithDeterministicPaging(this DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(w => w.Throw(CoreEventId.RowLimitingOperationWithoutOrderByWarning));
}
