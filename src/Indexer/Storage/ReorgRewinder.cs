using LeveragedTokens.Data.Sql;
using Npgsql;

namespace LeveragedTokens.Indexer.Storage;

/// <summary>
/// Undoes everything above the common ancestor of a reorg, in one transaction with the
/// checkpoint, so the replay starts from a state that never saw the orphaned blocks.
/// </summary>
public sealed class ReorgRewinder(NpgsqlDataSource dataSource)
{
    public async Task RewindAsync(long chainId, long expectedCheckpoint, long ancestor, string? ancestorHash, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        foreach (var table in TableCopies.LogTables)
        {
            await using var delete = new NpgsqlCommand(IndexerSql.DeleteAbove(table), conn);
            delete.Parameters.AddWithValue("chain", chainId);
            delete.Parameters.AddWithValue("ancestor", ancestor);
            await delete.ExecuteNonQueryAsync(ct);
        }
        await using var cmd = new NpgsqlCommand(IndexerSql.RewindCheckpoint, conn);
        cmd.Parameters.AddWithValue("chain", chainId);
        cmd.Parameters.AddWithValue("ancestor", ancestor);
        cmd.Parameters.AddWithValue("hash", (object?)ancestorHash ?? DBNull.Value);
        cmd.Parameters.AddWithValue("expected", expectedCheckpoint);
        if (await cmd.ExecuteNonQueryAsync(ct) < 1) throw new CheckpointMovedException(expectedCheckpoint);
        await using (var check = new NpgsqlCommand(IndexerSql.Checkpoint, conn))
        {
            check.Parameters.AddWithValue("chain", chainId);
            if ((long)(await check.ExecuteScalarAsync(ct))! != ancestor) throw new CheckpointMovedException(expectedCheckpoint);
        }
        await ChainNotification.SendAsync(conn, ct);
        await tx.CommitAsync(ct);
    }
}
