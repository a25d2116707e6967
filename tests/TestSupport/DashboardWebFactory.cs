using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LeveragedTokens.TestSupport;

/// <summary>The real web host (its Program.cs) on a test database, quiet; a test's settings are applied last.</summary>
public static class DashboardWebFactory
{
    public static WebApplicationFactory<Program> Create(string connectionString, IEnumerable<KeyValuePair<string, string?>>? settings = null,
        Action<IWebHostBuilder>? configure = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Dashboard", connectionString);
            b.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            // A fresh database has no history table yet: EF logs that probe as an error.
            b.UseSetting("Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore", "Fatal");
            configure?.Invoke(b);
            foreach (var (key, value) in settings ?? []) b.UseSetting(key, value);
        });
}
