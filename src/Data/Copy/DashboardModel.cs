using Microsoft.EntityFrameworkCore.Metadata;

namespace LeveragedTokens.Data.Copy;

/// <summary>The EF model exactly as the hosts configure it, built once without touching a database.</summary>
public static class DashboardModel
{
    private static readonly Lazy<IModel> Model = new(() =>
    {
        var options = new DbContextOptionsBuilder<DashboardDbContext>();
        options.UseDashboardDatabase("Host=model-only");
        using var db = new DashboardDbContext(options.Options);
        return db.Model;
    });

    public static IModel Instance => Model.Value;
}
