using LeveragedTokens.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace LeveragedTokens.Staff.Persistence;

public static class StaffDatabase
{
    public static DbContextOptionsBuilder UseStaffDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, History).WithDashboardConventions();

    /// <summary>The same, on the host's one data source (its pool).</summary>
    public static DbContextOptionsBuilder UseStaffDatabase(this DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options.UseNpgsql(dataSource, History).WithDashboardConventions();

    private static void History(NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsHistoryTable(StaffDbContext.MigrationsHistoryTable, StaffDbContext.Schema);
}

/// <summary>For `dotnet ef migrations add --project src/Staff`; no database is contacted.</summary>
internal sealed class StaffDesignTimeDbContextFactory : IDesignTimeDbContextFactory<StaffDbContext>
{
    public StaffDbContext CreateDbContext(string[] args) =>
        new(((DbContextOptionsBuilder<StaffDbContext>)new DbContextOptionsBuilder<StaffDbContext>()
            .UseStaffDatabase("Host=localhost;Database=design_time")).Options);
}
