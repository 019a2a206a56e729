using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GovKpi.Data.Postgres.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class DelegatedTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "delegated_tasks",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    SourceAgency = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LegalBasis = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ReceivingUnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AssignedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RegisteredBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_delegated_tasks", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "delegated_task_reports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TaskCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ReportedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PercentDone = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Reporter = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReporterUserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_delegated_task_reports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_delegated_task_reports_delegated_tasks_TaskCode",
                        column: x => x.TaskCode,
                        principalTable: "delegated_tasks",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_delegated_task_reports_TaskCode_ReportedOn",
                table: "delegated_task_reports",
                columns: new[] { "TaskCode", "ReportedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_delegated_tasks_ReceivingUnitCode",
                table: "delegated_tasks",
                column: "ReceivingUnitCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "delegated_task_reports");

            migrationBuilder.DropTable(
                name: "delegated_tasks");
        }
    }
}
