using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace GovKpi.Data.Postgres.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class d15speed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cache_stamps",
                columns: table => new
                {
                    Area = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Stamp = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cache_stamps", x => x.Area);
                });

            migrationBuilder.InsertData(
                table: "cache_stamps",
                columns: new[] { "Area", "Stamp" },
                values: new object[,]
                {
                    { "evaluation", new Guid("00000000-0000-0000-0000-000000000000") },
                    { "library", new Guid("00000000-0000-0000-0000-000000000000") },
                    { "measurement", new Guid("00000000-0000-0000-0000-000000000000") },
                    { "organisation", new Guid("00000000-0000-0000-0000-000000000000") },
                    { "training", new Guid("00000000-0000-0000-0000-000000000000") }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cache_stamps");
        }
    }
}
