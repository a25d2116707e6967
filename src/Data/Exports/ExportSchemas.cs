namespace LeveragedTokens.Data.Exports;

/// <summary>
/// The versioned column lists; a new column means appending, never renaming. Version 2 dropped v1's
/// confirmations and confirmation_status: they counted from the head, so a file changed with every block.
/// Rows now carry chain facts only, and the manifest states up to which final block they go.
/// </summary>
public static class ExportSchemas
{
    public const int Version = 2;

    public static DatasetSchema For(ExportDataset dataset) => dataset switch
    {
        ExportDataset.Rebalances => Rebalances,
        ExportDataset.ReserveLedger => ReserveLedger,
        ExportDataset.ReserveMetrics => ReserveMetrics,
        _ => throw new ArgumentOutOfRangeException(nameof(dataset)),
    };

    private static readonly DatasetSchema Rebalances = Common(
            new DatasetSchema(ExportDataset.Rebalances, "rebalances", "r",
                "rebalances r LEFT JOIN tokens t ON t.chain_id = r.chain_id AND t.address = r.token_address",
                "tokens", "token_address"),
            "'Rebalanced'")
        .Add("token_address", ColumnKind.Text, "r.token_address")
        .Add("token_symbol", ColumnKind.Text, "t.symbol")
        .Add("rebalance_id", ColumnKind.Number, "r.rebalance_id::text")
        .Add("trigger", ColumnKind.Number, "r.trigger::text")
        .Add("trigger_name", ColumnKind.Text, EnumNameSql.Case<RebalanceTrigger>("r.trigger"))
        .Add("is_buy", ColumnKind.Boolean, "CASE WHEN r.is_buy THEN 'true' ELSE 'false' END")
        .AddAmount("amount", "r.amount")
        .AddAmount("mark_price", "r.mark_price")
        .AddAmount("execution_price", "r.execution_price")
        .AddAmount("leverage_before", "r.leverage_before")
        .AddAmount("leverage_after", "r.leverage_after")
        .AddAmount("nav_before", "r.nav_before")
        .AddAmount("nav_after", "r.nav_after")
        .AddAmount("slippage_cost", "r.slippage_cost")
        .AddAmount("gas_cost", "r.gas_cost")
        .AddAmount("reserve_draw", "r.reserve_draw")
        // Derived, not an event field: navAfter - navBefore.
        .AddAmount("nav_delta", "r.nav_delta");

    private static readonly DatasetSchema ReserveLedger = Common(
            new DatasetSchema(ExportDataset.ReserveLedger, "reserve-ledger", "l",
                "pool_ledger l LEFT JOIN reserve_pools p ON p.chain_id = l.chain_id AND p.address = l.pool_address"
                + " LEFT JOIN tokens t ON t.chain_id = l.chain_id AND t.address = l.counterparty AND l.kind = 0",
                "reserve_pools", "pool_address"),
            EnumNameSql.Case<LedgerEntryKind>("l.kind"))
        .Add("pool_address", ColumnKind.Text, "l.pool_address")
        .Add("pool_underlying", ColumnKind.Text, "p.underlying")
        .AddAmount("amount", "l.amount")
        .AddAmount("value", "l.value")
        .AddAmount("new_balance", "l.new_balance")
        .Add("counterparty", ColumnKind.Text, "l.counterparty")
        .Add("counterparty_symbol", ColumnKind.Text, "t.symbol")
        .Add("rebalance_id", ColumnKind.Number, "l.rebalance_id::text");

    private static readonly DatasetSchema ReserveMetrics = Common(
            new DatasetSchema(ExportDataset.ReserveMetrics, "reserve-metrics", "m",
                "reserve_metrics m LEFT JOIN reserve_pools p ON p.chain_id = m.chain_id AND p.address = m.pool_address",
                "reserve_pools", "pool_address"),
            "'ReserveMetricsPublished'")
        .Add("pool_address", ColumnKind.Text, "m.pool_address")
        .Add("pool_underlying", ColumnKind.Text, "p.underlying")
        .Add("hour", ColumnKind.Number, "m.hour::text")
        .AddAmount("reserve_balance", "m.reserve_balance")
        .AddAmount("mark_price", "m.mark_price")
        .AddAmount("reserve_value", "m.reserve_value")
        .AddAmount("token_supply_value", "m.token_supply_value")
        .AddAmount("floor_value", "m.floor_value")
        .AddAmount("utilization_bps", "m.utilization_bps", scale: 4)
        .AddAmount("buffer_depth", "m.buffer_depth");

    /// <summary>The provenance columns every dataset starts with.</summary>
    private static DatasetSchema Common(DatasetSchema s, string eventNameSql)
    {
        var a = s.Alias;
        return s
            .Add("chain_id", ColumnKind.Number, $"{a}.chain_id::text")
            .Add("contract_address", ColumnKind.Text, $"{a}.contract_address")
            .Add("block_number", ColumnKind.Number, $"{a}.block_number::text")
            .Add("block_hash", ColumnKind.Text, $"{a}.block_hash")
            .Add("block_time", ColumnKind.Text, $"to_char({a}.block_time AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")
            .Add("block_time_unix", ColumnKind.Number, $"extract(epoch FROM {a}.block_time)::bigint::text")
            .Add("tx_hash", ColumnKind.Text, $"{a}.tx_hash")
            .Add("log_index", ColumnKind.Number, $"{a}.log_index::text")
            .Add("event", ColumnKind.Text, eventNameSql)
            .Add("explorer_url", ColumnKind.Text, sql: null);
    }
}
