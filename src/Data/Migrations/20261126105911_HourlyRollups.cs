using System;
using System.Numerics;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeveragedTokens.Data.Migrations
{
    /// <inheritdoc />
    public partial class HourlyRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pool_hourly",
                columns: table => new
                {
                    chain_id = table.Column<long>(type: "bigint", nullable: false),
                    pool_address = table.Column<string>(type: "character varying(42)", maxLength: 42, nullable: false),
                    hour = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    reserve_drawn_amount = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    reserve_drawn_value = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    fees_allocated = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    capital_injected = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    entry_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pool_hourly", x => new { x.chain_id, x.pool_address, x.hour });
                });

            migrationBuilder.CreateTable(
                name: "token_hourly",
                columns: table => new
                {
                    chain_id = table.Column<long>(type: "bigint", nullable: false),
                    token_address = table.Column<string>(type: "character varying(42)", maxLength: 42, nullable: false),
                    hour = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    nav = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    leverage = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    close_block_number = table.Column<long>(type: "bigint", nullable: false),
                    close_log_index = table.Column<int>(type: "integer", nullable: false),
                    rebalance_count = table.Column<int>(type: "integer", nullable: false),
                    nav_delta = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    slippage_cost = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    gas_cost = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false),
                    reserve_draw = table.Column<BigInteger>(type: "numeric(78,0)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_token_hourly", x => new { x.chain_id, x.token_address, x.hour });
                });

            migrationBuilder.CreateIndex(
                name: "ix_pool_hourly_chain_id_hour",
                table: "pool_hourly",
                columns: new[] { "chain_id", "hour" });

            migrationBuilder.CreateIndex(
                name: "ix_token_hourly_chain_id_hour",
                table: "token_hourly",
                columns: new[] { "chain_id", "hour" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pool_hourly");

            migrationBuilder.DropTable(
                name: "token_hourly");
        }
    }
}
