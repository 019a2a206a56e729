using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GovKpi.Data.Postgres.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class KpisAndTasksMakeTheScore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_kpi_sets",
                table: "kpi_sets");

            migrationBuilder.AddColumn<string>(
                name: "TaskScore",
                table: "staff_evaluations",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Holder",
                table: "kpi_sets",
                type: "character varying(20)",
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
                    StaffCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    UnitCodes = table.Column<string>(type: "text", nullable: false),
                    KpiCodes = table.Column<string>(type: "text", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deputy_fields", x => x.StaffCode);
                });

            migrationBuilder.CreateTable(
                name: "goal_objectives",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    KpiCode = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    ProvinceTarget = table.Column<decimal>(type: "numeric(18,6)", precision: 18, scale: 6, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_goal_objectives", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "goal_unit_targets",
                columns: table => new
                {
                    ObjectiveCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Target = table.Column<decimal>(type: "numeric(18,6)", precision: 18, scale: 6, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_goal_unit_targets", x => new { x.ObjectiveCode, x.UnitCode });
                });

            migrationBuilder.CreateTable(
                name: "task_assignments",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Source = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    SourceVersion = table.Column<int>(type: "integer", nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    StaffCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TaskTypeCode = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    CatalogueAgencyCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TaskTypeVersion = table.Column<int>(type: "integer", nullable: false),
                    Quantity = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    AssignedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ExpectedProduct = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    QualityCheck = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    AssignedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AssignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    QuantityDone = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    PercentDone = table.Column<int>(type: "integer", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Submissions = table.Column<int>(type: "integer", nullable: false),
                    ReturnReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    QualityPassed = table.Column<bool>(type: "boolean", nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DelayCause = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    QualityCause = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_task_assignments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "task_audit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TaskId = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ActorRole = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Field = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OldValue = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    NewValue = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_task_audit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "task_diary",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TaskId = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    StaffCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Hours = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_task_diary", x => x.Id);
                    table.ForeignKey(
                        name: "FK_task_diary_task_assignments_TaskId",
                        column: x => x.TaskId,
                        principalTable: "task_assignments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
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

            migrationBuilder.CreateIndex(
                name: "IX_task_assignments_StaffCode_DueOn",
                table: "task_assignments",
                columns: new[] { "StaffCode", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_task_assignments_UnitCode_DueOn",
                table: "task_assignments",
                columns: new[] { "UnitCode", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_task_audit_TaskId",
                table: "task_audit",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_task_diary_StaffCode_Day",
                table: "task_diary",
                columns: new[] { "StaffCode", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_task_diary_TaskId",
                table: "task_diary",
                column: "TaskId");
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

            migrationBuilder.DropTable(
                name: "task_audit");

            migrationBuilder.DropTable(
                name: "task_diary");

            migrationBuilder.DropTable(
                name: "task_assignments");

            migrationBuilder.DropPrimaryKey(
                name: "PK_kpi_sets",
                table: "kpi_sets");

            migrationBuilder.DropColumn(
                name: "TaskScore",
                table: "staff_evaluations");

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
