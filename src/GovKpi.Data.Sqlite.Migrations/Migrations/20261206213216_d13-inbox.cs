using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovKpi.Data.Sqlite.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class d13inbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "notification_digests",
                columns: table => new
                {
                    StaffCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    LastSentAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notification_digests", x => x.StaffCode);
                });

            migrationBuilder.CreateTable(
                name: "notification_mail_lease",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Until = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notification_mail_lease", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "notification_preferences",
                columns: table => new
                {
                    StaffCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Preference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notification_preferences", x => x.StaffCode);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SourceKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    RecipientStaffCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReadAt = table.Column<long>(type: "INTEGER", nullable: true),
                    MailedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "notification_mail_lease",
                columns: new[] { "Name", "Holder", "Until", "Version" },
                values: new object[] { "mail", null, 0L, 0 });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_MailedAt",
                table: "notifications",
                column: "MailedAt",
                filter: "\"MailedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_RecipientStaffCode_CreatedAt",
                table: "notifications",
                columns: new[] { "RecipientStaffCode", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_RecipientStaffCode_ReadAt",
                table: "notifications",
                columns: new[] { "RecipientStaffCode", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_SourceKey",
                table: "notifications",
                column: "SourceKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notification_digests");

            migrationBuilder.DropTable(
                name: "notification_mail_lease");

            migrationBuilder.DropTable(
                name: "notification_preferences");

            migrationBuilder.DropTable(
                name: "notifications");
        }
    }
}
