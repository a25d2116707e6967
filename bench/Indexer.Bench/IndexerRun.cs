using System.Diagnostics;

namespace LeveragedTokens.Indexer.Bench;

/// <summary>What one indexer process did: wall time from its start, its start-up, its peak resident memory, its CPU and the Postgres server's meanwhile.</summary>
public sealed record IndexerRunResult(TimeSpan Wall, TimeSpan? StartUp, long PeakRssBytes, int ExitCode, TimeSpan Cpu, TimeSpan PostgresCpu);

/// <summary>
/// The real indexer host (`dotnet Indexer.dll --until-head`, as run.sh and production start it) against
/// a fresh database: timed from process start to exit, its peak RSS (VmHWM) sampled from /proc.
/// </summary>
public static class IndexerRun
{
    // The line the indexer logs right before its first eth_getLogs of a backfill (after the host kit, migrations, chain check, lock).
    private const string FirstGetLogsMarker = "Backfilling blocks";

    public static async Task<IndexerRunResult> RunAsync(string rpcUrl, string connectionString, string registry)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Indexer.dll"));
        psi.ArgumentList.Add("--until-head");
        psi.Environment["ConnectionStrings__Dashboard"] = connectionString;
        psi.Environment["Chain__RpcUrl"] = rpcUrl;
        psi.Environment["Chain__RegistryAddress"] = registry;
        psi.Environment["Chain__StartBlock"] = "0";
        psi.Environment["Chain__Confirmations"] = "0";
        var postgres = await CpuTime.PostgresAsync(connectionString);
        var serverBefore = postgres();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        TimeSpan? startUp = null;
        var output = new List<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            if (startUp is null && e.Data.Contains(FirstGetLogsMarker, StringComparison.Ordinal)) startUp = clock.Elapsed;
            lock (output) output.Add(e.Data);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        long peak = 0;
        var cpu = TimeSpan.Zero;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, PeakRss(process.Id));
            // The last sample before exit: at most one poll's CPU is missed.
            cpu = TimeSpan.FromTicks(Math.Max(cpu.Ticks, CpuTime.Of(process.Id).Ticks));
            await Task.Delay(20);
        }
        var wall = clock.Elapsed;
        var serverCpu = postgres() - serverBefore;
        process.WaitForExit();
        if (process.ExitCode != 0 || Environment.GetEnvironmentVariable("BENCH_SHOW_INDEXER") is not null) Console.WriteLine(string.Join('\n', output));
        return new IndexerRunResult(wall, startUp, peak, process.ExitCode, cpu, serverCpu);
    }

    /// <summary>VmHWM: the process's peak resident set so far, so samples between polls are not lost.</summary>
    private static long PeakRss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException)
        {
            return 0; // exited between the check and the read
        }
    }
}
