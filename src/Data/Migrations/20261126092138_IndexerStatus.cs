using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeveragedTokens.Data.Migrations
{
    /// <inheritdoc />
    public partial class IndexerStatus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "confirmed_block",
                table: "indexer_state",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "total_events",
                table: "indexer_state",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "writer_instance",
                table: "indexer_state",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "confirmed_block",
                table: "indexer_state");

            migrationBuilder.DropColumn(
                name: "total_events",
                table: "indexer_state");

            migrationBuilder.DropColumn(
                name: "writer_instance",
                table: "indexer_state");
        }
    }
}
