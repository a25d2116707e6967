using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace LeveragedTokens.Staff.Migrations
{
    /// <inheritdoc />
    public partial class AlertTrail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alert_actions",
                schema: "staff",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    alert_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    before = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    after = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alert_actions", x => x.id);
                    table.ForeignKey(
                        name: "fk_alert_actions_alerts_alert_id",
                        column: x => x.alert_id,
                        principalSchema: "staff",
                        principalTable: "alerts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_alert_actions_alert_id_id",
                schema: "staff",
                table: "alert_actions",
                columns: new[] { "alert_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_alert_actions_at",
                schema: "staff",
                table: "alert_actions",
                column: "at");

            // Alerts from before the trail get the entries their columns still tell (the first acknowledgement
            // survives only as the last one: earlier ones were overwritten).
            migrationBuilder.Sql("""
                INSERT INTO staff.alert_actions (alert_id, kind, by, at, after, comment)
                SELECT id, 'Fired', 'rule', fired_at, 'open', 'block ' || fired_block || ': ' || left(message, 1900) FROM staff.alerts;
                INSERT INTO staff.alert_actions (alert_id, kind, by, at, after, comment)
                SELECT id, 'Acknowledged', acknowledged_by, acknowledged_at, 'acknowledged', acknowledgement_note FROM staff.alerts
                WHERE acknowledged_at IS NOT NULL AND acknowledged_by IS NOT NULL;
                INSERT INTO staff.alert_actions (alert_id, kind, by, at, after, comment)
                SELECT id, 'Resolved', 'rule', resolved_at, 'resolved', 'block ' || resolved_block FROM staff.alerts WHERE resolved_at IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alert_actions",
                schema: "staff");
        }
    }
}
