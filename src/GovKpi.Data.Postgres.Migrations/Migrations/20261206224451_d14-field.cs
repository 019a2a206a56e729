using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GovKpi.Data.Postgres.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class d14field : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "citizen_meetings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Chair = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Attendance = table.Column<int>(type: "integer", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_citizen_meetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "field_sessions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    StartsAt = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    EndsAt = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    MemberCodes = table.Column<string>(type: "text", nullable: false),
                    AdviceCount = table.Column<int>(type: "integer", nullable: false),
                    DossiersReceivedCount = table.Column<int>(type: "integer", nullable: false),
                    ResultsReturnedCount = table.Column<int>(type: "integer", nullable: false),
                    OtherCount = table.Column<int>(type: "integer", nullable: false),
                    DossierIds = table.Column<string>(type: "text", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_field_sessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "citizen_issues",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MeetingId = table.Column<long>(type: "bigint", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    OwnerCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ClosureNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_citizen_issues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_citizen_issues_citizen_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "citizen_meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_citizen_issues_ClosedAt_OwnerCode",
                table: "citizen_issues",
                columns: new[] { "ClosedAt", "OwnerCode" });

            migrationBuilder.CreateIndex(
                name: "IX_citizen_issues_MeetingId_Number",
                table: "citizen_issues",
                columns: new[] { "MeetingId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_citizen_meetings_UnitCode_HeldOn",
                table: "citizen_meetings",
                columns: new[] { "UnitCode", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_field_sessions_UnitCode_HeldOn",
                table: "field_sessions",
                columns: new[] { "UnitCode", "HeldOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "citizen_issues");

            migrationBuilder.DropTable(
                name: "field_sessions");

            migrationBuilder.DropTable(
                name: "citizen_meetings");
        }
    }
}
