using LeveragedTokens.Data.Copy;
using LeveragedTokens.Data.Sql;
using Npgsql;

namespace LeveragedTokens.Indexer.Storage;

/// <summary>
/// Writes one block range in one transaction: rows by binary COPY (straight in, or via temp
/// tables and INSERT ... ON CONFLICT DO NOTHING when some already exist), the window's block headers, the
/// checkpoint (compare-and-set, so a writer that lost its lock cannot write), and NOTIFY.
/// </summary>
public sealed class BatchWriter(NpgsqlDataSource dataSource, ILogger<BatchWriter> logger)
{
    public async Task WriteAsync(long chainId, long expectedCheckpoint, BlockRange range, long head, int reorgWindow, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Below the reorg window (the backfill), the commit need not wait for the WAL flush: rows and checkpoint commit
        // together, so a crash of Postgres loses whole ranges and the checkpoint with them, and the indexer reads
        // those finalized blocks again. Near the head, what NOTIFY announces stays durable.
        if (range.To <= head - reorgWindow) await TableCopies.Exec(conn, AsynchronousCommit.ForThisTransaction, ct);

        // Fast path: COPY straight into the tables. Rows above the checkpoint cannot exist (the
        // checkpoint moves with them), so a conflict means a replay after something unusual; the
        // savepoint then falls back to temp tables + ON CONFLICT DO NOTHING, which is idempotent.
        await tx.SaveAsync("direct_copy", ct);
        try
        {
            await TableCopies.CopyAsync(conn, range.Batch, viaTempTables: false, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await tx.RollbackAsync("direct_copy", ct);
            logger.LogInformation("Blocks {From}-{To} were partly stored already; merging with ON CONFLICT DO NOTHING", range.From, range.To);
            await TableCopies.CopyAsync(conn, range.Batch, viaTempTables: true, ct);
        }

        if (range.WindowHeaders.Count > 0) await WriteHeadersAsync(conn, chainId, range, head - reorgWindow, ct);
        await MoveCheckpointAsync(conn, chainId, expectedCheckpoint, range, ct);

        await ChainNotification.SendAsync(conn, ct);
        await tx.CommitAsync(ct);
        logger.LogDebug("Stored blocks {From}-{To}: {Events} logs", range.From, range.To, range.Batch.LogCount);
    }

    private static async Task WriteHeadersAsync(NpgsqlConnection conn, long chainId, BlockRange range, long pruneBelow, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(IndexerSql.WriteWindow, conn);
        cmd.Parameters.AddWithValue("chain", chainId);
        cmd.Parameters.AddWithValue("n", range.WindowHeaders.Select(h => h.Number).ToArray());
        cmd.Parameters.AddWithValue("h", range.WindowHeaders.Select(h => h.Hash).ToArray());
        cmd.Parameters.AddWithValue("p", range.WindowHeaders.Select(h => h.ParentHash).ToArray());
        cmd.Parameters.AddWithValue("t", range.WindowHeaders.Select(h => (double)h.Timestamp).ToArray());
        cmd.Parameters.AddWithValue("prune", pruneBelow);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task MoveCheckpointAsync(NpgsqlConnection conn, long chainId, long expected, BlockRange range, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(IndexerSql.MoveCheckpoint, conn);
        cmd.Parameters.AddWithValue("to", range.To);
        cmd.Parameters.AddWithValue("hash", (object?)range.ToHash ?? DBNull.Value);
        cmd.Parameters.AddWithValue("chain", chainId);
        cmd.Parameters.AddWithValue("expected", expected);
        if (await cmd.ExecuteNonQueryAsync(ct) != 1) throw new CheckpointMovedException(expected);
    }
}
