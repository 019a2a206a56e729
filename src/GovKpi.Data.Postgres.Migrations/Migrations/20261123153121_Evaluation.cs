using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GovKpi.Data.Postgres.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Evaluation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "evaluation_cycles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    UnitName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AgencyCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PeriodKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PeriodFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "date", nullable: false),
                    Policy = table.Column<string>(type: "text", nullable: false),
                    Stage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OpenedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    AuditSequence = table.Column<long>(type: "bigint", nullable: false),
                    AuditHead = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Deadlines_Appeal = table.Column<DateOnly>(type: "date", nullable: false),
                    Deadlines_Calibration = table.Column<DateOnly>(type: "date", nullable: false),
                    Deadlines_CollectiveReview = table.Column<DateOnly>(type: "date", nullable: false),
                    Deadlines_Feedback360 = table.Column<DateOnly>(type: "date", nullable: false),
                    Deadlines_HeadApproval = table.Column<DateOnly>(type: "date", nullable: false),
                    Deadlines_ManagerRating = table.Column<DateOnly>(type: "date", nullable: false),
                    Deadlines_Publication = table.Column<DateOnly>(type: "date", nullable: false),
                    Deadlines_SelfAssessment = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evaluation_cycles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "evaluation_audit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CycleId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ActorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ActorRole = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    EvaluationId = table.Column<Guid>(type: "uuid", nullable: true),
                    StaffCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Field = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OldValue = table.Column<string>(type: "text", nullable: false),
                    NewValue = table.Column<string>(type: "text", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evaluation_audit", x => x.Id);
                    table.ForeignKey(
                        name: "FK_evaluation_audit_evaluation_cycles_CycleId",
                        column: x => x.CycleId,
                        principalTable: "evaluation_cycles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "staff_evaluations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CycleId = table.Column<Guid>(type: "uuid", nullable: false),
                    StaffCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    StaffName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PositionCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Group = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Leader = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SelfGeneralPoints = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: true),
                    SelfTaskPoints = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: true),
                    SelfAssessment = table.Column<string>(type: "text", nullable: false),
                    SelfAssessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    GeneralPoints = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: true),
                    TaskPoints = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: true),
                    UnitResultPoints = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: true),
                    ForcedKht = table.Column<bool>(type: "boolean", nullable: false),
                    RatingReason = table.Column<string>(type: "text", nullable: false),
                    RatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Score = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: true),
                    Level = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    LevelReason = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ResultVersion = table.Column<int>(type: "integer", nullable: false),
                    Rerated = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_staff_evaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_staff_evaluations_evaluation_cycles_CycleId",
                        column: x => x.CycleId,
                        principalTable: "evaluation_cycles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "evaluation_appeals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EvaluationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResultVersion = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    FiledBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FiledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Decision = table.Column<string>(type: "text", nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evaluation_appeals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_evaluation_appeals_staff_evaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "staff_evaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "evaluation_comments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EvaluationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Item = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Side = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Author = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AuthorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evaluation_comments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_evaluation_comments_staff_evaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "staff_evaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "evaluation_results",
                columns: table => new
                {
                    EvaluationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    GeneralPoints = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    TaskPoints = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    UnitResultPoints = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: true),
                    Score = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    ForcedKht = table.Column<bool>(type: "boolean", nullable: false),
                    Level = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    LevelReason = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evaluation_results", x => new { x.EvaluationId, x.Version });
                    table.ForeignKey(
                        name: "FK_evaluation_results_staff_evaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "staff_evaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "feedback_answers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EvaluationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Ratings = table.Column<string>(type: "text", nullable: false),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_answers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_feedback_answers_staff_evaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "staff_evaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "feedback_respondents",
                columns: table => new
                {
                    EvaluationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RespondentCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback_respondents", x => new { x.EvaluationId, x.RespondentCode });
                    table.ForeignKey(
                        name: "FK_feedback_respondents_staff_evaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "staff_evaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_appeals_EvaluationId",
                table: "evaluation_appeals",
                column: "EvaluationId");

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_audit_CycleId_Sequence",
                table: "evaluation_audit",
                columns: new[] { "CycleId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_audit_EvaluationId",
                table: "evaluation_audit",
                column: "EvaluationId");

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_comments_EvaluationId_Item",
                table: "evaluation_comments",
                columns: new[] { "EvaluationId", "Item" });

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_cycles_AgencyCode_PeriodFrom",
                table: "evaluation_cycles",
                columns: new[] { "AgencyCode", "PeriodFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_cycles_UnitCode_PeriodKind_PeriodFrom",
                table: "evaluation_cycles",
                columns: new[] { "UnitCode", "PeriodKind", "PeriodFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_feedback_answers_EvaluationId",
                table: "feedback_answers",
                column: "EvaluationId");

            migrationBuilder.CreateIndex(
                name: "IX_staff_evaluations_CycleId_StaffCode",
                table: "staff_evaluations",
                columns: new[] { "CycleId", "StaffCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_staff_evaluations_StaffCode",
                table: "staff_evaluations",
                column: "StaffCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "evaluation_appeals");

            migrationBuilder.DropTable(
                name: "evaluation_audit");

            migrationBuilder.DropTable(
                name: "evaluation_comments");

            migrationBuilder.DropTable(
                name: "evaluation_results");

            migrationBuilder.DropTable(
                name: "feedback_answers");

            migrationBuilder.DropTable(
                name: "feedback_respondents");

            migrationBuilder.DropTable(
                name: "staff_evaluations");

            migrationBuilder.DropTable(
                name: "evaluation_cycles");
        }
    }
}
