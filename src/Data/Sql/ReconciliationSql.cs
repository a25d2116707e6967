namespace LeveragedTokens.Data.Sql;

/// <summary>
/// The reconciliation's reads of the chain tables (src/Exports/Reconciliation), next to the model that owns
/// them. Every statement takes @chain (chain id), @pool (pool address) and @tokens (the pool's token addresses).
/// </summary>
public static class ReconciliationSql
{
    private const string TransferTopic = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
    private const string ZeroTopic = "0x0000000000000000000000000000000000000000000000000000000000000000";

    public const string TokensOfPool = "SELECT address FROM tokens WHERE chain_id = @chain AND pool_address = @pool ORDER BY address";

    public const string FloorBps = "SELECT floor_bps FROM reserve_pools WHERE chain_id = @chain AND address = @pool";

    /// <summary>The pool's ledger and published metrics in log order: 'L' rows (kind, amount, new balance), 'M' rows (the metrics).</summary>
    public const string LedgerAndMetrics = """
        SELECT 'L' AS src, kind, amount::text, new_balance::text, NULL, NULL, NULL, NULL, NULL,
               block_number, log_index, tx_hash, block_time, contract_address
          FROM pool_ledger WHERE chain_id = @chain AND pool_address = @pool
        UNION ALL
        SELECT 'M', NULL, reserve_balance::text, NULL, mark_price::text, reserve_value::text, token_supply_value::text,
               floor_value::text, utilization_bps::text || ',' || buffer_depth::text,
               block_number, log_index, tx_hash, block_time, contract_address
          FROM reserve_metrics WHERE chain_id = @chain AND pool_address = @pool
        ORDER BY block_number, log_index
        """;

    /// <summary>The tokens' snapshots ('S'), mints and burns ('T', from raw ERC-20 Transfers) and rebalances ('R') in log order.</summary>
    public const string SupplyAndRebalances = $"""
        SELECT 'S' AS src, token_address, total_supply::text, NULL, NULL, NULL, NULL, NULL, NULL::bigint,
               block_number, log_index, tx_hash, block_time, contract_address
          FROM nav_snapshots WHERE chain_id = @chain AND token_address = ANY(@tokens)
        UNION ALL
        SELECT 'T', contract_address, data, CASE WHEN lower(topics[2]) = '{ZeroTopic}' THEN 'mint' ELSE 'burn' END,
               NULL, NULL, NULL, NULL, NULL, block_number, log_index, tx_hash, block_time, contract_address
          FROM raw_events WHERE chain_id = @chain AND contract_address = ANY(@tokens) AND lower(topics[1]) = '{TransferTopic}'
           AND (lower(topics[2]) = '{ZeroTopic}' OR lower(topics[3]) = '{ZeroTopic}')
        UNION ALL
        SELECT 'R', token_address, nav_before::text, nav_after::text, nav_delta::text, slippage_cost::text, gas_cost::text,
               reserve_draw::text, rebalance_id, block_number, log_index, tx_hash, block_time, contract_address
          FROM rebalances WHERE chain_id = @chain AND token_address = ANY(@tokens)
        ORDER BY block_number, log_index
        """;

    /// <summary>The tokens whose ERC-20 Transfers are stored (the others fall back to their snapshots).</summary>
    public const string TokensWithTransfers =
        $"SELECT DISTINCT contract_address FROM raw_events WHERE chain_id = @chain AND contract_address = ANY(@tokens) AND lower(topics[1]) = '{TransferTopic}'";

    public const string RebalanceIds = """
        SELECT token_address, rebalance_id, block_number, log_index, tx_hash, block_time, contract_address
          FROM rebalances WHERE chain_id = @chain AND token_address = ANY(@tokens)
         ORDER BY token_address, rebalance_id, block_number, log_index
        """;

    /// <summary>Each draw beside the rebalance it paid for (full join: either may be missing).</summary>
    public const string DrawsBesideRebalances = """
        SELECT d.block_number, d.log_index, d.tx_hash, d.block_time, d.contract_address, d.counterparty, d.rebalance_id, d.value::text,
               r.block_number, r.log_index, r.tx_hash, r.block_time, r.contract_address, r.token_address, r.rebalance_id, r.reserve_draw::text
          FROM (SELECT * FROM pool_ledger WHERE chain_id = @chain AND pool_address = @pool AND kind = 0) d
          FULL JOIN (SELECT * FROM rebalances WHERE chain_id = @chain AND token_address = ANY(@tokens) AND reserve_draw > 0) r
            ON r.token_address = d.counterparty AND r.rebalance_id = d.rebalance_id
         ORDER BY coalesce(d.block_number, r.block_number), coalesce(d.log_index, r.log_index)
        """;

    /// <summary>The first and last block in [@from_time, @to_time), and the pool's registration block.</summary>
    public const string PeriodBlocks = """
        SELECT (SELECT min(block_number) FROM raw_events WHERE chain_id = @chain AND block_time >= @from_time),
               (SELECT max(block_number) FROM raw_events WHERE chain_id = @chain AND block_time < @to_time),
               (SELECT block_number FROM reserve_pools WHERE chain_id = @chain AND address = @pool)
        """;
}
