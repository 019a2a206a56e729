using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GovKpi.Data.Postgres.Migrations.Migrations
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StaffCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    OldTo = table.Column<DateOnly>(type: "date", nullable: true),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
