using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace GovKpi.Data.Sqlite.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class d15nodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "notification_mail_lease",
                columns: new[] { "Name", "Holder", "Until", "Version" },
                values: new object[,]
                {
                    { "alerts", null, 0L, 0 },
                    { "notices", null, 0L, 0 }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "notification_mail_lease",
                keyColumn: "Name",
                keyValue: "alerts");

            migrationBuilder.DeleteData(
                table: "notification_mail_lease",
                keyColumn: "Name",
                keyValue: "notices");
        }
    }
}
