using System.Collections.Concurrent;
using System.Diagnostics;

namespace LeveragedTokens.Indexer.Tests.Support;

/// <summary>The real indexer host as a child process (`dotnet Indexer.dll`), so a test can SIGKILL it.</summary>
public sealed class IndexerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private IndexerProcess(Process process) => _process = process;

    public string Output => string.Join("\n", _output);
    public bool HasExited => _process.HasExited;
    public int Id => _process.Id;

    public static IndexerProcess Start(IDictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory, // appsettings.json of the indexer sits here
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Indexer.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in environment) psi.Environment[k] = v;
        var process = Process.Start(psi)!;
        var result = new IndexerProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) result._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) result._output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    public static Dictionary<string, string> Environment(string rpcUrl, string connectionString, string registry) => new()
    {
        ["ConnectionStrings__Dashboard"] = connectionString,
        ["Chain__RpcUrl"] = rpcUrl,
        ["Chain__RegistryAddress"] = registry,
        ["Chain__StartBlock"] = "0",
        ["Chain__Confirmations"] = "0",
        ["Chain__PollInterval"] = "00:00:00.200",
        ["Indexer__EnableJobs"] = "false",
        ["Indexer__StandbyRetry"] = "00:00:00.300",
    };

    /// <summary>SIGKILL: no shutdown hooks, no flush, the transaction in flight is simply lost.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The indexer did not exit within {timeout}. Output:\n{Output}");
        }
        _process.WaitForExit(); // drains the output readers
        return _process.ExitCode;
    }

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"'{text}' not seen. Output:\n{Output}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
