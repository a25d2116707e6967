using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeveragedTokens.Data.Migrations
{
    /// <inheritdoc />
    public partial class RebalanceNavDeltaIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_rebalances_nav_delta_chain_id_block_number_log_index",
                table: "rebalances",
                columns: new[] { "nav_delta", "chain_id", "block_number", "log_index" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_rebalances_nav_delta_chain_id_block_number_log_index",
                table: "rebalances");
        }
    }
}
