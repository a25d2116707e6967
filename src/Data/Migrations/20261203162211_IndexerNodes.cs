using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeveragedTokens.Data.Migrations
{
    /// <inheritdoc />
    public partial class IndexerNodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "indexer_nodes",
                columns: table => new
                {
                    chain_id = table.Column<long>(type: "bigint", nullable: false),
                    node_index = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    state = table.Column<string>(type: "text", nullable: false),
                    node_chain_id = table.Column<long>(type: "bigint", nullable: true),
                    head_block = table.Column<long>(type: "bigint", nullable: true),
                    latency_ms = table.Column<double>(type: "double precision", nullable: true),
                    consecutive_failures = table.Column<int>(type: "integer", nullable: false),
                    failovers = table.Column<long>(type: "bigint", nullable: false),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_indexer_nodes", x => new { x.chain_id, x.node_index });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "indexer_nodes");
        }
    }
}
