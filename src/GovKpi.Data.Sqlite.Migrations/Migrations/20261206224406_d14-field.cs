using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovKpi.Data.Sqlite.Migrations.Migrations
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Chair = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Attendance = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_citizen_meetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "field_sessions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StartsAt = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    EndsAt = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    MemberCodes = table.Column<string>(type: "TEXT", nullable: false),
                    AdviceCount = table.Column<int>(type: "INTEGER", nullable: false),
                    DossiersReceivedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ResultsReturnedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    OtherCount = table.Column<int>(type: "INTEGER", nullable: false),
                    DossierIds = table.Column<string>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_field_sessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "citizen_issues",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<long>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    OwnerCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ClosureNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
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
