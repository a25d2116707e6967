using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeveragedTokens.Data.Migrations
{
    /// <inheritdoc />
    public partial class PoolLedgerInflowsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_pool_ledger_inflows",
                table: "pool_ledger",
                columns: new[] { "pool_address", "block_number", "log_index" },
                filter: "kind <> 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_pool_ledger_inflows",
                table: "pool_ledger");
        }
    }
}
