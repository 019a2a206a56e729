using GovKpi.Core.Access;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Data;
using GovKpi.Data.Evaluation;
using GovKpi.Web.Features.Accounts;

namespace GovKpi.Web.Features.Evaluation;

/// <summary>
/// The signed-in person as the evaluation feature sees them: their account, unit scope and
/// staff record. Decides what they may read; what they may do is <see cref="CycleWorkflow"/>'s call.
/// </summary>
public sealed record Caller(CurrentUser User, UnitScope Scope)
{
    public static async Task<Caller> LoadAsync(GovKpiDbContext db, HttpContext http, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User);
        return new Caller(user, await UnitScope.LoadAsync(db, user, ct));
    }

    /// <summary>Roles that read every evaluation of the units in their scope (the others read their own).</summary>
    public bool ReadsUnit => User.Role is Role.Manager or Role.Hr or Role.Leader or Role.Auditor;

    public bool IsPerson(StaffEvaluation e) => User.StaffCode is not null && User.StaffCode == e.StaffCode;

    /// <summary>A cycle is visible within the caller's scope, and to its members wherever their account is scoped.</summary>
    public bool Sees(EvaluationCycle cycle, bool isMember) => Scope.Contains(cycle.UnitCode) || isMember;

    /// <summary>A seconded person's evaluation is also read (never written) by their home unit's readers.</summary>
    public bool Sees(StaffEvaluation e) => IsPerson(e) || ReadsUnit && (Scope.Contains(e.UnitCode) || e.HomeUnitCode is { } home && Scope.Contains(home));

    /// <summary>Whether the caller reads the whole audit trail of a cycle (the person reads their own evaluation's part).</summary>
    public bool ReadsAudit(EvaluationCycle cycle) => ReadsUnit && Scope.Contains(cycle.UnitCode);

    public Actor ActorFor(EvaluationCycle cycle, StaffEvaluation? evaluation, bool isMember) =>
        new(User.Role, Scope.Contains(cycle.UnitCode), evaluation is not null && IsPerson(evaluation), isMember);
}
