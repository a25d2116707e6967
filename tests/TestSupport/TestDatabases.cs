using LeveragedTokens.Data;
using LeveragedTokens.Staff.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeveragedTokens.TestSupport;

/// <summary>A context on a test database with the hosts' provider settings, for seeding and assertions outside a host.</summary>
public static class TestDatabases
{
    private static DbContextOptions<DashboardDbContext> DashboardOptions(string connectionString) =>
        (DbContextOptions<DashboardDbContext>)new DbContextOptionsBuilder<DashboardDbContext>().UseDashboardDatabase(connectionString).Options;

    public static DashboardDbContext Dashboard(string connectionString) => new(DashboardOptions(connectionString));

    public static StaffDbContext Staff(string connectionString) =>
        new((DbContextOptions<StaffDbContext>)new DbContextOptionsBuilder<StaffDbContext>().UseStaffDatabase(connectionString).Options);
}
