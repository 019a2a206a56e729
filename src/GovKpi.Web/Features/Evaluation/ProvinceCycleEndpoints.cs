using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Data;

namespace GovKpi.Web.Features.Evaluation;

/// <summary>
/// Province-scale cycles (docs/EVALUATION.md, "Province-scale cycles"): many cycles opened or moved
/// on in one request, the blockers of a cycle, and 360° respondents from anywhere in the province.
/// </summary>
public static class ProvinceCycleEndpoints
{
    public static void MapProvinceCycles(this RouteGroupBuilder group)
    {
        group.MapPost("/cycles/bulk", async (BulkOpenRequest request, GovKpiDbContext db, EvaluationDesk desk, HttpContext http, CancellationToken ct) =>
            (await desk.OpenManyAsync(await Caller.LoadAsync(db, http, ct), request, ct)).ToHttp())
            .WithSummary("Opens, in one transaction, one cycle per unit named by the target (HR; a Manager within their scope), and lists the units skipped and why.")
            .WithDescription("target = communes (every commune in force in scope) | agency (with unitCode: every unit of its subtree that has staff) | province "
                + "(every unit in scope that has staff) | units (with unitCodes). periodKind, year, number, policy and deadlines as for one cycle. "
                + "skipped[].reason = AlreadyOpen | NoStaff | UnitEnded | OutOfScope, with message in the caller's language.");

        group.MapPost("/cycles/bulk/advance", async (BulkAdvanceRequest request, GovKpiDbContext db, EvaluationDesk desk, HttpContext http, CancellationToken ct) =>
            (await desk.AdvanceManyAsync(await Caller.LoadAsync(db, http, ct), request, ct)).ToHttp())
            .WithSummary("Moves many cycles to `to` in one transaction when all are ready; otherwise 409 with the blockers of each cycle and nothing changed.")
            .WithDescription("cycleIds, or the target (as for opening) and the period. confirm = true with a reason moves every cycle whose blockers may all be "
                + "overridden (missing self-assessments), writing the blockers and the reason to its audit trail; the others are listed in notAdvanced.");

        group.MapGet("/cycles/{id:guid}/blockers", async (Guid id, CycleStage? to, GovKpiDbContext db, EvaluationDesk desk, HttpContext http, CancellationToken ct) =>
            (await desk.BlockersAsync(await Caller.LoadAsync(db, http, ct), id, to, ct)).ToHttp())
            .WithSummary("What keeps the cycle from moving to `to` (default: its next stage): who has not self-assessed, who is not rated, pending appeals, deadlines; "
                + "each blocker says whether a confirmation may override it. The unit's managers, HR, leadership, auditors.");

        group.MapPost("/evaluations/{id:guid}/respondents", async (Guid id, RespondentsRequest request, GovKpiDbContext db, EvaluationDesk desk, HttpContext http, CancellationToken ct) =>
            (await desk.AddRespondentsAsync(await Caller.LoadAsync(db, http, ct), id, request, ct)).ToHttp())
            .WithSummary("Asks staff of any unit of the province (staffCodes) to give anonymous 360° feedback on the person (the unit's Manager or HR, until the feedback stage ends). "
                + "Answers the respondents asked so far.");
    }
}
