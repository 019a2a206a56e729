using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GovKpi.Data.Postgres.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class d13warn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alert_policies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GreenWithinMinutes = table.Column<int>(type: "integer", nullable: false),
                    YellowUpToMinutes = table.Column<int>(type: "integer", nullable: false),
                    GreenTo = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    YellowTo = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RedTo = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Periods = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_policies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ItemKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ItemId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ItemUnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Level = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    RecipientRole = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RecipientUnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    RecipientStaffCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CloseReason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alerts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_alerts_ClosedAt_ItemKind",
                table: "alerts",
                columns: new[] { "ClosedAt", "ItemKind" });

            migrationBuilder.CreateIndex(
                name: "IX_alerts_ItemKind_ItemId_Level",
                table: "alerts",
                columns: new[] { "ItemKind", "ItemId", "Level" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_alerts_RecipientStaffCode",
                table: "alerts",
                column: "RecipientStaffCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alert_policies");

            migrationBuilder.DropTable(
                name: "alerts");
        }
    }
}
