using System.Globalization;
using GovKpi.Core.Calendar;
using GovKpi.Core.Measurement;
using GovKpi.Data.Files;

namespace GovKpi.Cli;

/// <summary>
/// The contract files of a command that needs every record in memory at once (<c>forecast</c>,
/// <c>anomalies</c>), read one after the other, each to its end or its first problem, with the
/// rules of <c>govkpi compute</c>: an invalid row, a dossier conflict or a repeated id with other
/// content makes the input invalid and is reported as <c>file:line:column: reason</c>.
/// </summary>
internal sealed class MeasurementInput
{
    /// <summary>Every row of dossiers.csv, in file order (earlier versions included).</summary>
    public List<DossierVersion> Versions { get; } = [];
    public LatestDossiers Latest { get; } = new();
    public List<SurveyResponse> Surveys { get; } = [];
    public List<Complaint> Complaints { get; } = [];
    public WorkingCalendar Calendar { get; private set; } = WorkingCalendar.Official;

    /// <summary>Warnings (unknown columns) for standard error.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Located errors; empty when the input is valid.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>
    /// Why a file option cannot be read, or null when it can (also null when the option is absent).
    /// A workbook is refused by name: read as CSV, a zip of XML would only say its header is wrong.
    /// </summary>
    public static string? Problem(string command, string option, string? path) => path is null ? null
        : Directory.Exists(path) ? $"govkpi {command}: {option}: {path}: is a directory, not a file"
        : !File.Exists(path) ? $"govkpi {command}: {option}: {path}: file not found"
        : path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
            ? $"{path}:1:: {command} reads CSV files (UTF-8); save the workbook as CSV, or load it with govkpi import"
        : null;

    public static MeasurementInput Read(string dossiers, string? surveys, string? complaints, string? calendar)
    {
        var input = new MeasurementInput();
        input.ReadFile(dossiers, DossierCsvReader.Read, (dossier, line) =>
        {
            if (input.Latest.Offer(dossier, line) is { } conflict)
            {
                var (first, second) = (Math.Min(conflict.FirstLine, conflict.SecondLine), Math.Max(conflict.FirstLine, conflict.SecondLine));
                return $"{dossiers}:{second}:updated_at: dossier '{conflict.DossierId}' has two different versions with updated_at " +
                    $"{conflict.UpdatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)}, at lines {first} and {second}";
            }

            input.Versions.Add(dossier);
            return null;
        });

        if (surveys is not null)
        {
            var seen = new Dictionary<string, Located<SurveyResponse>>(StringComparer.Ordinal);
            input.ReadFile(surveys, SurveyCsvReader.Read, (survey, line) => AddOnce(input.Surveys, seen, survey.ResponseId, survey, line, surveys, "response_id"));
        }

        if (complaints is not null)
        {
            var seen = new Dictionary<string, Located<Complaint>>(StringComparer.Ordinal);
            input.ReadFile(complaints, ComplaintCsvReader.Read, (complaint, line) => AddOnce(input.Complaints, seen, complaint.ComplaintId, complaint, line, complaints, "complaint_id"));
        }

        if (calendar is not null)
        {
            var days = new Dictionary<DateOnly, Located<CalendarException>>();
            input.ReadFile(calendar, CalendarCsvReader.Read, (day, line) =>
            {
                if (days.TryGetValue(day.Date, out var listed) && listed.Record.Kind != day.Kind)
                {
                    return $"{calendar}:{line}:kind: {day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} is listed as {day.Kind.Code()} here and as {listed.Record.Kind.Code()} at line {listed.Line}";
                }

                days.TryAdd(day.Date, new Located<CalendarException>(day, line));
                return null;
            });
            input.Calendar = new WorkingCalendar(days.Values.Select(d => d.Record));
        }

        return input;
    }

    private void ReadFile<T>(string path, Func<Stream, string, CsvDiagnostics, IEnumerable<Located<T>>> read, Func<T, long, string?> add)
    {
        var diagnostics = new CsvDiagnostics(stopAtFirstError: true);
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan))
        {
            foreach (var (record, line) in read(stream, path, diagnostics))
            {
                if (add(record, line) is { } problem)
                {
                    Errors.Add(problem);
                    break;
                }
            }
        }

        Warnings.AddRange(diagnostics.Warnings.Select(w => w.ToString()));
        if (diagnostics.FirstError is { } error)
        {
            Errors.AddRange(error.Problems.Select(p => $"{error.File}:{error.Line}:{p.Column}: {p.Reason}"));
        }
    }

    /// <summary>Keeps a record with a unique id once; an exact repeat is ignored (re-reading the same data changes nothing), another record with the same id is an error.</summary>
    private static string? AddOnce<T>(List<T> records, Dictionary<string, Located<T>> seen, string id, T record, long line, string path, string column)
        where T : notnull
    {
        if (seen.TryGetValue(id, out var first))
        {
            return first.Record.Equals(record) ? null : $"{path}:{line}:{column}: '{id}' appears again with different content (first at line {first.Line})";
        }

        seen[id] = new Located<T>(record, line);
        records.Add(record);
        return null;
    }
}
