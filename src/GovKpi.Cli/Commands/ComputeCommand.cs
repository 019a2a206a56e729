using System.CommandLine;
using System.Globalization;
using GovKpi.Core.Calendar;
using GovKpi.Core.Measurement;
using GovKpi.Data.Files;

namespace GovKpi.Cli.Commands;

/// <summary>
/// <c>govkpi compute --dossiers FILE [--surveys FILE] [--complaints FILE] [--calendar FILE]
/// --from DATE --to DATE [--out FILE]</c> (CONTRACTS.md): every KPI of the period for the
/// province, each unit and each staff member, as CSV. Input is all or nothing: the first invalid
/// row, a dossier conflict or a bad option ends the command with exit code 2 and a located
/// message (<c>file:line:column: reason</c>) on standard error, and nothing is written.
/// </summary>
internal static class ComputeCommand
{
    public static Command Create()
    {
        var dossiers = new Option<string>("--dossiers") { Description = "dossiers.csv: one row per dossier version.", Required = true };
        var surveys = new Option<string?>("--surveys") { Description = "surveys.csv: citizen satisfaction responses." };
        var complaints = new Option<string?>("--complaints") { Description = "complaints.csv: complaints and feedback (PAKN)." };
        var calendar = new Option<string?>("--calendar") { Description = "calendar.csv: working-day exceptions, used instead of the built-in official calendar." };
        var from = new Option<string>("--from") { Description = "First day of the period (YYYY-MM-DD).", Required = true };
        var to = new Option<string>("--to") { Description = "Day after the period (YYYY-MM-DD): the period is [from, to).", Required = true };
        var output = new Option<string?>("--out") { Description = "File to write (replaced only on success); standard output when absent." };

        var command = new Command("compute", "Compute the KPIs of a period from the contract files, per staff member, unit and the whole province.")
        {
            dossiers, surveys, complaints, calendar, from, to, output,
        };
        command.SetAction(parsed => Run(
            new Request(parsed.GetRequiredValue(dossiers), parsed.GetValue(surveys), parsed.GetValue(complaints), parsed.GetValue(calendar),
                parsed.GetRequiredValue(from), parsed.GetRequiredValue(to), parsed.GetValue(output)),
            parsed.InvocationConfiguration.Output,
            parsed.InvocationConfiguration.Error));
        return command;
    }

    private sealed record Request(string Dossiers, string? Surveys, string? Complaints, string? Calendar, string From, string To, string? Out);

    /// <summary>What reading one file said: warnings, and the located errors that make the input invalid.</summary>
    private sealed class FileMessages
    {
        public List<string> Warnings { get; } = [];
        public List<string> Errors { get; } = [];
    }

    private sealed record Inputs(
        LatestDossiers Dossiers, List<SurveyResponse> Surveys, List<Complaint> Complaints, WorkingCalendar Calendar, List<FileMessages> Messages);

    private static int Run(Request request, TextWriter output, TextWriter error)
    {
        var invalid = new List<string>();
        var period = Validate(request, invalid);
        if (period is not { } p)
        {
            invalid.ForEach(error.WriteLine);
            return ExitCode.InvalidInput;
        }

        try
        {
            var inputs = Read(request);
            var messages = inputs.Messages;
            var computation = Compute(p, inputs, out var surveysOfUnknownDossiers);
            if (surveysOfUnknownDossiers > 0)
            {
                messages[1].Warnings.Add($"{request.Surveys}: warning: {surveysOfUnknownDossiers} survey(s) rate dossiers that are not in {request.Dossiers}; they count for no scope");
            }

            messages.SelectMany(m => m.Warnings).ToList().ForEach(error.WriteLine);
            var errors = messages.SelectMany(m => m.Errors).ToList();
            if (errors.Count > 0)
            {
                errors.ForEach(error.WriteLine);
                return ExitCode.InvalidInput;
            }

            Write(request.Out, computation!.Rows(), output);
            return ExitCode.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"govkpi compute: {e.Message}");
            return ExitCode.Failure;
        }
    }

    /// <summary>Checks the options before any file is read; returns the period, or null with the reasons in <paramref name="invalid"/>.</summary>
    private static ReportingPeriod? Validate(Request request, List<string> invalid)
    {
        DateOnly Date(string option, string text)
        {
            if (!ContractValues.TryParseDate(text, out var date, out var reason))
            {
                invalid.Add($"govkpi compute: {option}: {reason}");
            }

            return date;
        }

        var from = Date("--from", request.From);
        var to = Date("--to", request.To);
        if (invalid.Count == 0 && to <= from)
        {
            invalid.Add($"govkpi compute: --to: {request.To} must be after --from {request.From} (the period is [from, to))");
        }

        foreach (var (option, path) in new[] { ("--dossiers", request.Dossiers), ("--surveys", request.Surveys), ("--complaints", request.Complaints), ("--calendar", request.Calendar) })
        {
            if (path is not null && !File.Exists(path))
            {
                invalid.Add(Directory.Exists(path)
                    ? $"govkpi compute: {option}: {path}: is a directory, not a file"
                    : $"govkpi compute: {option}: {path}: file not found");
            }
        }

        if (request.Out is { } outPath)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(outPath));
            if (Directory.Exists(outPath))
            {
                invalid.Add($"govkpi compute: --out: {outPath}: is a directory, not a file");
            }
            else if (directory is null || !Directory.Exists(directory))
            {
                invalid.Add($"govkpi compute: --out: {outPath}: directory {directory} does not exist");
            }
        }

        return invalid.Count == 0 ? new ReportingPeriod(from, to) : null;
    }

    /// <summary>Reads the four files, dossiers on this thread and the others alongside; each file stops at its first error.</summary>
    private static Inputs Read(Request request)
    {
        var surveys = new List<SurveyResponse>();
        var complaints = new List<Complaint>();
        WorkingCalendar calendar = WorkingCalendar.Official;
        var surveyMessages = new FileMessages();
        var complaintMessages = new FileMessages();
        var calendarMessages = new FileMessages();
        var others = Task.Factory.StartNew(() =>
        {
            if (request.Surveys is { } surveyPath)
            {
                var ids = new Dictionary<string, Located<SurveyResponse>>(StringComparer.Ordinal);
                ReadFile(surveyPath, SurveyCsvReader.Read, surveyMessages,
                    (survey, line) => AddOnce(surveys, ids, survey.ResponseId, survey, line, surveyPath, "response_id"));
            }

            if (request.Complaints is { } complaintPath)
            {
                var ids = new Dictionary<string, Located<Complaint>>(StringComparer.Ordinal);
                ReadFile(complaintPath, ComplaintCsvReader.Read, complaintMessages,
                    (complaint, line) => AddOnce(complaints, ids, complaint.ComplaintId, complaint, line, complaintPath, "complaint_id"));
            }

            if (request.Calendar is { } calendarPath)
            {
                var days = new Dictionary<DateOnly, Located<CalendarException>>();
                ReadFile(calendarPath, CalendarCsvReader.Read, calendarMessages, (day, line) =>
                {
                    if (days.TryGetValue(day.Date, out var listed) && listed.Record.Kind != day.Kind)
                    {
                        return $"{calendarPath}:{line}:kind: {day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} is listed as {day.Kind.Code()} here and as {listed.Record.Kind.Code()} at line {listed.Line}";
                    }

                    days.TryAdd(day.Date, new Located<CalendarException>(day, line));
                    return null;
                });
                calendar = new WorkingCalendar(days.Values.Select(d => d.Record));
            }
        }, TaskCreationOptions.LongRunning);

        var dossierMessages = new FileMessages();
        var latest = ReadDossiers(request.Dossiers, dossierMessages);
        others.GetAwaiter().GetResult();

        return new Inputs(latest, surveys, complaints, calendar, [dossierMessages, surveyMessages, complaintMessages, calendarMessages]);
    }

    /// <summary>
    /// Reads dossiers.csv, the bulk of the input (a million dossiers are 1.2 million rows), in one
    /// part per core, then merges the parts. Each part stops at its first problem; the problem on
    /// the lowest line is reported, as reading the file in one go would.
    /// </summary>
    private static LatestDossiers ReadDossiers(string path, FileMessages messages)
    {
        var parts = DossierCsvReader.Split(path, path, Environment.ProcessorCount);
        var results = new DossierPart[parts.Count];
        var threads = Enumerable.Range(1, parts.Count - 1)
            .Select(i => Task.Factory.StartNew(() => results[i] = ReadPart(parts[i], path), TaskCreationOptions.LongRunning))
            .ToList();
        results[0] = ReadPart(parts[0], path);
        threads.ForEach(t => t.GetAwaiter().GetResult());

        var latest = results[0].Latest;
        var problems = results.Where(r => r.Problem is not null).Select(r => (r.ProblemLine, r.Problem!)).ToList();
        foreach (var part in results.Skip(1))
        {
            if (latest.Merge(part.Latest) is { } conflict)
            {
                problems.Add((conflict.SecondLine, [Conflict(path, conflict)]));
            }
        }

        messages.Warnings.AddRange(results[0].Warnings.Select(w => w.ToString()));
        if (problems.Count > 0)
        {
            messages.Errors.AddRange(problems.MinBy(p => p.Item1).Item2);
        }

        return latest;
    }

    private sealed record DossierPart(LatestDossiers Latest, IReadOnlyList<CsvWarning> Warnings, long ProblemLine, List<string>? Problem);

    private static DossierPart ReadPart(CsvFilePart<DossierVersion> part, string path)
    {
        var diagnostics = new CsvDiagnostics(stopAtFirstError: true);
        var latest = new LatestDossiers((int)Math.Min((part.End - part.Start) / BytesPerDossier, 50_000_000));
        foreach (var (dossier, line) in part.Read(diagnostics))
        {
            if (latest.Offer(dossier, line) is { } conflict)
            {
                return new DossierPart(latest, diagnostics.Warnings, conflict.SecondLine, [Conflict(path, conflict)]);
            }
        }

        return diagnostics.FirstError is { } error
            ? new DossierPart(latest, diagnostics.Warnings, error.Line, Located(error))
            : new DossierPart(latest, diagnostics.Warnings, 0, null);
    }

    private static string Conflict(string path, DossierConflict conflict) =>
        $"{path}:{conflict.SecondLine}:updated_at: dossier '{conflict.DossierId}' has two different versions with updated_at {Invariant(conflict.UpdatedAt)}, at lines {conflict.FirstLine} and {conflict.SecondLine}";

    /// <summary>Every problem of an invalid row, each located on its own line.</summary>
    private static List<string> Located(RowError error) => [.. error.Problems.Select(p => $"{error.File}:{error.Line}:{p.Column}: {p.Reason}")];

    /// <summary>Reads one file to its end or its first error: an invalid row, or a problem <paramref name="add"/> finds between rows.</summary>
    private static void ReadFile<T>(string path, Func<Stream, string, CsvDiagnostics, IEnumerable<Located<T>>> read,
        FileMessages messages, Func<T, long, string?> add)
    {
        var diagnostics = new CsvDiagnostics(stopAtFirstError: true);
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan))
        {
            foreach (var (record, line) in read(stream, path, diagnostics))
            {
                if (add(record, line) is { } problem)
                {
                    messages.Errors.Add(problem);
                    break;
                }
            }
        }

        messages.Warnings.AddRange(diagnostics.Warnings.Select(w => w.ToString()));
        if (diagnostics.FirstError is { } error)
        {
            messages.Errors.AddRange(Located(error));
        }
    }

    /// <summary>
    /// Ids are unique (CONTRACTS.md): a row repeated as it was is counted once, as a repeated
    /// dossier version is; another row with the same id is invalid, and its problem returned.
    /// </summary>
    private static string? AddOnce<T>(List<T> records, Dictionary<string, Located<T>> seen, string id, T record, long line, string path, string column)
        where T : notnull
    {
        if (seen.TryGetValue(id, out var first))
        {
            return first.Record.Equals(record) ? null : $"{path}:{line}:{column}: '{id}' appears again with different content (first at line {first.Line})";
        }

        seen.Add(id, new Located<T>(record, line));
        records.Add(record);
        return null;
    }

    private static string Invariant(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>About one dossier per 220 bytes of dossiers.csv: sizing the tables up front saves rehashing a million entries.</summary>
    private const int BytesPerDossier = 220;

    private static KpiComputation? Compute(ReportingPeriod period, Inputs inputs, out int surveysOfUnknownDossiers)
    {
        surveysOfUnknownDossiers = 0;
        if (inputs.Messages.Any(m => m.Errors.Count > 0))
        {
            return null;
        }

        var computation = new KpiComputation(period, inputs.Calendar.WorkingDays(period.From, period.To));
        foreach (var dossier in inputs.Dossiers.Versions)
        {
            computation.AddDossier(dossier);
        }

        foreach (var survey in inputs.Surveys)
        {
            var dossier = inputs.Dossiers.Find(survey.DossierId);
            if (dossier is null)
            {
                surveysOfUnknownDossiers++;
            }

            computation.AddSurvey(survey, dossier);
        }

        foreach (var complaint in inputs.Complaints)
        {
            computation.AddComplaint(complaint);
        }

        return computation;
    }

    /// <summary>Writes the rows to standard output, or to a temporary file renamed over <paramref name="outPath"/> once complete.</summary>
    private static void Write(string? outPath, IEnumerable<KpiRow> rows, TextWriter output)
    {
        if (outPath is null)
        {
            using var buffer = new MemoryStream();
            KpiCsvWriter.Write(buffer, rows);
            output.Write(CsvRowWriter.Utf8.GetString(buffer.ToArray()));
            output.Flush();
            return;
        }

        var full = Path.GetFullPath(outPath);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.partial");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                KpiCsvWriter.Write(file, rows);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
