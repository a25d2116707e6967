
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
        return new PrivateCluster(dir, env, ReadConnectionString(dir));
    }

    /// <summary>pg_ctl stop -m fast, then start: every session is cut, the server is back a moment later on the same port.</summary>
    public async Task RestartAsync()
    {
        await RunScriptAsync(_env, "stop");
        await RunScriptAsync(_env, "start");
        if (ReadConnectionString(_dir) != ConnectionString)
            throw new InvalidOperationException($"the restarted cluster moved: {ReadConnectionString(_dir)} instead of {ConnectionString}");
    }

    private static string ReadConnectionString(string dir) =>
        File.ReadAllLines(Path.Combine(dir, "env")).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1].Trim().Trim('\''))["ConnectionStrings__Dashboard"];

    private static Task RunScriptAsync(Dictionary<string, string> env, string verb) =>
        ChildProcess.RunAsync("bash", [Path.Combine(RepoPaths.Root, "scripts", "devstack.sh"), verb], env);

    public async ValueTask DisposeAsync()
    {
        await RunScriptAsync(_env, "stop");
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
