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
            await using var delete = new NpgsqlCommand($"DELETE FROM {table} WHERE chain_id = @chain AND block_number > @ancestor", conn);
            delete.Parameters.AddWithValue("chain", chainId);
            delete.Parameters.AddWithValue("ancestor", ancestor);
            await delete.ExecuteNonQueryAsync(ct);
        }
        await using var cmd = new NpgsqlCommand(
            """
            DELETE FROM indexed_blocks WHERE chain_id = @chain AND number > @ancestor;
            UPDATE indexer_state SET indexed_block = @ancestor, indexed_block_hash = @hash, reorg_count = reorg_count + 1, updated_at = now()
            WHERE chain_id = @chain AND indexed_block = @expected;
            """, conn);
        cmd.Parameters.AddWithValue("chain", chainId);
        cmd.Parameters.AddWithValue("ancestor", ancestor);
        cmd.Parameters.AddWithValue("hash", (object?)ancestorHash ?? DBNull.Value);
        cmd.Parameters.AddWithValue("expected", expectedCheckpoint);
        if (await cmd.ExecuteNonQueryAsync(ct) < 1) throw new CheckpointMovedException(expectedCheckpoint);
        await using (var check = new NpgsqlCommand("SELECT indexed_block FROM indexer_state WHERE chain_id = @chain", conn))
        {
            check.Parameters.AddWithValue("chain", chainId);
            if ((long)(await check.ExecuteScalarAsync(ct))! != ancestor) throw new CheckpointMovedException(expectedCheckpoint);
        }
        await ChainNotification.SendAsync(conn, ct);
        await tx.CommitAsync(ct);
    }
}
