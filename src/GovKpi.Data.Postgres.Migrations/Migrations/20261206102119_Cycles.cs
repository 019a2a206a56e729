using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovKpi.Data.Postgres.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Cycles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "HomeUnitCode",
                table: "staff_evaluations",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "feedback_requests",
                columns: table => new
                {
                    EvaluationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RespondentCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_requests", x => new { x.EvaluationId, x.RespondentCode });
                    table.ForeignKey(
                        name: "FK_feedback_requests_staff_evaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "staff_evaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "leave_records",
                columns: table => new
                {
                    StaffCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_leave_records", x => new { x.StaffCode, x.Kind, x.From });
                });

            migrationBuilder.CreateIndex(
                name: "IX_staff_evaluations_HomeUnitCode",
                table: "staff_evaluations",
                column: "HomeUnitCode");

            migrationBuilder.CreateIndex(
                name: "IX_feedback_requests_RespondentCode",
                table: "feedback_requests",
                column: "RespondentCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "feedback_requests");

            migrationBuilder.DropTable(
                name: "leave_records");

            migrationBuilder.DropIndex(
                name: "IX_staff_evaluations_HomeUnitCode",
                table: "staff_evaluations");

            migrationBuilder.DropColumn(
                name: "HomeUnitCode",
                table: "staff_evaluations");
        }
    }
}
