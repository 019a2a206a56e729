using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovKpi.Data.Sqlite.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class AuditAuthors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "leave_audit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StaffCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    OldTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_leave_audit", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_task_audit_At",
                table: "task_audit",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_organisation_audit_At",
                table: "organisation_audit",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_audit_At",
                table: "evaluation_audit",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_account_audit_At",
                table: "account_audit",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_leave_audit_RecordedAt",
                table: "leave_audit",
                column: "RecordedAt");

            migrationBuilder.CreateIndex(
                name: "IX_leave_audit_StaffCode",
                table: "leave_audit",
                column: "StaffCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "leave_audit");

            migrationBuilder.DropIndex(
                name: "IX_task_audit_At",
                table: "task_audit");

            migrationBuilder.DropIndex(
                name: "IX_organisation_audit_At",
                table: "organisation_audit");

            migrationBuilder.DropIndex(
                name: "IX_evaluation_audit_At",
                table: "evaluation_audit");

            migrationBuilder.DropIndex(
                name: "IX_account_audit_At",
                table: "account_audit");
        }
    }
}
