using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeveragedTokens.Staff.Migrations
{
    /// <inheritdoc />
    public partial class ChainScopedThresholds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "scope",
                schema: "staff",
                table: "threshold_changes",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(42)",
                oldMaxLength: 42);

            migrationBuilder.AlterColumn<string>(
                name: "scope",
                schema: "staff",
                table: "alert_thresholds",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(42)",
                oldMaxLength: 42);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "scope",
                schema: "staff",
                table: "threshold_changes",
                type: "character varying(42)",
                maxLength: 42,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AlterColumn<string>(
                name: "scope",
                schema: "staff",
                table: "alert_thresholds",
                type: "character varying(42)",
                maxLength: 42,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);
        }
    }
}
