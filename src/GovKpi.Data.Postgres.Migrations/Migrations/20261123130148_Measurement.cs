using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GovKpi.Data.Postgres.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Measurement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "calendar_exceptions",
                columns: table => new
                {
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_exceptions", x => x.date);
                });

            migrationBuilder.CreateTable(
                name: "complaints",
                columns: table => new
                {
                    complaint_id = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    unit_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    staff_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    dossier_id = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    category = table.Column<string>(type: "text", nullable: false),
                    upheld = table.Column<bool>(type: "boolean", nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_complaints", x => x.complaint_id);
                });

            migrationBuilder.CreateTable(
                name: "dossier_versions",
                columns: table => new
                {
                    dossier_id = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    procedure_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    unit_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    handler_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    channel = table.Column<string>(type: "text", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<string>(type: "text", nullable: false),
                    supplement_count = table.Column<int>(type: "integer", nullable: false),
                    staff_error_return = table.Column<bool>(type: "boolean", nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossier_versions", x => new { x.dossier_id, x.updated_at });
                });

            migrationBuilder.CreateTable(
                name: "dossiers",
                columns: table => new
                {
                    dossier_id = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    procedure_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    unit_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    handler_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    channel = table.Column<string>(type: "text", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<string>(type: "text", nullable: false),
                    supplement_count = table.Column<int>(type: "integer", nullable: false),
                    staff_error_return = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossiers", x => x.dossier_id);
                });

            migrationBuilder.CreateTable(
                name: "import_batches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FileName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ImportedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Read = table.Column<long>(type: "bigint", nullable: false),
                    Inserted = table.Column<long>(type: "bigint", nullable: false),
                    Unchanged = table.Column<long>(type: "bigint", nullable: false),
                    Replaced = table.Column<long>(type: "bigint", nullable: false),
                    Conflicts = table.Column<long>(type: "bigint", nullable: false),
                    Invalid = table.Column<long>(type: "bigint", nullable: false),
                    Error = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_import_batches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "quarantined_rows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BatchId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    File = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Line = table.Column<long>(type: "bigint", nullable: false),
                    Column = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: false),
                    RawJson = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ResolvedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ResolvedBatchId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quarantined_rows", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "surveys",
                columns: table => new
                {
                    response_id = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    dossier_id = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    score = table.Column<int>(type: "integer", nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_surveys", x => x.response_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_complaints_received_at",
                table: "complaints",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "IX_complaints_staff_code",
                table: "complaints",
                column: "staff_code");

            migrationBuilder.CreateIndex(
                name: "IX_complaints_unit_code",
                table: "complaints",
                column: "unit_code");

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_finished_at",
                table: "dossiers",
                column: "finished_at");

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_handler_code",
                table: "dossiers",
                column: "handler_code");

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_received_at",
                table: "dossiers",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_unit_code",
                table: "dossiers",
                column: "unit_code");

            migrationBuilder.CreateIndex(
                name: "IX_import_batches_StartedAt",
                table: "import_batches",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_quarantined_rows_BatchId",
                table: "quarantined_rows",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_quarantined_rows_Status_Id",
                table: "quarantined_rows",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_surveys_dossier_id",
                table: "surveys",
                column: "dossier_id");

            migrationBuilder.CreateIndex(
                name: "IX_surveys_submitted_at",
                table: "surveys",
                column: "submitted_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "calendar_exceptions");

            migrationBuilder.DropTable(
                name: "complaints");

            migrationBuilder.DropTable(
                name: "dossier_versions");

            migrationBuilder.DropTable(
                name: "dossiers");

            migrationBuilder.DropTable(
                name: "import_batches");

            migrationBuilder.DropTable(
                name: "quarantined_rows");

            migrationBuilder.DropTable(
                name: "surveys");
        }
    }
}
