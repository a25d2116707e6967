using System.Reflection;

namespace LeveragedTokens.TestSupport;

public static class RepoPaths
{
    /// <summary>The repository root: the nearest ancestor holding Dashboard.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string Anvil => Environment.GetEnvironmentVariable("ANVIL_BIN")
        ?? Path.Combine(Root, "tools", "chain", "node_modules", ".bin", "anvil");

    /// <summary>The configuration the tests were built in; the hosts they start run from the same build (test.sh builds Release).</summary>
    public static string Configuration { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The built entry assembly of src/{project}, run with `dotnet` so signals reach the host itself.</summary>
    public static string HostDll(string project) => Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", project + ".dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Dashboard.sln not found above " + AppContext.BaseDirectory);
    }
}
