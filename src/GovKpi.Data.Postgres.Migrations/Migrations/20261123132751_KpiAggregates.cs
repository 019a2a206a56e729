using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovKpi.Data.Postgres.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class KpiAggregates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "kpi_aggregates",
                columns: table => new
                {
                    period_from = table.Column<DateOnly>(type: "date", nullable: false),
                    period_to = table.Column<DateOnly>(type: "date", nullable: false),
                    scope = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    finished = table.Column<long>(type: "bigint", nullable: false),
                    finished_on_time = table.Column<long>(type: "bigint", nullable: false),
                    open_late = table.Column<long>(type: "bigint", nullable: false),
                    finished_with_staff_error = table.Column<long>(type: "bigint", nullable: false),
                    completed = table.Column<long>(type: "bigint", nullable: false),
                    withdrawn = table.Column<long>(type: "bigint", nullable: false),
                    received = table.Column<long>(type: "bigint", nullable: false),
                    received_online = table.Column<long>(type: "bigint", nullable: false),
                    surveys = table.Column<long>(type: "bigint", nullable: false),
                    survey_score_sum = table.Column<long>(type: "bigint", nullable: false),
                    upheld_complaints = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kpi_aggregates", x => new { x.period_from, x.period_to, x.scope, x.code });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "kpi_aggregates");
        }
    }
}
