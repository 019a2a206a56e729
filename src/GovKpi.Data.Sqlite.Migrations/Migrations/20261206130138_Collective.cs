using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovKpi.Data.Sqlite.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Collective : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_kpi_sets",
                table: "kpi_sets");

            migrationBuilder.AddColumn<string>(
                name: "Holder",
                table: "kpi_sets",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Position");

            migrationBuilder.AddPrimaryKey(
                name: "PK_kpi_sets",
                table: "kpi_sets",
                columns: new[] { "Holder", "PositionCode", "Version" });

            migrationBuilder.CreateTable(
                name: "deputy_fields",
                columns: table => new
                {
                    StaffCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    UnitCodes = table.Column<string>(type: "TEXT", nullable: false),
                    KpiCodes = table.Column<string>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deputy_fields", x => x.StaffCode);
                });

            migrationBuilder.CreateTable(
                name: "goal_objectives",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    KpiCode = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    ProvinceTarget = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_goal_objectives", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "goal_unit_targets",
                columns: table => new
                {
                    ObjectiveCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Target = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_goal_unit_targets", x => new { x.ObjectiveCode, x.UnitCode });
                });

            migrationBuilder.CreateIndex(
                name: "IX_goal_objectives_Year_KpiCode",
                table: "goal_objectives",
                columns: new[] { "Year", "KpiCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_goal_unit_targets_UnitCode",
                table: "goal_unit_targets",
                column: "UnitCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deputy_fields");

            migrationBuilder.DropTable(
                name: "goal_objectives");

            migrationBuilder.DropTable(
                name: "goal_unit_targets");

            migrationBuilder.DropPrimaryKey(
                name: "PK_kpi_sets",
                table: "kpi_sets");

            migrationBuilder.DropColumn(
                name: "Holder",
                table: "kpi_sets");

            migrationBuilder.AddPrimaryKey(
                name: "PK_kpi_sets",
                table: "kpi_sets",
                columns: new[] { "PositionCode", "Version" });
        }
    }
}
