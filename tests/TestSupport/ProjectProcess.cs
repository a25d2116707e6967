using System.Collections.Concurrent;
using System.Diagnostics;

namespace LeveragedTokens.TestSupport;

/// <summary>A host of src/ (built once per test process) running as a child process, the way scripts run it.</summary>
public sealed class ProjectProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<string, Lazy<Task>> Builds = new();
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ProjectProcess(Process process) => _process = process;

    public string Output => string.Join("\n", _output);
    public bool HasExited => _process.HasExited;

    /// <summary>Builds src/{project} once per test process, so a test never runs binaries older than their sources.</summary>
    public static Task BuildAsync(string project) =>
        Builds.GetOrAdd(project, p => new Lazy<Task>(() => RunToEndAsync(new Dictionary<string, string>(), "build", ProjectDir(p), "-c", RepoPaths.Configuration, "-v", "q", "-nologo"))).Value;

    public static async Task<ProjectProcess> StartAsync(string project, IDictionary<string, string> environment, params string[] args)
    {
        await BuildAsync(project);
        var process = Process.Start(StartInfo(environment, [RepoPaths.HostDll(project), .. args]))!;
        var result = new ProjectProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) result._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) result._output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>Runs src/{project} to completion and returns its stdout; throws with its output on a non-zero exit.</summary>
    public static async Task<string> RunAsync(string project, params string[] args)
    {
        await BuildAsync(project);
        return await RunToEndAsync(new Dictionary<string, string>(), [RepoPaths.HostDll(project), .. args]);
    }

    private static string ProjectDir(string project) => Path.Combine(RepoPaths.Root, "src", project);

    private static ProcessStartInfo StartInfo(IDictionary<string, string> environment, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) psi.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) psi.Environment[key] = value;
        return psi;
    }

    private static async Task<string> RunToEndAsync(IDictionary<string, string> environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(environment, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet {string.Join(' ', args)} failed ({process.ExitCode}): {await stdout} {await stderr}");
        return await stdout;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
