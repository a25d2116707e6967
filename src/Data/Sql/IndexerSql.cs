namespace LeveragedTokens.Data.Sql;

/// <summary>
/// The indexer's own reads and writes of its checkpoint, block window and chain tables (src/Indexer/Storage
/// and the re-scan job), next to the model that owns them. Every statement takes @chain (chain id).
/// The rows themselves go in by binary COPY (<see cref="Copy.ChainTableCopy{T}"/>).
/// </summary>
public static class IndexerSql
{
    /// <summary>Creates the state row on first start (@start, @conf) and reads the checkpoint back.</summary>
    public const string EnsureState = """
        INSERT INTO indexer_state (chain_id, indexed_block, head_block, confirmations, events_per_second, reorg_count, updated_at)
        VALUES (@chain, @start - 1, 0, @conf, 0, 0, now()) ON CONFLICT (chain_id) DO UPDATE SET confirmations = @conf;
        """ + Checkpoint;

    /// <summary>The checkpoint: indexed_block, indexed_block_hash.</summary>
    public const string Checkpoint = "SELECT indexed_block, indexed_block_hash FROM indexer_state WHERE chain_id = @chain";

    /// <summary>Stored hashes of the unfinalized window: number, hash.</summary>
    public const string Window = "SELECT number, hash FROM indexed_blocks WHERE chain_id = @chain";

    /// <summary>Pools and tokens registered so far: address, registration block, is pool.</summary>
    public const string Registered = """
        SELECT address, min(block_number), true FROM reserve_pools WHERE chain_id = @chain GROUP BY address
        UNION ALL
        SELECT address, min(block_number), false FROM tokens WHERE chain_id = @chain GROUP BY address
        """;

    /// <summary>
    /// Head and throughput after a poll (@head, @eps), and the status page's history: a row of indexer_polls when the reorg
    /// or decode-failure count moved, else at most one per <see cref="IndexerPolls.EverySeconds"/> s; rows older than
    /// <see cref="IndexerPolls.KeepDays"/> days go.
    /// </summary>
    public static readonly string UpdateStatus = $"""
        UPDATE indexer_state SET head_block = @head, events_per_second = @eps, updated_at = now() WHERE chain_id = @chain;
        WITH state AS (
          SELECT s.chain_id, s.head_block, s.indexed_block, s.events_per_second, s.reorg_count,
                 (SELECT count(*) FROM decode_failures f WHERE f.chain_id = s.chain_id) AS decode_failures
          FROM indexer_state s WHERE s.chain_id = @chain),
        last AS (SELECT at, reorg_count, decode_failures FROM indexer_polls WHERE chain_id = @chain ORDER BY at DESC LIMIT 1)
        INSERT INTO indexer_polls (chain_id, at, head_block, indexed_block, events_per_second, reorg_count, decode_failures)
        SELECT chain_id, now(), head_block, indexed_block, events_per_second, reorg_count, decode_failures FROM state s
        WHERE NOT EXISTS (SELECT 1 FROM last l WHERE l.at > now() - interval '{IndexerPolls.EverySeconds} seconds'
                          AND l.reorg_count = s.reorg_count AND l.decode_failures = s.decode_failures)
        ON CONFLICT DO NOTHING;
        DELETE FROM indexer_polls WHERE chain_id = @chain AND at < now() - interval '{IndexerPolls.KeepDays} days';
        """;

    /// <summary>Replaces the chain's node rows with the arrays @i (index), @name, @state, @node_chain, @head, @latency, @failures, @failovers, @error.</summary>
    public const string WriteNodes = """
        INSERT INTO indexer_nodes (chain_id, node_index, name, state, node_chain_id, head_block, latency_ms, consecutive_failures, failovers, last_error, updated_at)
        SELECT @chain, i, name, state, node_chain, head, latency, failures, failovers, error, now()
        FROM unnest(@i, @name, @state, @node_chain, @head, @latency, @failures, @failovers, @error) AS x(i, name, state, node_chain, head, latency, failures, failovers, error)
        ON CONFLICT (chain_id, node_index) DO UPDATE SET name = excluded.name, state = excluded.state, node_chain_id = excluded.node_chain_id,
            head_block = excluded.head_block, latency_ms = excluded.latency_ms, consecutive_failures = excluded.consecutive_failures,
            failovers = excluded.failovers, last_error = excluded.last_error, updated_at = excluded.updated_at;
        DELETE FROM indexer_nodes WHERE chain_id = @chain AND node_index >= cardinality(@i);
        """;

    public const string SetWriter = "UPDATE indexer_state SET writer_instance = @writer, updated_at = now() WHERE chain_id = @chain";

    /// <summary>Sets or (@error null) clears the last error; its time stays that of the last error.</summary>
    public const string RecordError =
        "UPDATE indexer_state SET last_error = @error, last_error_at = CASE WHEN @error IS NULL THEN last_error_at ELSE now() END WHERE chain_id = @chain";

    /// <summary>Upserts the window's headers (arrays @n, @h, @p, @t) and prunes those below @prune.</summary>
    public const string WriteWindow = """
        INSERT INTO indexed_blocks (chain_id, number, hash, parent_hash, timestamp)
        SELECT @chain, n, h, p, to_timestamp(t) FROM unnest(@n, @h, @p, @t) AS x(n, h, p, t)
        ON CONFLICT (chain_id, number) DO UPDATE SET hash = excluded.hash, parent_hash = excluded.parent_hash, timestamp = excluded.timestamp;
        DELETE FROM indexed_blocks WHERE chain_id = @chain AND number < @prune;
        """;

    /// <summary>Moves the checkpoint to @to/@hash only if it is still @expected (compare-and-set).</summary>
    public const string MoveCheckpoint = """
        UPDATE indexer_state SET indexed_block = @to, indexed_block_hash = @hash, updated_at = now()
        WHERE chain_id = @chain AND indexed_block = @expected
        """;

    /// <summary>A reorg's rewind of one log table: every row above @ancestor.</summary>
    public static string DeleteAbove(string logTable) => $"DELETE FROM {logTable} WHERE chain_id = @chain AND block_number > @ancestor";

    /// <summary>A reorg's rewind of the window and the checkpoint (compare-and-set on @expected) to @ancestor/@hash.</summary>
    public const string RewindCheckpoint = """
        DELETE FROM indexed_blocks WHERE chain_id = @chain AND number > @ancestor;
        UPDATE indexer_state SET indexed_block = @ancestor, indexed_block_hash = @hash, reorg_count = reorg_count + 1, updated_at = now()
        WHERE chain_id = @chain AND indexed_block = @expected;
        """;

    /// <summary>Every stored log (decoded or not) in blocks @from..@to: block_number, log_index, block_hash.</summary>
    public const string StoredLogs = """
        SELECT block_number, log_index, block_hash FROM raw_events WHERE chain_id = @chain AND block_number BETWEEN @from AND @to
        UNION ALL
        SELECT block_number, log_index, block_hash FROM decode_failures WHERE chain_id = @chain AND block_number BETWEEN @from AND @to
        """;
}
