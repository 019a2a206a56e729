using GovKpi.Core.Workforce;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Workforce;

/// <summary>The lines of a plan form (parallel fields, one per row); a row left empty is no line.</summary>
public static class PlanForms
{
    public static (IReadOnlyList<PlanLineInput> Lines, IReadOnlyList<string> Errors) Lines(string[]? staff, string[]? unit, string[]? from, string[]? to, string[]? reason, IStringLocalizer l)
    {
        var lines = new List<PlanLineInput>();
        var errors = new List<string>();
        staff ??= [];
        for (var i = 0; i < staff.Length; i++)
        {
            string? At(string[]? values) => values is not null && i < values.Length && !string.IsNullOrWhiteSpace(values[i]) ? values[i].Trim() : null;
            if (At(staff) is null && At(unit) is null)
            {
                continue;
            }

            DateOnly? Day(string? text, string field)
            {
                if (text is null)
                {
                    return null;
                }

                if (WorkforceDesk.TryDay(text, out var day))
                {
                    return day;
                }

                errors.Add($"lines[{lines.Count}].{field}: {l["Workforce.Problem.Date"]}");
                return null;
            }

            lines.Add(new PlanLineInput(At(staff), At(unit), Day(At(from), "from"), Day(At(to), "to"), At(reason)));
        }

        return (lines, errors);
    }

    public static IReadOnlyList<string> Messages(IReadOnlyDictionary<string, string[]>? errors) =>
        [.. (errors ?? new Dictionary<string, string[]>()).SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))];
}
