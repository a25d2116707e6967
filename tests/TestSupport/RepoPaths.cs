namespace LeveragedTokens.TestSupport;

public static class RepoPaths
{
    /// <summary>The repository root: the nearest ancestor holding Dashboard.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string Anvil => Environment.GetEnvironmentVariable("ANVIL_BIN")
        ?? Path.Combine(Root, "tools", "chain", "node_modules", ".bin", "anvil");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Dashboard.sln not found above " + AppContext.BaseDirectory);
    }
}
