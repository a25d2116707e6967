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
        await TableCopies.CopyAsync(conn, batch, viaTempTables: false, CancellationToken.None);
        await tx.CommitAsync();
    }
}
