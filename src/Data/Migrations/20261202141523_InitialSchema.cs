using System;
using System.Numerics;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeveragedTokens.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "decode_failures",
                columns: table => new
                {
                    chain_id = table.Column<long>(type: "bigint", nullable: false),
                    block_number = table.Column<long>(type: "bigint", nullable: false),
                    log_index = table.Column<int>(type: "integer", nullable: false),
                    topics = table.Column<string[]>(type: "text[]", nullable: false),
                    data = table.Column<string>(type: "text", nullable: false),
                    error = table.Column<string>(type: "text", nullable: false),
                    block_hash = table.Column<string>(type: "character varying(66)", maxLength: 66, nullable: false),
                    tx_hash = table.Column<string>(type: "character varying(66)", maxLength: 66, nullable: false),
                    block_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    contract_address = table.Column<string>(type: "character varying(42)", maxLength: 42, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_decode_failures", x => new { x.chain_id, x.block_number, x.log_index });
                });

            migrationBuilder.CreateTable(
                name: "indexed_blocks",
                columns: table => new
                {
                    chain_id = table.Column<long>(type: "bigint", nullable: false),
                    number = table.Column<long>(type: "bigint", nullable: false),
                    hash = table.Column<string>(type: "text", nullable: false),
                    parent_hash = table.Column<string>(type: "text", nullable: false),
                    timestamp = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_indexed_blocks", x => new { x.chain_id, x.number });
                });

            migrationBuilder.CreateTable(
                name: "indexer_state",
                columns: table => new
                {
                    chain_id = table.Column<long>(type: "bigint", nullable: false),
                    indexed_block = table.Column<long>(type: "bigint", nullable: false),
                    indexed_block_hash = table.Column<string>(type: "text", nullable: true),
                    head_block = table.Column<long>(type: "bigint", nullable: false),
                    confirmations = table.Column<int>(type: "integer", nullable: false),
                    writer_instance = table.Column<string>(type: "text", nullable: true),
                    events_per_second = table.Column<double>(type: "double precision", nullable: false),
                    reorg_count = table.Column<long>(type: "bigint", nullable: false),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    last_error_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_indexer_state", x => x.chain_id);
                });

            migrationBuilder.CreateTable(
                name: "nav_snapshots",
                columns: table => new
                {
                    chain_id = table.Column<long>(type: "bigint", nullable: false),
                    block_number = table.Column<long>(type: "bigint", nullable: false),
                    log_index = table.Column<int>(type: "integer", nullable: false),
                    token_address = table.Column<string>(type: "text", nullable: false),
                    hour = table.Column<long>(type: "bigint", nullable: false),
                    nav = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    leverage = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    mark_price = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    total_supply = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    block_hash = table.Column<string>(type: "character varying(66)", maxLength: 66, nullable: false),
                    tx_hash = table.Column<string>(type: "character varying(66)", maxLength: 66, nullable: false),
                    block_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    contract_address = table.Column<string>(type: "character varying(42)", maxLength: 42, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_nav_snapshots", x => new { x.chain_id, x.block_number, x.log_index });
                });

            migrationBuilder.CreateTable(
                name: "pool_ledger",
                columns: table => new
                {
                    chain_id = table.Column<long>(type: "bigint", nullable: false),
                    block_number = table.Column<long>(type: "bigint", nullable: false),
                    log_index = table.Column<int>(type: "integer", nullable: false),
                    pool_address = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<short>(type: "smallint", nullable: false),
                    amount = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    value = table.Column<BigInteger>(type: "numeric(78,0)", nullable: true),
                    new_balance = table.Column<BigInteger>(type: "numeric(78,0)", nullable: true),
                    counterparty = table.Column<string>(type: "text", nullable: true),
                    rebalance_id = table.Column<long>(type: "bigint", nullable: true),
                    block_hash = table.Column<string>(type: "character varying(66)", maxLength: 66, nullable: false),
                    tx_hash = table.Column<string>(type: "character varying(66)", maxLength: 66, nullable: false),
                    block_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    contract_address = table.Column<string>(type: "character varying(42)", maxLength: 42, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pool_ledger", x => new { x.chain_id, x.block_number, x.log_index });
                });

            migrationBuilder.CreateTable(
                name: "raw_events",
                columns: table => new
                {
                    chain_id = table.Column<long>(type: "bigint", nullable: false),
                    block_number = table.Column<long>(type: "bigint", nullable: false),
                    log_index = table.Column<int>(type: "integer", nullable: false),
                    tx_index = table.Column<int>(type: "integer", nullable: false),
                    event_name = table.Column<string>(type: "text", nullable: false),
                    topics = table.Column<string[]>(type: "text[]", nullable: false),
                    data = table.Column<string>(type: "text", nullable: false),
                    block_hash = table.Column<string>(type: "character varying(66)", maxLength: 66, nullable: false),
                    tx_hash = table.Column<string>(type: "character varying(66)", maxLength: 66, nullable: false),
                    block_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    contract_address = table.Column<string>(type: "character varying(42)", maxLength: 42, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_raw_events", x => new { x.chain_id, x.block_number, x.log_index });
                });

            migrationBuilder.CreateTable(
                name: "rebalance_deferrals",
                columns: table => new
                {
                    chain_id = table.Column<long>(type: "bigint", nullable: false),
                    block_number = table.Column<long>(type: "bigint", nullable: false),
                    log_index = table.Column<int>(type: "integer", nullable: false),
                    token_address = table.Column<string>(type: "text", nullable: false),
                    reason = table.Column<short>(type: "smallint", nullable: false),
                    leverage = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    mark_price = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    block_hash = table.Column<string>(type: "character varying(66)", maxLength: 66, nullable: false),
                    tx_hash = table.Column<string>(type: "character varying(66)", maxLength: 66, nullable: false),
                    block_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    contract_address = table.Column<string>(type: "character varying(42)", maxLength: 42, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rebalance_deferrals", x => new { x.chain_id, x.block_number, x.log_index });
                });

            migrationBuilder.CreateTable(
                name: "rebalances",
                columns: table => new
                {
                    chain_id = table.Column<long>(type: "bigint", nullable: false),
                    block_number = table.Column<long>(type: "bigint", nullable: false),
                    log_index = table.Column<int>(type: "integer", nullable: false),
                    token_address = table.Column<string>(type: "text", nullable: false),
                    rebalance_id = table.Column<long>(type: "bigint", nullable: false),
                    trigger = table.Column<short>(type: "smallint", nullable: false),
                    is_buy = table.Column<bool>(type: "boolean", nullable: false),
                    amount = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    mark_price = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    execution_price = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    leverage_before = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    leverage_after = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    nav_before = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    nav_after = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    nav_delta = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    slippage_cost = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    gas_cost = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    reserve_draw = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    block_hash = table.Column<string>(type: "character varying(66)", maxLength: 66, nullable: false),
                    tx_hash = table.Column<string>(type: "character varying(66)", maxLength: 66, nullable: false),
                    block_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    contract_address = table.Column<string>(type: "character varying(42)", maxLength: 42, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rebalances", x => new { x.chain_id, x.block_number, x.log_index });
                });

            migrationBuilder.CreateTable(
                name: "reserve_metrics",
                columns: table => new
                {
                    chain_id = table.Column<long>(type: "bigint", nullable: false),
                    block_number = table.Column<long>(type: "bigint", nullable: false),
                    log_index = table.Column<int>(type: "integer", nullable: false),
                    pool_address = table.Column<string>(type: "text", nullable: false),
                    hour = table.Column<long>(type: "bigint", nullable: false),
                    reserve_balance = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    mark_price = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    reserve_value = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    token_supply_value = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    floor_value = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    utilization_bps = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    buffer_depth = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    block_hash = table.Column<string>(type: "character varying(66)", maxLength: 66, nullable: false),
                    tx_hash = table.Column<string>(type: "character varying(66)", maxLength: 66, nullable: false),
                    block_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    contract_address = table.Column<string>(type: "character varying(42)", maxLength: 42, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reserve_metrics", x => new { x.chain_id, x.block_number, x.log_index });
                });

            migrationBuilder.CreateTable(
                name: "reserve_pools",
                columns: table => new
                {
                    chain_id = table.Column<long>(type: "bigint", nullable: false),
                    block_number = table.Column<long>(type: "bigint", nullable: false),
                    log_index = table.Column<int>(type: "integer", nullable: false),
                    address = table.Column<string>(type: "text", nullable: false),
                    underlying = table.Column<string>(type: "text", nullable: false),
                    floor_bps = table.Column<int>(type: "integer", nullable: false),
                    block_hash = table.Column<string>(type: "character varying(66)", maxLength: 66, nullable: false),
                    tx_hash = table.Column<string>(type: "character varying(66)", maxLength: 66, nullable: false),
                    block_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    contract_address = table.Column<string>(type: "character varying(42)", maxLength: 42, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reserve_pools", x => new { x.chain_id, x.block_number, x.log_index });
                });

            migrationBuilder.CreateTable(
                name: "suspension_events",
                columns: table => new
                {
                    chain_id = table.Column<long>(type: "bigint", nullable: false),
                    block_number = table.Column<long>(type: "bigint", nullable: false),
                    log_index = table.Column<int>(type: "integer", nullable: false),
                    pool_address = table.Column<string>(type: "text", nullable: false),
                    is_suspended = table.Column<bool>(type: "boolean", nullable: false),
                    reserve_value = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    floor_value = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    block_hash = table.Column<string>(type: "character varying(66)", maxLength: 66, nullable: false),
                    tx_hash = table.Column<string>(type: "character varying(66)", maxLength: 66, nullable: false),
                    block_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    contract_address = table.Column<string>(type: "character varying(42)", maxLength: 42, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_suspension_events", x => new { x.chain_id, x.block_number, x.log_index });
                });

            migrationBuilder.CreateTable(
                name: "tokens",
                columns: table => new
                {
                    chain_id = table.Column<long>(type: "bigint", nullable: false),
                    block_number = table.Column<long>(type: "bigint", nullable: false),
                    log_index = table.Column<int>(type: "integer", nullable: false),
                    address = table.Column<string>(type: "text", nullable: false),
                    pool_address = table.Column<string>(type: "text", nullable: false),
                    symbol = table.Column<string>(type: "text", nullable: false),
                    is_long = table.Column<bool>(type: "boolean", nullable: false),
                    target_leverage = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    min_leverage = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    max_leverage = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    fallback_interval_seconds = table.Column<long>(type: "bigint", nullable: false),
                    block_hash = table.Column<string>(type: "character varying(66)", maxLength: 66, nullable: false),
                    tx_hash = table.Column<string>(type: "character varying(66)", maxLength: 66, nullable: false),
                    block_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    contract_address = table.Column<string>(type: "character varying(42)", maxLength: 42, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tokens", x => new { x.chain_id, x.block_number, x.log_index });
                });

            migrationBuilder.CreateIndex(
                name: "ix_decode_failures_chain_id_tx_hash",
                table: "decode_failures",
                columns: new[] { "chain_id", "tx_hash" });

            migrationBuilder.CreateIndex(
                name: "ix_nav_snapshots_chain_id_tx_hash",
                table: "nav_snapshots",
                columns: new[] { "chain_id", "tx_hash" });

            migrationBuilder.CreateIndex(
                name: "ix_nav_snapshots_token_address_hour",
                table: "nav_snapshots",
                columns: new[] { "token_address", "hour" })
                .Annotation("Npgsql:IndexInclude", new[] { "chain_id", "nav", "leverage", "mark_price" });

            migrationBuilder.CreateIndex(
                name: "ix_pool_ledger_chain_id_tx_hash",
                table: "pool_ledger",
                columns: new[] { "chain_id", "tx_hash" });

            migrationBuilder.CreateIndex(
                name: "ix_pool_ledger_inflows",
                table: "pool_ledger",
                columns: new[] { "pool_address", "block_number", "log_index" },
                filter: "kind <> 0");

            migrationBuilder.CreateIndex(
                name: "ix_pool_ledger_pool_address_block_number_log_index",
                table: "pool_ledger",
                columns: new[] { "pool_address", "block_number", "log_index" })
                .Annotation("Npgsql:IndexInclude", new[] { "chain_id", "kind", "block_time", "counterparty", "amount", "value" });

            migrationBuilder.CreateIndex(
                name: "ix_raw_events_chain_id_contract_address_block_number",
                table: "raw_events",
                columns: new[] { "chain_id", "contract_address", "block_number" });

            migrationBuilder.CreateIndex(
                name: "ix_raw_events_chain_id_tx_hash",
                table: "raw_events",
                columns: new[] { "chain_id", "tx_hash" });

            migrationBuilder.CreateIndex(
                name: "ix_rebalance_deferrals_chain_id_tx_hash",
                table: "rebalance_deferrals",
                columns: new[] { "chain_id", "tx_hash" });

            migrationBuilder.CreateIndex(
                name: "ix_rebalance_deferrals_token_address_block_number",
                table: "rebalance_deferrals",
                columns: new[] { "token_address", "block_number" });

            migrationBuilder.CreateIndex(
                name: "ix_rebalances_block_time",
                table: "rebalances",
                column: "block_time");

            migrationBuilder.CreateIndex(
                name: "ix_rebalances_chain_id_tx_hash",
                table: "rebalances",
                columns: new[] { "chain_id", "tx_hash" });

            migrationBuilder.CreateIndex(
                name: "ix_rebalances_nav_delta_chain_id_block_number_log_index",
                table: "rebalances",
                columns: new[] { "nav_delta", "chain_id", "block_number", "log_index" });

            migrationBuilder.CreateIndex(
                name: "ix_rebalances_token_address_block_number_log_index",
                table: "rebalances",
                columns: new[] { "token_address", "block_number", "log_index" })
                .Annotation("Npgsql:IndexInclude", new[] { "chain_id", "block_time", "nav_delta" });

            migrationBuilder.CreateIndex(
                name: "ix_rebalances_token_address_rebalance_id",
                table: "rebalances",
                columns: new[] { "token_address", "rebalance_id" });

            migrationBuilder.CreateIndex(
                name: "ix_reserve_metrics_chain_id_tx_hash",
                table: "reserve_metrics",
                columns: new[] { "chain_id", "tx_hash" });

            migrationBuilder.CreateIndex(
                name: "ix_reserve_metrics_pool_address_hour",
                table: "reserve_metrics",
                columns: new[] { "pool_address", "hour" })
                .Annotation("Npgsql:IndexInclude", new[] { "chain_id", "reserve_balance", "reserve_value", "floor_value", "token_supply_value", "utilization_bps", "buffer_depth", "mark_price" });

            migrationBuilder.CreateIndex(
                name: "ix_reserve_pools_chain_id_address",
                table: "reserve_pools",
                columns: new[] { "chain_id", "address" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reserve_pools_chain_id_tx_hash",
                table: "reserve_pools",
                columns: new[] { "chain_id", "tx_hash" });

            migrationBuilder.CreateIndex(
                name: "ix_reserve_pools_underlying",
                table: "reserve_pools",
                column: "underlying");

            migrationBuilder.CreateIndex(
                name: "ix_suspension_events_chain_id_tx_hash",
                table: "suspension_events",
                columns: new[] { "chain_id", "tx_hash" });

            migrationBuilder.CreateIndex(
                name: "ix_suspension_events_pool_address_block_number",
                table: "suspension_events",
                columns: new[] { "pool_address", "block_number" });

            migrationBuilder.CreateIndex(
                name: "ix_tokens_chain_id_address",
                table: "tokens",
                columns: new[] { "chain_id", "address" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tokens_chain_id_tx_hash",
                table: "tokens",
                columns: new[] { "chain_id", "tx_hash" });

            migrationBuilder.CreateIndex(
                name: "ix_tokens_symbol",
                table: "tokens",
                column: "symbol");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "decode_failures");

            migrationBuilder.DropTable(
                name: "indexed_blocks");

            migrationBuilder.DropTable(
                name: "indexer_state");

            migrationBuilder.DropTable(
                name: "nav_snapshots");

            migrationBuilder.DropTable(
                name: "pool_ledger");

            migrationBuilder.DropTable(
                name: "raw_events");

            migrationBuilder.DropTable(
                name: "rebalance_deferrals");

            migrationBuilder.DropTable(
                name: "rebalances");

            migrationBuilder.DropTable(
                name: "reserve_metrics");

            migrationBuilder.DropTable(
                name: "reserve_pools");

            migrationBuilder.DropTable(
                name: "suspension_events");

            migrationBuilder.DropTable(
                name: "tokens");
        }
    }
}
