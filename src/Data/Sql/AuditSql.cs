namespace LeveragedTokens.Data.Sql;

/// <summary>The audit exports' reads of the indexer's progress, next to the model that owns the tables.</summary>
public static class AuditSql
{
    /// <summary>Every chain's checkpoint, or one chain's when <paramref name="oneChain"/> (then @chain is bound).</summary>
    public static string Checkpoints(bool oneChain) =>
        $"SELECT chain_id, indexed_block, indexed_block_hash, head_block, confirmations, updated_at, {Exports.ExportSql.FinalBlock("st")} FROM indexer_state st"
        + (oneChain ? " WHERE chain_id = @chain" : "") + " ORDER BY chain_id";

    /// <summary>
    /// Per chain (one chain when <paramref name="oneChain"/>, @chain bound): the final block, the block an export
    /// is pinned to (@pin, or the final block when null) and that block's hash where the database knows it
    /// (the indexer's block window, its checkpoint, or a stored log of that block).
    /// </summary>
    public static string Pins(bool oneChain) => $"""
        SELECT s.chain_id, s.final_block, s.pin, COALESCE(
            (SELECT b.hash FROM indexed_blocks b WHERE b.chain_id = s.chain_id AND b.number = s.pin),
            CASE WHEN s.indexed_block = s.pin THEN s.indexed_block_hash END,
            (SELECT e.block_hash FROM raw_events e WHERE e.chain_id = s.chain_id AND e.block_number = s.pin LIMIT 1))
        FROM (SELECT f.*, COALESCE(@pin, f.final_block) AS pin
              FROM (SELECT st.chain_id, st.indexed_block, st.indexed_block_hash, {Exports.ExportSql.FinalBlock("st")} AS final_block
                    FROM indexer_state st{(oneChain ? " WHERE st.chain_id = @chain" : "")}) f) s
        ORDER BY s.chain_id
        """;

    /// <summary>
    /// Whether the indexer has stored something at or after @end on @chain, at or below the final block: the day before
    /// @end is complete and final (exports hold final rows only, so an earlier file would miss the day's last rows).
    /// </summary>
    public static readonly string FinalPast = $"""
        SELECT EXISTS (SELECT 1 FROM indexer_state st JOIN raw_events e ON e.chain_id = st.chain_id
                        WHERE st.chain_id = @chain AND e.block_number <= {Exports.ExportSql.FinalBlock("st")} AND e.block_time >= @end)
            OR EXISTS (SELECT 1 FROM indexer_state st JOIN indexed_blocks b ON b.chain_id = st.chain_id
                        WHERE st.chain_id = @chain AND b.number <= {Exports.ExportSql.FinalBlock("st")} AND b.timestamp >= @end)
        """;
}
