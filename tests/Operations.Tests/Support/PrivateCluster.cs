
namespace LeveragedTokens.Operations.Tests.Support;

/// <summary>A PostgreSQL cluster of the test's own (scripts/devstack.sh), so it can be restarted under running hosts.</summary>
public sealed class PrivateCluster : IAsyncDisposable
{
    private readonly string _dir;
    private readonly Dictionary<string, string> _env;

    private PrivateCluster(string dir, Dictionary<string, string> env, string connectionString)
    {
        _dir = dir;
        _env = env;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<PrivateCluster> StartAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ops-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var env = new Dictionary<string, string> { ["DEVSTACK_DIR"] = dir, ["DEVSTACK_SERVICES"] = "postgres" };
        await RunScriptAsync(env, "start");
        var settings = File.ReadAllLines(Path.Combine(dir, "env")).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1].Trim().Trim('\''));
        return new PrivateCluster(dir, env, settings["ConnectionStrings__Dashboard"]);
    }

    /// <summary>pg_ctl restart -m fast: every session is cut, the server is back a moment later.</summary>
    public async Task RestartAsync()
    {
        await RunScriptAsync(_env, "stop");
        await RunScriptAsync(_env, "start");
    }

    private static async Task RunScriptAsync(Dictionary<string, string> env, string verb)
    {
        await using var child = ChildProcess.Start("bash", [Path.Combine(RepoPaths.Root, "scripts", "devstack.sh"), verb], env);
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!child.HasExited && DateTime.UtcNow < deadline) await Task.Delay(100);
        if (!child.HasExited) throw new TimeoutException($"devstack.sh {verb} hung: {child.Output}");
    }

    public async ValueTask DisposeAsync()
    {
        await RunScriptAsync(_env, "stop");
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
