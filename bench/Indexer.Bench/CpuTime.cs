using System.Diagnostics;
using Npgsql;

namespace LeveragedTokens.Indexer.Bench;

/// <summary>
/// CPU seconds (user + system) read from /proc: wall time on a shared machine measures the neighbours'
/// builds too, CPU time per event measures only the work. Linux counts in USER_HZ = 100 ticks a second.
/// </summary>
public static class CpuTime
{
    private const double TicksPerSecond = 100;

    /// <summary>This process so far.</summary>
    public static TimeSpan Own() => Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>One process so far (zero once it is gone).</summary>
    public static TimeSpan Of(int pid) => Stat(pid) is { } s ? Ticks(s.User + s.System) : TimeSpan.Zero;

    /// <summary>
    /// The Postgres server behind <paramref name="connectionString"/>: its postmaster, every live child (backends,
    /// WAL writer, checkpointer) and the children it already reaped. Postgres runs on this machine in the devstack.
    /// </summary>
    public static async Task<Func<TimeSpan>> PostgresAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT pg_backend_pid()", conn);
        var backend = (int)(await cmd.ExecuteScalarAsync())!;
        var postmaster = Stat(backend)?.Parent ?? throw new InvalidOperationException("Postgres does not run on this machine: no /proc entry for its backend.");
        return () => Tree(postmaster);
    }

    private static TimeSpan Tree(int root)
    {
        long ticks = Stat(root) is { } r ? r.User + r.System + r.ReapedChildren : 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(pid) is { } s && s.Parent == root) ticks += s.User + s.System;
        }
        return Ticks(ticks);
    }

    private static TimeSpan Ticks(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);

    private sealed record ProcStat(int Parent, long User, long System, long ReapedChildren);

    /// <summary>/proc/PID/stat: fields after the command's closing parenthesis, ppid 4th, utime 14th, stime 15th, cutime+cstime 16th-17th.</summary>
    private static ProcStat? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null; // exited meanwhile
        }
        var f = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return new ProcStat(int.Parse(f[1]), long.Parse(f[11]), long.Parse(f[12]), long.Parse(f[13]) + long.Parse(f[14]));
    }
}
