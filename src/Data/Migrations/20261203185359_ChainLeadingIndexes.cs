using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeveragedTokens.Data.Migrations
{
    /// <inheritdoc />
    public partial class ChainLeadingIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_suspension_events_pool_address_block_number",
                table: "suspension_events");

            migrationBuilder.DropIndex(
                name: "ix_reserve_metrics_pool_address_hour",
                table: "reserve_metrics");

            migrationBuilder.DropIndex(
                name: "ix_rebalances_block_time",
                table: "rebalances");

            migrationBuilder.DropIndex(
                name: "ix_rebalances_token_address_block_number_log_index",
                table: "rebalances");

            migrationBuilder.DropIndex(
                name: "ix_rebalances_token_address_rebalance_id",
                table: "rebalances");

            migrationBuilder.DropIndex(
                name: "ix_rebalance_deferrals_token_address_block_number",
                table: "rebalance_deferrals");

            migrationBuilder.DropIndex(
                name: "ix_pool_ledger_inflows",
                table: "pool_ledger");

            migrationBuilder.DropIndex(
                name: "ix_pool_ledger_pool_address_block_number_log_index",
                table: "pool_ledger");

            migrationBuilder.DropIndex(
                name: "ix_nav_snapshots_token_address_hour",
                table: "nav_snapshots");

            migrationBuilder.CreateIndex(
                name: "ix_suspension_events_chain_id_pool_address_block_number",
                table: "suspension_events",
                columns: new[] { "chain_id", "pool_address", "block_number" });

            migrationBuilder.CreateIndex(
                name: "ix_reserve_metrics_chain_id_pool_address_hour",
                table: "reserve_metrics",
                columns: new[] { "chain_id", "pool_address", "hour" })
                .Annotation("Npgsql:IndexInclude", new[] { "reserve_balance", "reserve_value", "floor_value", "token_supply_value", "utilization_bps", "buffer_depth", "mark_price" });

            migrationBuilder.CreateIndex(
                name: "ix_rebalances_chain_id_block_time",
                table: "rebalances",
                columns: new[] { "chain_id", "block_time" });

            migrationBuilder.CreateIndex(
                name: "ix_rebalances_chain_id_token_address_block_number_log_index",
                table: "rebalances",
                columns: new[] { "chain_id", "token_address", "block_number", "log_index" })
                .Annotation("Npgsql:IndexInclude", new[] { "block_time", "nav_delta" });

            migrationBuilder.CreateIndex(
                name: "ix_rebalances_chain_id_token_address_rebalance_id",
                table: "rebalances",
                columns: new[] { "chain_id", "token_address", "rebalance_id" });

            migrationBuilder.CreateIndex(
                name: "ix_rebalance_deferrals_chain_id_token_address_block_number",
                table: "rebalance_deferrals",
                columns: new[] { "chain_id", "token_address", "block_number" });

            migrationBuilder.CreateIndex(
                name: "ix_pool_ledger_chain_id_pool_address_block_number_log_index",
                table: "pool_ledger",
                columns: new[] { "chain_id", "pool_address", "block_number", "log_index" })
                .Annotation("Npgsql:IndexInclude", new[] { "kind", "block_time", "counterparty", "amount", "value" });

            migrationBuilder.CreateIndex(
                name: "ix_pool_ledger_inflows",
                table: "pool_ledger",
                columns: new[] { "chain_id", "pool_address", "block_number", "log_index" },
                filter: "kind <> 0");

            migrationBuilder.CreateIndex(
                name: "ix_nav_snapshots_chain_id_token_address_hour",
                table: "nav_snapshots",
                columns: new[] { "chain_id", "token_address", "hour" })
                .Annotation("Npgsql:IndexInclude", new[] { "nav", "leverage", "mark_price" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_suspension_events_chain_id_pool_address_block_number",
                table: "suspension_events");

            migrationBuilder.DropIndex(
                name: "ix_reserve_metrics_chain_id_pool_address_hour",
                table: "reserve_metrics");

            migrationBuilder.DropIndex(
                name: "ix_rebalances_chain_id_block_time",
                table: "rebalances");

            migrationBuilder.DropIndex(
                name: "ix_rebalances_chain_id_token_address_block_number_log_index",
                table: "rebalances");

            migrationBuilder.DropIndex(
                name: "ix_rebalances_chain_id_token_address_rebalance_id",
                table: "rebalances");

            migrationBuilder.DropIndex(
                name: "ix_rebalance_deferrals_chain_id_token_address_block_number",
                table: "rebalance_deferrals");

            migrationBuilder.DropIndex(
                name: "ix_pool_ledger_chain_id_pool_address_block_number_log_index",
                table: "pool_ledger");

            migrationBuilder.DropIndex(
                name: "ix_pool_ledger_inflows",
                table: "pool_ledger");

            migrationBuilder.DropIndex(
                name: "ix_nav_snapshots_chain_id_token_address_hour",
                table: "nav_snapshots");

            migrationBuilder.CreateIndex(
                name: "ix_suspension_events_pool_address_block_number",
                table: "suspension_events",
                columns: new[] { "pool_address", "block_number" });

            migrationBuilder.CreateIndex(
                name: "ix_reserve_metrics_pool_address_hour",
                table: "reserve_metrics",
                columns: new[] { "pool_address", "hour" })
                .Annotation("Npgsql:IndexInclude", new[] { "chain_id", "reserve_balance", "reserve_value", "floor_value", "token_supply_value", "utilization_bps", "buffer_depth", "mark_price" });

            migrationBuilder.CreateIndex(
                name: "ix_rebalances_block_time",
                table: "rebalances",
                column: "block_time");

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
                name: "ix_rebalance_deferrals_token_address_block_number",
                table: "rebalance_deferrals",
                columns: new[] { "token_address", "block_number" });

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
                name: "ix_nav_snapshots_token_address_hour",
                table: "nav_snapshots",
                columns: new[] { "token_address", "hour" })
                .Annotation("Npgsql:IndexInclude", new[] { "chain_id", "nav", "leverage", "mark_price" });
        }
    }
}
