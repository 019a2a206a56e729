namespace GovKpi.Core.Workforce;

/// <summary>The rules of the two skill tables HR edits: the skills each position requires and each procedure requires.</summary>
public static class SkillRequirements
{
    /// <summary>
    /// The problems of both tables as given (each position known, every code and skill given),
    /// keyed <c>positions[i].field</c> and <c>procedures[i].field</c>; none when they can replace the stored ones.
    /// </summary>
    public static IReadOnlyList<WorkforceProblem> Check(IReadOnlyList<PositionSkill> positions, IReadOnlyList<ProcedureSkill> procedures, IReadOnlySet<string> knownPositions)
    {
        var problems = new List<WorkforceProblem>();
        for (var i = 0; i < positions.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(positions[i].PositionCode))
            {
                problems.Add(new($"positions[{i}].position_code", WorkforceKeys.Required));
            }
            else if (!knownPositions.Contains(positions[i].PositionCode))
            {
                problems.Add(new($"positions[{i}].position_code", WorkforceKeys.UnknownPosition, positions[i].PositionCode));
            }

            if (string.IsNullOrWhiteSpace(positions[i].Skill))
            {
                problems.Add(new($"positions[{i}].skill", WorkforceKeys.Required));
            }
        }

        for (var i = 0; i < procedures.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(procedures[i].ProcedureCode))
            {
                problems.Add(new($"procedures[{i}].procedure_code", WorkforceKeys.Required));
            }

            if (string.IsNullOrWhiteSpace(procedures[i].Skill))
            {
                problems.Add(new($"procedures[{i}].skill", WorkforceKeys.Required));
            }
        }

        return problems;
    }
}
