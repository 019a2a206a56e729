using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovKpi.Data.Sqlite.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class LeaveAndRespondentsInCore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
