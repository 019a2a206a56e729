using System.Globalization;
using GovKpi.Core.Training;

namespace GovKpi.Data.Files;

/// <summary>A completion row read: the person, the session, the day and the result; or the problems of its fields.</summary>
public sealed record CompletionRow(string StaffCode, long SessionId, DateOnly CompletedOn, CompletionResult Result);

public sealed record ParsedCompletion(CompletionRow? Row, IReadOnlyList<FieldProblem> Problems);

/// <summary>
/// <c>training_completions.csv</c> (docs/FILES.md): <c>staff_code, session_id, completed_on, result</c>,
/// one completion per row, <c>result</c> Passed | Failed (empty: Passed). The one definition of a
/// completion row, for CSV and .xlsx alike. A problem's reason is the suffix of its
/// <c>Training.Error.*</c> message, so the reader words it in its language.
/// </summary>
public static class TrainingCompletionsFile
{
    public const string FileName = "training_completions.csv";
    public static IReadOnlyList<string> Columns { get; } = ["staff_code", "session_id", "completed_on", "result"];
    public const int MaximumRows = 10_000;

    public static ParsedCompletion Parse(IReadOnlyDictionary<string, string?> fields)
    {
        var problems = new List<FieldProblem>();
        string? Text(string column)
        {
            var value = fields.GetValueOrDefault(column)?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                problems.Add(new FieldProblem(column, "Required"));
                return null;
            }

            return value;
        }

        var staff = Text("staff_code");
        long? session = Text("session_id") is not { } id ? null
            : long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : Problem<long>(problems, "session_id", nameof(TrainingProblem.SessionUnknown));
        DateOnly? day = Text("completed_on") is not { } text ? null
            : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : Problem<DateOnly>(problems, "completed_on", "Date");
        var resultText = fields.GetValueOrDefault("result")?.Trim();
        CompletionResult? result = string.IsNullOrEmpty(resultText) ? CompletionResult.Passed
            : Enum.TryParse<CompletionResult>(resultText, ignoreCase: true, out var r) && Enum.IsDefined(r) && !int.TryParse(resultText, out _) ? r
            : Problem<CompletionResult>(problems, "result", "Result");
        return problems.Count > 0 ? new(null, problems) : new(new CompletionRow(staff!, session!.Value, day!.Value, result!.Value), []);
    }

    /// <summary>The rows of a CSV or .xlsx file (<see cref="TableFile"/>); a missing column is a problem at line 1.</summary>
    public static (List<(long Line, Dictionary<string, string?> Fields)> Rows, List<FieldProblem> HeaderProblems) Read(Stream stream, string name) =>
        TableFile.Read(stream, name, Columns, MaximumRows);

    private static T? Problem<T>(List<FieldProblem> problems, string column, string reason) where T : struct
    {
        problems.Add(new FieldProblem(column, reason));
        return null;
    }
}
