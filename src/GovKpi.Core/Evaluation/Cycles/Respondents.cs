using GovKpi.Core.Organisation;

namespace GovKpi.Core.Evaluation.Cycles;

/// <summary>
/// The 360° respondents the unit's manager or HR asks for on one person, from any unit of the
/// province. The person is never their own respondent; someone already asked, or a colleague of
/// the same cycle (a respondent without being asked), is left as they are.
/// </summary>
public static class Respondents
{
    public const int MaximumPerRequest = 50;

    /// <summary>The staff codes of a request, trimmed, in the request's order.</summary>
    public static IReadOnlyList<string> Codes(IReadOnlyList<string?>? requested) => (requested ?? []).Select(c => c?.Trim() ?? "").ToList();

    /// <summary>
    /// Asks <paramref name="codes"/> (see <see cref="Codes"/>); <paramref name="known"/> are the staff
    /// members among them, <paramref name="asked"/> the codes asked before. Returns the requests of who is newly asked.
    /// </summary>
    public static CycleChange<IReadOnlyList<RespondentRequest>> Ask(
        StaffEvaluation evaluation, IReadOnlyList<StaffEvaluation> cycleEvaluations, IReadOnlyList<string> codes,
        IReadOnlyDictionary<string, StaffMember> known, IReadOnlyCollection<string> asked, AuditTrail audit)
    {
        var problems = new CycleProblems();
        if (codes.Count is 0 or > MaximumPerRequest)
        {
            problems.Add("staffCodes", "Respondents", MaximumPerRequest);
        }

        for (var i = 0; i < codes.Count; i++)
        {
            if (!known.ContainsKey(codes[i]))
            {
                problems.Add($"staffCodes[{i}]", "UnknownStaff", codes[i]);
            }
            else if (codes[i] == evaluation.StaffCode)
            {
                problems.Add($"staffCodes[{i}]", "RespondentSelf");
            }
        }

        if (problems.Count > 0)
        {
            return CycleChange.Invalid<IReadOnlyList<RespondentRequest>>(problems);
        }

        var members = cycleEvaluations.Select(e => e.StaffCode).ToHashSet(StringComparer.Ordinal);
        var already = asked.ToHashSet(StringComparer.Ordinal);
        var added = new List<RespondentRequest>();
        foreach (var code in codes.Distinct(StringComparer.Ordinal).Where(c => !already.Contains(c) && !members.Contains(c)))
        {
            var member = known[code];
            audit.Write(AuditActions.RespondentAsked, evaluation, "feedback360.respondent", "", $"{code} {member.FullName} ({member.UnitCode})", "");
            added.Add(new RespondentRequest { EvaluationId = evaluation.Id, RespondentCode = code, RequestedBy = audit.Actor, RequestedAt = audit.At });
        }

        return CycleChange.Applied<IReadOnlyList<RespondentRequest>>(added);
    }
}
