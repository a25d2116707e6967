using System.Diagnostics;
using LeveragedTokens.Chain;
using LeveragedTokens.Indexer.Decoding;
using LeveragedTokens.Indexer.Rpc;
using LeveragedTokens.Indexer.Sync;
using LeveragedTokens.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LeveragedTokens.Indexer.Bench;

public static class BackfillBenchmark
{
    private const int PerTransaction = 5_000;

    public static async Task<BenchmarkResult> RunAsync(int events)
    {
        await using var anvil = await AnvilNode.StartAsync();
        var build = Stopwatch.StartNew();
        var registry = await DenseChain.BuildAsync(anvil, events, PerTransaction);
        var head = await anvil.BlockNumberAsync();
        Console.WriteLine($"chain: {events:N0} NavSnapshot events in {head} blocks, built in {build.Elapsed.TotalSeconds:F1} s");

        // Baseline 1: the same logs fetched the same way (adaptive ranges, concurrent), nothing decoded or written.
        await using var fetchDb = await PostgresDatabase.CreateAsync("idxbench");
        List<RpcLog> fetched = [];
        TimeSpan fetchTime;
        await using (var host = await BuildHostAsync(anvil.RpcUrl, fetchDb.ConnectionString, registry))
        {
            var fetcher = host.Services.GetRequiredService<LogFetcher>();
            var addresses = new[] { registry, (await TokenAsync(anvil, registry)) }.Order(StringComparer.Ordinal).ToList();
            var sw = Stopwatch.StartNew();
            await RangePipeline.RunAsync(fetcher, 0, head, addresses, 4, range => { fetched.AddRange(range.Logs); return Task.FromResult(true); }, CancellationToken.None);
            fetchTime = sw.Elapsed;
        }
        Console.WriteLine($"fetch alone: {fetched.Count:N0} logs in {fetchTime.TotalSeconds:F2} s");

        // The indexer: fetch, decode, COPY + ON CONFLICT, checkpoint, in a fresh database.
        await using var indexDb = await PostgresDatabase.CreateAsync("idxbench");
        TimeSpan indexTime;
        await using (var host = await BuildHostAsync(anvil.RpcUrl, indexDb.ConnectionString, registry))
        {
            var syncer = host.Services.GetRequiredService<ChainSyncer>();
            var sw = Stopwatch.StartNew();
            while ((await syncer.PollAsync(CancellationToken.None)).IndexedBlock < head) { }
            indexTime = sw.Elapsed;
        }
        var stored = await CountAsync(indexDb.ConnectionString, "SELECT count(*) FROM raw_events");
        Console.WriteLine($"indexer: {stored:N0} logs in {indexTime.TotalSeconds:F2} s");

        // Baseline 2: the same rows (decoded beforehand, untimed) COPYed straight into the tables alone.
        await using var copyDb = await PostgresDatabase.CreateAsync("idxbench");
        TimeSpan copyTime;
        await using (var host = await BuildHostAsync(anvil.RpcUrl, copyDb.ConnectionString, registry))
        {
            var batch = new ChainBatch();
            var decoder = new LogDecoder(31337);
            var decode = Stopwatch.StartNew();
            foreach (var log in fetched) decoder.Decode(log, log.Address == registry ? WatchRole.Registry : WatchRole.Token, batch);
            Console.WriteLine($"decode alone (not a baseline, for reference): {decode.Elapsed.TotalSeconds:F2} s");
            var sw = Stopwatch.StartNew();
            await RowCopy.CopyAsync(host.Services.GetRequiredService<NpgsqlDataSource>(), batch);
            copyTime = sw.Elapsed;
        }
        Console.WriteLine($"COPY alone: {fetched.Count:N0} logs' rows in {copyTime.TotalSeconds:F2} s");

        return new BenchmarkResult(events, head, fetched.Count, stored, fetchTime, copyTime, indexTime, DateTime.UtcNow);
    }

    private static async Task<string> TokenAsync(AnvilNode anvil, string registry)
    {
        var logs = await anvil.CallAsync("eth_getLogs", new { fromBlock = "0x0", toBlock = "latest", address = registry });
        return "0x" + logs[0].GetProperty("topics")[1].GetString()![26..];
    }

    // Started the way tests start the indexer; a one-block window keeps the backfill on its fast path.
    private static Task<IndexerHost> BuildHostAsync(string rpcUrl, string connectionString, string registry) =>
        IndexerHost.StartAsync(rpcUrl, connectionString, registry, settings: new Dictionary<string, string?> { ["Chain:ReorgWindow"] = "1" });

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
