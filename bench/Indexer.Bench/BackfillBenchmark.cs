using LeveragedTokens.TestSupport;
using Npgsql;

namespace LeveragedTokens.Indexer.Bench;

/// <summary>One chain's figures: the node's limit, COPY alone, the indexer end to end, and the load around them.</summary>
public sealed record ChainRun(int Events, int PerBlock, long Blocks, (long Logs, TimeSpan Time)? Node, (int Rows, TimeSpan Time, StageCpu Cpu)? Copy,
    IndexerRunResult Indexer, long Stored, string LoadBefore, string LoadAfter);

public static class BackfillBenchmark
{
    /// <summary>A fresh anvil holding <paramref name="events"/> Rebalanced logs, <paramref name="perBlock"/> a block; the baselines unless <paramref name="indexerOnly"/>.</summary>
    public static async Task<ChainRun> RunAsync(int events, int perBlock, bool indexerOnly)
    {
        await using var anvil = await AnvilNode.StartAsync();
        var (registry, token) = await DenseChain.BuildAsync(anvil, events, perBlock);
        var head = await anvil.BlockNumberAsync();
        var addresses = new[] { registry, token }.Order(StringComparer.Ordinal).ToList();
        Console.WriteLine($"chain: {events:N0} Rebalanced events, {perBlock} a block, head {head}");
        var loadBefore = Load();

        (long, TimeSpan)? node = indexerOnly ? null : await NodeLimit.FetchAsync(anvil.RpcUrl, head, addresses);
        if (node is { } n) Console.WriteLine($"(a) node limit: {n.Item1:N0} logs in {n.Item2.TotalSeconds:F2} s");

        await using var db = await PostgresDatabase.CreateAsync("idxbench");
        var indexer = await IndexerRun.RunAsync(anvil.RpcUrl, db.ConnectionString, registry);
        var stored = await CountAsync(db.ConnectionString, "SELECT count(*) FROM raw_events");
        Console.WriteLine($"(c) indexer: {stored:N0} logs in {indexer.Wall.TotalSeconds:F2} s, start-up {indexer.StartUp?.TotalSeconds:F2} s, " +
            $"peak RSS {indexer.PeakRssBytes / 1048576} MB, exit {indexer.ExitCode}, CPU {indexer.Cpu.TotalSeconds:F2} s, Postgres CPU {indexer.PostgresCpu.TotalSeconds:F2} s");

        (int, TimeSpan, StageCpu)? copy = indexerOnly ? null : await RowCopy.MeasureAsync(anvil.RpcUrl, registry, head, addresses);
        if (copy is { } c) Console.WriteLine($"(b) COPY alone: {c.Item1:N0} rows in {c.Item2.TotalSeconds:F2} s; CPU {c.Item3}");
        return new ChainRun(events, perBlock, head, node, copy, indexer, stored, loadBefore, Load());
    }

    private static string Load() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
