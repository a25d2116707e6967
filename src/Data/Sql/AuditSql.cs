namespace LeveragedTokens.Data.Sql;

/// <summary>The audit exports' reads of the indexer's progress, next to the model that owns the tables.</summary>
public static class AuditSql
{
    /// <summary>Every chain's checkpoint, or one chain's when <paramref name="oneChain"/> (then @chain is bound).</summary>
    public static string Checkpoints(bool oneChain) =>
        "SELECT chain_id, indexed_block, indexed_block_hash, head_block, confirmations, updated_at FROM indexer_state"
        + (oneChain ? " WHERE chain_id = @chain" : "") + " ORDER BY chain_id";

    /// <summary>Whether the indexer has stored something at or after @end on @chain: the day before @end is complete.</summary>
    public const string IndexedPast = """
        SELECT EXISTS (SELECT 1 FROM indexer_state s JOIN raw_events e ON e.chain_id = s.chain_id
                        WHERE s.chain_id = @chain AND e.block_number <= s.indexed_block AND e.block_time >= @end)
            OR EXISTS (SELECT 1 FROM indexer_state s JOIN indexed_blocks b ON b.chain_id = s.chain_id
                        WHERE s.chain_id = @chain AND b.number <= s.indexed_block AND b.timestamp >= @end)
        """;
}
