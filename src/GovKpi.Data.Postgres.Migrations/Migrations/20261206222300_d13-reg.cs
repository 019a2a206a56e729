using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GovKpi.Data.Postgres.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class d13reg : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Code",
                table: "delegated_tasks",
                type: "character varying(81)",
                maxLength: 81,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40);

            migrationBuilder.AddColumn<string>(
                name: "FromLevel",
                table: "delegated_tasks",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Province");

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "delegated_tasks",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Delegated");

            migrationBuilder.AddColumn<string>(
                name: "ParentCode",
                table: "delegated_tasks",
                type: "character varying(81)",
                maxLength: 81,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReportRhythm",
                table: "delegated_tasks",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Once");

            migrationBuilder.AddColumn<string>(
                name: "ToLevel",
                table: "delegated_tasks",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Commune");

            migrationBuilder.AlterColumn<string>(
                name: "TaskCode",
                table: "delegated_task_reports",
                type: "character varying(81)",
                maxLength: 81,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40);

            migrationBuilder.AddColumn<string>(
                name: "UnitCode",
                table: "delegated_task_reports",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "delegated_task_audit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TaskCode = table.Column<string>(type: "character varying(81)", maxLength: 81, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ActorRole = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Field = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OldValue = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    NewValue = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_delegated_task_audit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "delegated_task_evidence",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReportId = table.Column<long>(type: "bigint", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_delegated_task_evidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_delegated_task_evidence_delegated_task_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "delegated_task_reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "delegated_task_extensions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TaskCode = table.Column<string>(type: "character varying(81)", maxLength: 81, nullable: false),
                    FromDue = table.Column<DateOnly>(type: "date", nullable: false),
                    ToDue = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_delegated_task_extensions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_delegated_task_extensions_delegated_tasks_TaskCode",
                        column: x => x.TaskCode,
                        principalTable: "delegated_tasks",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "delegated_task_inspections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TaskCode = table.Column<string>(type: "character varying(81)", maxLength: 81, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Inspector = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_delegated_task_inspections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_delegated_task_inspections_delegated_tasks_TaskCode",
                        column: x => x.TaskCode,
                        principalTable: "delegated_tasks",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "delegated_task_units",
                columns: table => new
                {
                    TaskCode = table.Column<string>(type: "character varying(81)", maxLength: 81, nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_delegated_task_units", x => new { x.TaskCode, x.UnitCode });
                    table.ForeignKey(
                        name: "FK_delegated_task_units_delegated_tasks_TaskCode",
                        column: x => x.TaskCode,
                        principalTable: "delegated_tasks",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "delegated_task_findings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InspectionId = table.Column<long>(type: "bigint", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_delegated_task_findings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_delegated_task_findings_delegated_task_inspections_Inspecti~",
                        column: x => x.InspectionId,
                        principalTable: "delegated_task_inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "delegated_task_follow_ups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FindingId = table.Column<long>(type: "bigint", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosureNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_delegated_task_follow_ups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_delegated_task_follow_ups_delegated_task_findings_FindingId",
                        column: x => x.FindingId,
                        principalTable: "delegated_task_findings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_delegated_tasks_ParentCode",
                table: "delegated_tasks",
                column: "ParentCode");

            migrationBuilder.CreateIndex(
                name: "IX_delegated_task_audit_At",
                table: "delegated_task_audit",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_delegated_task_audit_TaskCode",
                table: "delegated_task_audit",
                column: "TaskCode");

            migrationBuilder.CreateIndex(
                name: "IX_delegated_task_evidence_ReportId",
                table: "delegated_task_evidence",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_delegated_task_extensions_TaskCode",
                table: "delegated_task_extensions",
                column: "TaskCode");

            migrationBuilder.CreateIndex(
                name: "IX_delegated_task_findings_InspectionId_Position",
                table: "delegated_task_findings",
                columns: new[] { "InspectionId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_delegated_task_follow_ups_FindingId_Position",
                table: "delegated_task_follow_ups",
                columns: new[] { "FindingId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_delegated_task_inspections_TaskCode_Number",
                table: "delegated_task_inspections",
                columns: new[] { "TaskCode", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_delegated_task_units_UnitCode",
                table: "delegated_task_units",
                column: "UnitCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "delegated_task_audit");

            migrationBuilder.DropTable(
                name: "delegated_task_evidence");

            migrationBuilder.DropTable(
                name: "delegated_task_extensions");

            migrationBuilder.DropTable(
                name: "delegated_task_follow_ups");

            migrationBuilder.DropTable(
                name: "delegated_task_units");

            migrationBuilder.DropTable(
                name: "delegated_task_findings");

            migrationBuilder.DropTable(
                name: "delegated_task_inspections");

            migrationBuilder.DropIndex(
                name: "IX_delegated_tasks_ParentCode",
                table: "delegated_tasks");

            migrationBuilder.DropColumn(
                name: "FromLevel",
                table: "delegated_tasks");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "delegated_tasks");

            migrationBuilder.DropColumn(
                name: "ParentCode",
                table: "delegated_tasks");

            migrationBuilder.DropColumn(
                name: "ReportRhythm",
                table: "delegated_tasks");

            migrationBuilder.DropColumn(
                name: "ToLevel",
                table: "delegated_tasks");

            migrationBuilder.DropColumn(
                name: "UnitCode",
                table: "delegated_task_reports");

            migrationBuilder.AlterColumn<string>(
                name: "Code",
                table: "delegated_tasks",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(81)",
                oldMaxLength: 81);

            migrationBuilder.AlterColumn<string>(
                name: "TaskCode",
                table: "delegated_task_reports",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(81)",
                oldMaxLength: 81);
        }
    }
}
