using GovKpi.Core.Access;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Data;
using GovKpi.Web.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Evaluation;

/// <summary>
/// The evaluation cycle API (issue 4, items 3 and 4; docs/EVALUATION.md). Reads go through the
/// caller's unit scope; writes through <see cref="EvaluationDesk"/>, which asks
/// <see cref="CycleWorkflow"/> who may do what in which stage and writes the audit trail.
/// Wrong stage, closed deadline or published result: 409 with a localised problem.
/// </summary>
public static class EvaluationEndpoints
{
    /// <summary>Everyone but the integration accounts of operational systems.</summary>
    private static readonly string[] People = [Roles.Staff, Roles.Manager, Roles.Hr, Roles.Leader, Roles.Auditor];

    public static void MapEvaluationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/evaluation").WithTags("Evaluation").RequireAuthorization(p => p.RequireRole(People));

        group.MapGet("/questions", (IStringLocalizer<SharedResource> l) =>
            TypedResults.Ok(Feedback360.Questions.Select(q => new QuestionResponse(q, l[$"Evaluation.Question.{q}"])).ToList()))
            .WithSummary("The 360° questionnaire: each question is rated 1 (poor) – 5 (excellent).");

        group.MapGet("/cycles", async Task<Results<Ok<List<CycleResponse>>, ValidationProblem>> (
            string? unit, int? year, GovKpiDbContext db, EvaluationReader reader, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            year is { } y && !QueryDates.Plausible(y)
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    { ["year"] = [l["Query.Error.Year", y, QueryDates.FirstYear, QueryDates.LastYear]] }, title: l["Evaluation.Error.Title"])
                : TypedResults.Ok(await reader.CyclesAsync(await Caller.LoadAsync(db, http, ct), unit, year, ct)))
            .WithSummary("Cycles of the units in the caller's scope and those the caller is evaluated in, newest period first.");

        group.MapPost("/cycles", async Task<Results<Created<CycleResponse>, NotFound, ForbidHttpResult, ProblemHttpResult, ValidationProblem>> (
            OpenCycleRequest request, GovKpiDbContext db, EvaluationDesk desk, HttpContext http, CancellationToken ct) =>
        {
            var result = await desk.OpenAsync(await Caller.LoadAsync(db, http, ct), request, ct);
            return result.Status == DeskStatus.Ok
                ? TypedResults.Created($"/api/evaluation/cycles/{result.Value!.Id}", result.Value)
                : result.ToHttp().Result switch
                {
                    ForbidHttpResult f => f,
                    ProblemHttpResult p => p,
                    ValidationProblem v => v,
                    _ => TypedResults.NotFound(),
                };
        })
        .WithSummary("Opens a cycle for a unit and period (Manager of the unit, or HR): one evaluation per staff member of the unit, stage SelfAssessment.")
        .WithDescription("periodKind = Month | Quarter | Year; number = month 1–12 or quarter 1–4. policy = decree-335 (default) | khanh-hoa. "
            + "deadlines: the last day of each stage (any left out default to a few days per stage). 409 when the unit already has a cycle for the period.");

        group.MapGet("/cycles/{id:guid}", async (Guid id, GovKpiDbContext db, EvaluationReader reader, HttpContext http, CancellationToken ct) =>
            (await reader.CycleAsync(await Caller.LoadAsync(db, http, ct), id, ct)).ToHttp())
            .WithSummary("A cycle and the evaluations the caller may see (staff: their own; managers, HR, leadership, auditors: all), "
                + "the colleagues the caller may give 360° feedback on, and the unit's progress.");

        group.MapPost("/cycles/{id:guid}/advance", async (Guid id, AdvanceRequest request, GovKpiDbContext db, EvaluationDesk desk, HttpContext http, CancellationToken ct) =>
            (await desk.AdvanceAsync(await Caller.LoadAsync(db, http, ct), id, request, ct)).ToHttp())
            .WithSummary("Moves the cycle to the next stage `to` (publishing is advancing to Published; locking, to Locked).")
            .WithDescription("Who: Manager or HR for most stages; HR only out of Calibration (applies the HTXS quota); the unit's Manager only out of HeadApproval. "
                + "409 when `to` is not the next stage, someone is not rated (out of ManagerRating), the appeal deadline has passed (publishing; "
                + "`appealDeadline` may move it) or has not (locking), or an appeal or reopened result is pending (locking).");

        group.MapGet("/cycles/{id:guid}/published", async (Guid id, GovKpiDbContext db, EvaluationReader reader, HttpContext http, CancellationToken ct) =>
            (await reader.PublishedAsync(await Caller.LoadAsync(db, http, ct), id, ct)).ToHttp())
            .WithSummary("The results as published in the unit (latest version of each), readable by every member once published.");

        group.MapGet("/cycles/{id:guid}/published.xlsx", async (Guid id, GovKpiDbContext db, EvaluationDocuments documents, HttpContext http, CancellationToken ct) =>
            Download(await documents.PublishedAsync(await Caller.LoadAsync(db, http, ct), id, pdf: false, ct)))
            .Produces(StatusCodes.Status200OK, contentType: EvaluationDocuments.Xlsx)
            .WithSummary("The published list as an Excel workbook (names, positions, scores, levels, publication date, end of the appeal window); 409 before publication.");

        group.MapGet("/cycles/{id:guid}/published.pdf", async (Guid id, GovKpiDbContext db, EvaluationDocuments documents, HttpContext http, CancellationToken ct) =>
            Download(await documents.PublishedAsync(await Caller.LoadAsync(db, http, ct), id, pdf: true, ct)))
            .Produces(StatusCodes.Status200OK, contentType: EvaluationDocuments.Pdf)
            .WithSummary("The published list as PDF, to post in the unit; 409 before publication.");

        group.MapGet("/cycles/{id:guid}/summary.xlsx", async (Guid id, GovKpiDbContext db, EvaluationDocuments documents, HttpContext http, CancellationToken ct) =>
            Download(await documents.SummaryAsync(await Caller.LoadAsync(db, http, ct), id, ct)))
            .Produces(StatusCodes.Status200OK, contentType: EvaluationDocuments.Xlsx)
            .WithSummary("The unit summary as an Excel workbook: one rated person per row (points, total, level, basis, calibration flags), then the distribution of levels. "
                + "The unit's managers, HR, leadership and auditors.");

        group.MapGet("/annual", async (int? year, string? unit, GovKpiDbContext db, AnnualResultsReader annual, HttpContext http, CancellationToken ct) =>
            (await annual.ReadAsync(await Caller.LoadAsync(db, http, ct), year, unit, ct)).ToHttp())
            .WithSummary("The annual classification from the locked results of the year's cycles: year score by months worked (agencies combined), level, "
                + "bonus coefficient, commendations, training need, and the lists the law requires (e.g. KHT two years running). HR and leadership.")
            .WithDescription("year = YYYY (required); unit = a unit code to list only the people whose latest period was in its subtree (the quota is still counted over each whole agency).");

        group.MapGet("/cycles/{id:guid}/calibration", async (Guid id, GovKpiDbContext db, EvaluationReader reader, HttpContext http, CancellationToken ct) =>
            (await reader.CalibrationAsync(await Caller.LoadAsync(db, http, ct), id, ct)).ToHttp())
            .WithSummary("The HTXS quota over the agency's people of the period: per agency and group how many were eligible, allowed and moved; per person band and level.");

        group.MapGet("/cycles/{id:guid}/audit", async (Guid id, GovKpiDbContext db, EvaluationReader reader, HttpContext http, CancellationToken ct) =>
            (await reader.CycleAuditAsync(await Caller.LoadAsync(db, http, ct), id, ct)).ToHttp())
            .WithSummary("The cycle's append-only audit trail (who, when, what, old and new value, why), with the hash chain checked. Managers, HR, leadership, auditors.");

        group.MapGet("/my", async (GovKpiDbContext db, EvaluationReader reader, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await reader.MineAsync(await Caller.LoadAsync(db, http, ct), ct)))
            .WithSummary("The caller's own evaluations, newest period first.");

        group.MapGet("/reminders", async (GovKpiDbContext db, EvaluationReader reader, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await reader.RemindersAsync(await Caller.LoadAsync(db, http, ct), ct)))
            .WithSummary("What the caller has to do (or, for managers, who has not done what) in open cycles, with the deadline and its urgency.")
            .WithDescription("urgency = Upcoming | DueSoon (within 3 days) | Overdue, from the stage deadlines and the server clock. "
                + "Who has or has not given 360° feedback is never listed to anyone but the colleague concerned.");

        group.MapGet("/evaluations/{id:guid}", async (Guid id, GovKpiDbContext db, EvaluationReader reader, HttpContext http, CancellationToken ct) =>
            (await reader.EvaluationAsync(await Caller.LoadAsync(db, http, ct), id, ct)).ToHttp())
            .WithSummary("One person's evaluation: self-assessment, rating, score, level, published versions, appeals, 360° summary, and what the caller may do now.");

        group.MapGet("/evaluations/{id:guid}/form.pdf", async (Guid id, GovKpiDbContext db, EvaluationDocuments documents, HttpContext http, CancellationToken ct) =>
            Download(await documents.FormAsync(await Caller.LoadAsync(db, http, ct), id, ct)))
            .Produces(StatusCodes.Status200OK, contentType: EvaluationDocuments.Pdf)
            .WithSummary("The evaluation form of one person as PDF, in Vietnamese (English with ?culture=en-US): criteria with points, total, level, formulas, comments; 409 before the rating.");

        group.MapGet("/evaluations/{id:guid}/explanation", async (Guid id, GovKpiDbContext db, EvaluationReader reader, HttpContext http, CancellationToken ct) =>
            (await reader.ExplainAsync(await Caller.LoadAsync(db, http, ct), id, ct)).ToHttp())
            .WithSummary("Transparency: criteria, maxima, formula, bands and quota, the numbers behind the score, the general criteria with the level given and its anchor, "
                + "the rating scale with what each level means, the position's KPI set and the measured KPI values of the period.");

        group.MapPut("/evaluations/{id:guid}/self-assessment", async (Guid id, SelfAssessmentRequest request, GovKpiDbContext db, EvaluationDesk desk, HttpContext http, CancellationToken ct) =>
            (await desk.SelfAssessAsync(await Caller.LoadAsync(db, http, ct), id, request, ct)).ToHttp())
            .WithSummary("The person's own points proposal and text (stage SelfAssessment; may be sent again until the stage ends).");

        group.MapGet("/evaluations/{id:guid}/feedback", async (Guid id, GovKpiDbContext db, EvaluationReader reader, HttpContext http, CancellationToken ct) =>
            (await reader.FeedbackAsync(await Caller.LoadAsync(db, http, ct), id, ct)).ToHttp())
            .WithSummary("The 360° summary: averages and comments from at least 3 colleagues; below 3, shown = false and nothing else, not even the count.");

        group.MapPost("/evaluations/{id:guid}/feedback", async (Guid id, FeedbackRequest request, GovKpiDbContext db, EvaluationDesk desk, HttpContext http, CancellationToken ct) =>
            (await desk.GiveFeedbackAsync(await Caller.LoadAsync(db, http, ct), id, request, ct)).ToHttp())
            .WithSummary("Anonymous 360° feedback by a colleague of the same cycle (stage Feedback360, once per colleague, never about oneself).");

        group.MapPut("/evaluations/{id:guid}/rating", async (Guid id, RatingRequest request, GovKpiDbContext db, EvaluationDesk desk, HttpContext http, CancellationToken ct) =>
            (await desk.RateAsync(await Caller.LoadAsync(db, http, ct), id, request, ct)).ToHttp())
            .WithSummary("The manager's rating with a reason (Manager of the unit or HR, never one's own; stages ManagerRating and CollectiveReview).")
            .WithDescription("After publication: 409 unless an appeal on this evaluation was upheld (the result is then reopened, rated again and published again). "
                + "tasks = [{task, planned, completed, failedChecks, delays, objectiveCauses: [{kind: FailedQualityCheck | Delay, cause}]}] in standard products computes "
                + "taskPoints (leave it out); for the unit's head also organising = Weak | Fair | Good | Excellent, and the unit's result gives unitResultPoints. "
                + "criteria = {code: Weak | Fair | Good | Excellent} for every general criterion of the cycle's policy computes generalPoints (leave it out).");

        group.MapPost("/evaluations/{id:guid}/republish", async (Guid id, RepublishRequest request, GovKpiDbContext db, EvaluationDesk desk, HttpContext http, CancellationToken ct) =>
            (await desk.RepublishAsync(await Caller.LoadAsync(db, http, ct), id, request, ct)).ToHttp())
            .WithSummary("Publishes a reopened, re-rated result as a new version; the old version stays in the history and the audit trail.");

        group.MapPost("/evaluations/{id:guid}/appeals", async (Guid id, AppealRequest request, GovKpiDbContext db, EvaluationDesk desk, HttpContext http, CancellationToken ct) =>
            (await desk.AppealAsync(await Caller.LoadAsync(db, http, ct), id, request, ct)).ToHttp())
            .WithSummary("The person appeals the published result, until the appeal deadline (one pending appeal at a time).");

        group.MapPost("/evaluations/{id:guid}/appeals/{appealId:guid}/decision", async (
                Guid id, Guid appealId, AppealDecisionRequest request, GovKpiDbContext db, EvaluationDesk desk, HttpContext http, CancellationToken ct) =>
            (await desk.DecideAppealAsync(await Caller.LoadAsync(db, http, ct), id, appealId, request, ct)).ToHttp())
            .WithSummary("Upholds (reopens the result) or rejects an appeal, with a reason (Manager of the unit or HR, not the person).");

        group.MapGet("/evaluations/{id:guid}/audit", async (Guid id, GovKpiDbContext db, EvaluationReader reader, HttpContext http, CancellationToken ct) =>
            (await reader.EvaluationAuditAsync(await Caller.LoadAsync(db, http, ct), id, ct)).ToHttp())
            .WithSummary("The audit trail of one evaluation (the person reads their own, without the anonymous 360° entries).");

        group.MapGet("/evaluations/{id:guid}/comments", async (Guid id, string? item, GovKpiDbContext db, EvaluationReader reader, HttpContext http, CancellationToken ct) =>
            (await reader.CommentsAsync(await Caller.LoadAsync(db, http, ct), id, item, ct)).ToHttp())
            .WithSummary("The comment threads of an evaluation, or of one item.");

        group.MapPost("/evaluations/{id:guid}/comments", async (Guid id, CommentRequest request, GovKpiDbContext db, EvaluationDesk desk, HttpContext http, CancellationToken ct) =>
            (await desk.CommentAsync(await Caller.LoadAsync(db, http, ct), id, request, ct)).ToHttp())
            .WithSummary("Writes in the thread of an item (the person and the unit's manager), until the cycle is locked.")
            .WithDescription("item = overall | selfAssessment | generalCriteria | taskResults | unitResult | feedback360 | level | kpis.");

        group.MapProvinceCycles();
        app.MapLeaveEndpoints();
    }

    private static IResult Download(DeskResult<ExportFile> result) =>
        result.Status == DeskStatus.Ok ? TypedResults.File(result.Value!.Content, result.Value.ContentType, result.Value.FileName) : result.ToHttp();
}
