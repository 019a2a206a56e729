using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GovKpi.Data.Postgres.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class d14work : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "position_skills",
                columns: table => new
                {
                    PositionCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Skill = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_position_skills", x => new { x.PositionCode, x.Skill });
                });

            migrationBuilder.CreateTable(
                name: "procedure_skills",
                columns: table => new
                {
                    ProcedureCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Skill = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_procedure_skills", x => new { x.ProcedureCode, x.Skill });
                });

            migrationBuilder.CreateTable(
                name: "secondment_plan_audit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Detail = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_secondment_plan_audit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "secondment_plans",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Proposed = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecisionNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_secondment_plans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "workload_norms",
                columns: table => new
                {
                    PositionCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DossiersPerDay = table.Column<decimal>(type: "numeric(9,3)", precision: 9, scale: 3, nullable: false),
                    StandardProductsPerDay = table.Column<decimal>(type: "numeric(9,3)", precision: 9, scale: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workload_norms", x => x.PositionCode);
                });

            migrationBuilder.CreateTable(
                name: "secondment_plan_lines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    StaffCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FromUnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ToUnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_secondment_plan_lines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_secondment_plan_lines_secondment_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "secondment_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_secondment_plan_audit_PlanId",
                table: "secondment_plan_audit",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_secondment_plan_lines_PlanId_Number",
                table: "secondment_plan_lines",
                columns: new[] { "PlanId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_secondment_plans_CreatedAt",
                table: "secondment_plans",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "position_skills");

            migrationBuilder.DropTable(
                name: "procedure_skills");

            migrationBuilder.DropTable(
                name: "secondment_plan_audit");

            migrationBuilder.DropTable(
                name: "secondment_plan_lines");

            migrationBuilder.DropTable(
                name: "workload_norms");

            migrationBuilder.DropTable(
                name: "secondment_plans");
        }
    }
}
