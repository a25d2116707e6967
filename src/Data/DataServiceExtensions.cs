namespace LeveragedTokens.Data;

public static class DataServiceExtensions
{
    /// <summary>The dashboard context's provider settings; hosts register it through the host kit (src/Hosting).</summary>
    public static DbContextOptionsBuilder UseDashboardDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
}
