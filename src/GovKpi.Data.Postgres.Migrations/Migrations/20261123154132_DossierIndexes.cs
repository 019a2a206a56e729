using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovKpi.Data.Postgres.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class DossierIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_dossiers_finished_at",
                table: "dossiers");

            migrationBuilder.DropIndex(
                name: "IX_dossiers_received_at",
                table: "dossiers");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_dossiers_finished_at",
                table: "dossiers",
                column: "finished_at");

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_received_at",
                table: "dossiers",
                column: "received_at");
        }
    }
}
