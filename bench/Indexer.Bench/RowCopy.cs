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
/// The COPY baseline: the chain's logs fetched and decoded beforehand (untimed) by the indexer's own
/// fetcher and decoder, then its row encoders COPY them straight into the tables of an empty
/// database, one transaction, nothing else.
/// </summary>
public static class RowCopy
{
    public static async Task<(int Rows, TimeSpan Time)> MeasureAsync(string rpcUrl, string registry, long head, IReadOnlyList<string> addresses)
    {
        await using var db = await PostgresDatabase.CreateAsync("idxbench");
        await using var host = await IndexerHost.StartAsync(rpcUrl, db.ConnectionString, registry);
        var batch = new ChainBatch();
        var decoder = new LogDecoder(host.ChainId);
        await RangePipeline.RunAsync(host.Services.GetRequiredService<LogFetcher>(), 0, head, addresses, 4, range =>
        {
            foreach (var log in range.Logs) decoder.Decode(log, log.Address == registry ? WatchRole.Registry : WatchRole.Token, batch);
            return Task.FromResult(true);
        }, CancellationToken.None);

        var clock = Stopwatch.StartNew();
        await using var conn = await host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await TableCopies.CopyAsync(conn, batch, viaTempTables: false, CancellationToken.None);
        await tx.CommitAsync();
        return (batch.RawEvents.Count + batch.Rebalances.Count + batch.Tokens.Count, clock.Elapsed);
    }
}
