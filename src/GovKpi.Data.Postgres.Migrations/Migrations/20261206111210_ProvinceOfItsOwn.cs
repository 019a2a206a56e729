using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GovKpi.Data.Postgres.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ProvinceOfItsOwn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "HomeUnitCode",
                table: "staff_evaluations",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Email",
                table: "staff",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Disabled",
                table: "accounts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Email",
                table: "accounts",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FailedSignIns",
                table: "accounts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LockedUntil",
                table: "accounts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "MustChangePassword",
                table: "accounts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PasswordChangedAt",
                table: "accounts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SecurityStamp",
                table: "accounts",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "account_audit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Before = table.Column<string>(type: "text", nullable: true),
                    After = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_account_audit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "account_sessions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AccountId = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_account_sessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_account_sessions_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "account_setup_tokens",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AccountId = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_account_setup_tokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_account_setup_tokens_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "feedback_requests",
                columns: table => new
                {
                    EvaluationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RespondentCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_requests", x => new { x.EvaluationId, x.RespondentCode });
                    table.ForeignKey(
                        name: "FK_feedback_requests_staff_evaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "staff_evaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "installation_facts",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_installation_facts", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "leave_records",
                columns: table => new
                {
                    StaffCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_leave_records", x => new { x.StaffCode, x.Kind, x.From });
                });

            migrationBuilder.CreateTable(
                name: "organisation_audit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Source = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Code = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Before = table.Column<string>(type: "text", nullable: true),
                    After = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_organisation_audit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "staff_history",
                columns: table => new
                {
                    StaffCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "date", nullable: true),
                    UnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PositionCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Leader = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_staff_history", x => new { x.StaffCode, x.EffectiveFrom });
                });

            migrationBuilder.CreateIndex(
                name: "IX_staff_evaluations_HomeUnitCode",
                table: "staff_evaluations",
                column: "HomeUnitCode");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_StaffCode",
                table: "accounts",
                column: "StaffCode");

            migrationBuilder.CreateIndex(
                name: "IX_account_audit_UserName",
                table: "account_audit",
                column: "UserName");

            migrationBuilder.CreateIndex(
                name: "IX_account_sessions_AccountId",
                table: "account_sessions",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_account_setup_tokens_AccountId",
                table: "account_setup_tokens",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_feedback_requests_RespondentCode",
                table: "feedback_requests",
                column: "RespondentCode");

            migrationBuilder.CreateIndex(
                name: "IX_organisation_audit_Kind_Code",
                table: "organisation_audit",
                columns: new[] { "Kind", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_staff_history_UnitCode",
                table: "staff_history",
                column: "UnitCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account_audit");

            migrationBuilder.DropTable(
                name: "account_sessions");

            migrationBuilder.DropTable(
                name: "account_setup_tokens");

            migrationBuilder.DropTable(
                name: "feedback_requests");

            migrationBuilder.DropTable(
                name: "installation_facts");

            migrationBuilder.DropTable(
                name: "leave_records");

            migrationBuilder.DropTable(
                name: "organisation_audit");

            migrationBuilder.DropTable(
                name: "staff_history");

            migrationBuilder.DropIndex(
                name: "IX_staff_evaluations_HomeUnitCode",
                table: "staff_evaluations");

            migrationBuilder.DropIndex(
                name: "IX_accounts_StaffCode",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "HomeUnitCode",
                table: "staff_evaluations");

            migrationBuilder.DropColumn(
                name: "Email",
                table: "staff");

            migrationBuilder.DropColumn(
                name: "Disabled",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "Email",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "FailedSignIns",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "LockedUntil",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "MustChangePassword",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "PasswordChangedAt",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "SecurityStamp",
                table: "accounts");
        }
    }
}
