using Microsoft.EntityFrameworkCore.Design;

namespace LeveragedTokens.Data;

/// <summary>For `dotnet ef migrations add`; no database is contacted.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<DashboardDbContext>
{
    public DashboardDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<DashboardDbContext>();
        options.UseDashboardDatabase("Host=localhost;Database=design_time");
        return new DashboardDbContext(options.Options);
    }
}
