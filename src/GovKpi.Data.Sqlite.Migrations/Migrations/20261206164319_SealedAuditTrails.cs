using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovKpi.Data.Sqlite.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class SealedAuditTrails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "organisation_audit",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Seal",
                table: "organisation_audit",
                type: "TEXT",
                maxLength: 73,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "organisation_audit",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Seal",
                table: "evaluation_audit",
                type: "TEXT",
                maxLength: 73,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "account_audit",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Seal",
                table: "account_audit",
                type: "TEXT",
                maxLength: 73,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "account_audit",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "audit_checkpoints",
                columns: table => new
                {
                    Scope = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    LastSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    HeadHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Signature = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_checkpoints", x => x.Scope);
                });

            migrationBuilder.CreateTable(
                name: "kpi_library_audit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ActorRole = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Before = table.Column<string>(type: "TEXT", nullable: true),
                    After = table.Column<string>(type: "TEXT", nullable: true),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Seal = table.Column<string>(type: "TEXT", maxLength: 73, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kpi_library_audit", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_organisation_audit_Sequence",
                table: "organisation_audit",
                column: "Sequence");

            migrationBuilder.CreateIndex(
                name: "IX_account_audit_Sequence",
                table: "account_audit",
                column: "Sequence");

            migrationBuilder.CreateIndex(
                name: "IX_kpi_library_audit_Sequence",
                table: "kpi_library_audit",
                column: "Sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_kpi_library_audit_Subject",
                table: "kpi_library_audit",
                column: "Subject");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_checkpoints");

            migrationBuilder.DropTable(
                name: "kpi_library_audit");

            migrationBuilder.DropIndex(
                name: "IX_organisation_audit_Sequence",
                table: "organisation_audit");

            migrationBuilder.DropIndex(
                name: "IX_account_audit_Sequence",
                table: "account_audit");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "organisation_audit");

            migrationBuilder.DropColumn(
                name: "Seal",
                table: "organisation_audit");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "organisation_audit");

            migrationBuilder.DropColumn(
                name: "Seal",
                table: "evaluation_audit");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "account_audit");

            migrationBuilder.DropColumn(
                name: "Seal",
                table: "account_audit");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "account_audit");
        }
    }
}
