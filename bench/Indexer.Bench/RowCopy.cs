using LeveragedTokens.Indexer.Decoding;
using LeveragedTokens.Indexer.Storage;
using Npgsql;

namespace LeveragedTokens.Indexer.Bench;

/// <summary>The COPY baseline: the indexer's own row encoders, straight into the target tables, one transaction, nothing else.</summary>
public static class RowCopy
{
    public static async Task CopyAsync(NpgsqlDataSource dataSource, ChainBatch batch)
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        foreach (var (table, columns, copy, count) in TableCopies.For(batch))
        {
            if (count == 0) continue;
            await using var importer = await conn.BeginBinaryImportAsync($"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)");
            await copy(importer, CancellationToken.None);
            await importer.CompleteAsync();
        }
        await tx.CommitAsync();
    }
}
