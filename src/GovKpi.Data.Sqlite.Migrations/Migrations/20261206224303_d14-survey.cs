using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovKpi.Data.Sqlite.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class d14survey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "survey_page_responses",
                columns: table => new
                {
                    dossier_id = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    response_id = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    submitted_at = table.Column<long>(type: "INTEGER", nullable: false),
                    comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_survey_page_responses", x => x.dossier_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_survey_page_responses_response_id",
                table: "survey_page_responses",
                column: "response_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "survey_page_responses");
        }
    }
}
