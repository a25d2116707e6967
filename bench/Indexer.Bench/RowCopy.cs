using System.Diagnostics;
using LeveragedTokens.Indexer.Decoding;
using LeveragedTokens.Indexer.Rpc;
using LeveragedTokens.Indexer.Storage;
using LeveragedTokens.Indexer.Sync;
using LeveragedTokens.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LeveragedTokens.Indexer.Bench;

/// <summary>
/// CPU seconds of each stage of the indexer's path, run one after the other on the same logs: fetch and parse
/// (the client's CPU only: the node's is anvil's), decode into rows, COPY (the client encoding rows, the
/// Postgres server storing them and maintaining the indexes).
/// </summary>
public sealed record StageCpu(TimeSpan FetchParse, TimeSpan Decode, TimeSpan CopyClient, TimeSpan CopyServer);

/// <summary>
/// The COPY baseline: the chain's logs fetched and decoded beforehand by the indexer's own fetcher and
/// decoder, then its row encoders COPY them straight into the tables of an empty database, one
/// transaction, nothing else; only the COPY is timed, each stage's CPU is counted.
/// </summary>
public static class RowCopy
{
    public static async Task<(int Rows, TimeSpan Time, StageCpu Cpu)> MeasureAsync(string rpcUrl, string registry, long head, IReadOnlyList<string> addresses)
    {
        await using var db = await PostgresDatabase.CreateAsync("idxbench");
        await using var host = await IndexerHost.StartAsync(rpcUrl, db.ConnectionString, registry);
        var postgres = await CpuTime.PostgresAsync(db.ConnectionString);

        var cpu = CpuTime.Own();
        var ranges = new List<FetchedRange>();
        await RangePipeline.RunAsync(host.Services.GetRequiredService<LogFetcher>(), 0, head, addresses, 4, range =>
        {
            ranges.Add(range);
            return Task.FromResult(true);
        }, CancellationToken.None);
        var fetchParse = CpuTime.Own() - cpu;

        cpu = CpuTime.Own();
        var batch = new ChainBatch();
        var decoder = new LogDecoder(host.ChainId);
        foreach (var log in ranges.SelectMany(r => r.Logs)) decoder.Decode(log, log.Address == registry ? WatchRole.Registry : WatchRole.Token, batch);
        var decode = CpuTime.Own() - cpu;

        (cpu, var server) = (CpuTime.Own(), postgres());
        var clock = Stopwatch.StartNew();
        await using var conn = await host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await TableCopies.CopyAsync(conn, batch, viaTempTables: false, CancellationToken.None);
        await tx.CommitAsync();
        var wall = clock.Elapsed;
        var stages = new StageCpu(fetchParse, decode, CpuTime.Own() - cpu, postgres() - server);
        return (batch.RawEvents.Count + batch.Rebalances.Count + batch.Tokens.Count, wall, stages);
    }
}
