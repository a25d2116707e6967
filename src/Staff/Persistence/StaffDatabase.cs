using LeveragedTokens.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LeveragedTokens.Staff.Persistence;

public static class StaffDatabase
{
    public static DbContextOptionsBuilder UseStaffDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(StaffDbContext.MigrationsHistoryTable, StaffDbContext.Schema))
            .UseSnakeCaseNamingConvention()
            .WithDeterministicPaging();
}

/// <summary>For `dotnet ef migrations add --project src/Staff`; no database is contacted.</summary>
internal sealed class StaffDesignTimeDbContextFactory : IDesignTimeDbContextFactory<StaffDbContext>
{
    public StaffDbContext CreateDbContext(string[] args) =>
        new(((DbContextOptionsBuilder<StaffDbContext>)new DbContextOptionsBuilder<StaffDbContext>()
            .UseStaffDatabase("Host=localhost;Database=design_time")).Options);
}
