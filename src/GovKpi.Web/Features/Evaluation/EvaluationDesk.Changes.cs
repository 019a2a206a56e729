using System.Globalization;
using GovKpi.Core.Evaluation.Cycles;

namespace GovKpi.Web.Features.Evaluation;

/// <summary>How the desk answers with what Core's rules decided: their problem codes in the caller's language.</summary>
public sealed partial class EvaluationDesk
{
    /// <summary>Core's problems keyed by field, each worded by <c>Evaluation.Error.{Code}</c>.</summary>
    private Dictionary<string, string[]> Words(IEnumerable<CycleProblem> problems)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var problem in problems)
        {
            errors[problem.Field] = [Word(problem)];
        }

        return errors;
    }

    private string Word(CycleProblem problem) => l[$"Evaluation.Error.{problem.Code}", [.. problem.Arguments.Select(Argument)]];

    /// <summary>Numbers as the rest of the messages show them (at most two decimals), dates as the caller reads them.</summary>
    private static object Argument(object argument) => argument switch
    {
        decimal d => Number(d),
        DateOnly d => d.ToString("dd/MM/yyyy", CultureInfo.CurrentCulture),
        _ => argument,
    };

    /// <summary>A refused change: 409 when things as they stand refuse it, 400 with the located problems otherwise.</summary>
    private DeskResult<T> NotApplied<T, TChange>(CycleChange<TChange> change) => change.Conflict is { } conflict
        ? DeskResult<T>.Conflict(l["Evaluation.Conflict.Title"], Word(conflict))
        : DeskResult<T>.Invalid(l["Evaluation.Error.Title"], Words(change.Problems));

    private DeskResult<bool> Done<TChange>(CycleChange<TChange> change) => change.IsApplied ? DeskResult<bool>.Ok(true) : NotApplied<bool, TChange>(change);
}
