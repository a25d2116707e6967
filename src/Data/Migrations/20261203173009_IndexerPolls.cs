using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeveragedTokens.Data.Migrations
{
    /// <inheritdoc />
    public partial class IndexerPolls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "indexer_polls",
                columns: table => new
                {
                    chain_id = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    head_block = table.Column<long>(type: "bigint", nullable: false),
                    indexed_block = table.Column<long>(type: "bigint", nullable: false),
                    events_per_second = table.Column<double>(type: "double precision", nullable: false),
                    reorg_count = table.Column<long>(type: "bigint", nullable: false),
                    decode_failures = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_indexer_polls", x => new { x.chain_id, x.at });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "indexer_polls");
        }
    }
}
