using System.Diagnostics;
using System.Text;

namespace LeveragedTokens.Operations.Tests.Support;

/// <summary>A child process whose output is kept for the failure message; stopped with a signal on dispose.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<string> _lines = [];

    private ChildProcess(Process process) => _process = process;

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public string Output { get { lock (_output) return _output.ToString(); } }

    public static ChildProcess Start(string file, IEnumerable<string> args, IDictionary<string, string>? env = null, Action<string>? onLine = null,
        string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null) psi.WorkingDirectory = workingDirectory;
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + file);
        var child = new ChildProcess(process);
        void Keep(string? line)
        {
            if (line is null) return;
            lock (child._output)
            {
                child._output.AppendLine(line);
                if (child._output.Length > 200_000) child._output.Remove(0, 100_000);
            }
            onLine?.Invoke(line);
        }
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>SIGINT/SIGTERM (graceful), then a kill after the grace period.</summary>
    public async Task StopAsync(int signal = 15, int graceSeconds = 20)
    {
        if (_process.HasExited) return;
        using (var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString()])) await kill!.WaitForExitAsync();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(graceSeconds));
        try { await _process.WaitForExitAsync(grace.Token); }
        catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); await _process.WaitForExitAsync(); }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    /// <summary>Runs a command to its end; a non-zero exit or a hang past the timeout fails with its output.</summary>
    public static async Task<string> RunAsync(string file, IEnumerable<string> args, IDictionary<string, string>? env = null, int timeoutSeconds = 120)
    {
        await using var child = Start(file, args, env);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try { await child._process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { throw new TimeoutException($"{file} {string.Join(' ', args)} hung: {child.Output}"); }
        if (child._process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({child._process.ExitCode}): {child.Output}");
        return child.Output;
    }
}
