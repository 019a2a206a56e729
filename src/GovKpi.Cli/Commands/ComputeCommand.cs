using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
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
    /// <param name="environment">Reads <c>GOVKPI_COMPUTE_PASS_BYTES</c>: bytes of dossiers.csv read in one pass, and per pass beyond (<see cref="DossierSlice.OnePassBytes"/>, <see cref="DossierSlice.PassBytes"/> when unset).</param>
    public static Command Create(Func<string, string?> environment)
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
                parsed.GetRequiredValue(from), parsed.GetRequiredValue(to), parsed.GetValue(output),
                long.TryParse(environment("GOVKPI_COMPUTE_PASS_BYTES"), NumberStyles.None, CultureInfo.InvariantCulture, out var passBytes) && passBytes > 0
                    ? passBytes : null),
            parsed.InvocationConfiguration.Output,
            parsed.InvocationConfiguration.Error));
        return command;
    }

    private sealed record Request(string Dossiers, string? Surveys, string? Complaints, string? Calendar, string From, string To, string? Out, long? PassBytes);

    /// <summary>What reading one file said: warnings, and the located errors that make the input invalid.</summary>
    private sealed class FileMessages
    {
        public List<string> Warnings { get; } = [];
        public List<string> Errors { get; } = [];

        /// <summary>The line of <see cref="Errors"/>: the first problem of the file, whichever pass found it.</summary>
        private long _errorLine = long.MaxValue;

        /// <summary>Keeps the problem on the lowest line: what reading the whole file in one go would find first.</summary>
        public void Fail(long line, IEnumerable<string> errors)
        {
            if (line < _errorLine)
            {
                _errorLine = line;
                Errors.Clear();
                Errors.AddRange(errors);
            }
        }
    }

    /// <summary>What reading the four files said, in the order of the options, over every pass.</summary>
    private sealed class InputMessages
    {
        public FileMessages DossierMessages { get; } = new();
        public FileMessages SurveyMessages { get; } = new();
        public FileMessages ComplaintMessages { get; } = new();
        public FileMessages CalendarMessages { get; } = new();
        public IEnumerable<FileMessages> All => [DossierMessages, SurveyMessages, ComplaintMessages, CalendarMessages];
        public bool Valid => All.All(m => m.Errors.Count == 0);
    }

    /// <summary>
    /// The dossiers one pass over the files counts: those whose id hashes to <see cref="Index"/>
    /// of <see cref="Count"/>, with their surveys. A dossiers.csv larger than
    /// <see cref="OnePassBytes"/> is read in passes of at most <see cref="PassBytes"/>, each holding
    /// the latest versions of its share of the dossiers only, so that memory stays that of a file
    /// read in one pass however large the file (issue 15; docs/PERFORMANCE.md "Memory"), for a
    /// read of the file per pass (rows of other shares are skipped unparsed).
    /// </summary>
    internal readonly record struct DossierSlice(int Index, int Count)
    {
        /// <summary>Files up to this size are read in one pass, as fast as ever: about a million dossiers' rows (218 MB in the demo files) and some room.</summary>
        public const long OnePassBytes = 256L << 20;

        /// <summary>
        /// The share of a larger file each pass holds: smaller than <see cref="OnePassBytes"/>, since
        /// passes collect as usual rather than in one go at the end (<see cref="CollectionPause"/>),
        /// which needs room. 5 million dossiers took 493 MB in passes of 256 MB, 384 MB in passes of
        /// 170 MB, against 397 MB for 1 million in one pass.
        /// </summary>
        public const long PassBytes = 176L << 20;

        /// <param name="passBytes">Both the one-pass limit and the pass size when set (GOVKPI_COMPUTE_PASS_BYTES); the defaults otherwise.</param>
        public static int PassesFor(long dossierBytes, long? passBytes = null) =>
            dossierBytes <= (passBytes ?? OnePassBytes) ? 1 : (int)Math.Clamp((dossierBytes + (passBytes ?? PassBytes) - 1) / (passBytes ?? PassBytes), 2, 4096);

        /// <summary>Whether this pass counts the dossier (the same answer for every pass of one process).</summary>
        public bool Holds(string dossierId) => Holds(dossierId.AsSpan());

        private bool Holds(ReadOnlySpan<char> dossierId) => Count == 1 || (uint)string.GetHashCode(dossierId) % (uint)Count == Index;

        /// <summary>
        /// Whether to parse a row, from its raw dossier_id: rows of other passes are skipped before
        /// parsing (a pass would otherwise parse the whole file). An id that is not plain ASCII is
        /// parsed, and its row kept or not by <see cref="Holds(string)"/> on the parsed id, since
        /// parsing normalises it (NFC); for ASCII the raw trimmed text is the id.
        /// </summary>
        public bool MayHold(ReadOnlySpan<char> rawDossierId) => !System.Text.Ascii.IsValid(rawDossierId) || Holds(rawDossierId);

        public bool First => Index == 0;
    }

    /// <summary>
    /// What one thread made of the parts of dossiers.csv it read: their latest versions, with
    /// the counts kept along, and the first problem of each part it read.
    /// </summary>
    private sealed record DossierTable(LatestDossiers Latest, KpiComputation Counts, List<(long Line, List<string> Messages)> Problems);

    /// <summary>The records of the four files and what reading each said, in the order of the options.</summary>
    private sealed class Inputs(InputMessages messages)
    {
        public DossierTable[] Dossiers { get; set; } = [];
        public List<SurveyResponse> Surveys { get; } = [];
        public List<Complaint> Complaints { get; } = [];

        /// <summary>The calendar file's, or null for the official one (not built unless needed: it computes lunar dates).</summary>
        public WorkingCalendar? Calendar { get; set; }

        public FileMessages DossierMessages => messages.DossierMessages;
        public FileMessages SurveyMessages => messages.SurveyMessages;
        public FileMessages ComplaintMessages => messages.ComplaintMessages;
        public FileMessages CalendarMessages => messages.CalendarMessages;
        public bool Valid => messages.Valid;
    }

    private static int Run(Request request, TextWriter output, TextWriter error)
    {
        var invalid = new List<string>();
        var period = Validate(request, invalid);
        if (period is not { } p)
        {
            invalid.ForEach(error.WriteLine);
            return ExitCode.InvalidInput;
        }

        var passes = DossierSlice.PassesFor(new FileInfo(request.Dossiers).Length, request.PassBytes);
        // In passes, most of what each allocates (the rows of the surveys, the tables of the last
        // pass) is garbage before long: collecting as usual keeps the peak that of one pass.
        using var pause = CollectionPause.For(passes > 1 ? 0
            : new[] { request.Dossiers, request.Surveys, request.Complaints }.Sum(path => path is null ? 0 : new FileInfo(path).Length));
        try
        {
            var messages = new InputMessages();
            KpiComputation? computation = null;
            var surveysOfUnknownDossiers = 0;
            for (var pass = 0; pass < passes; pass++)
            {
                if (pass > 0)
                {
                    // The last pass's tables are garbage now: collected here, the peak stays that of one pass.
                    GC.Collect();
                }

                var inputs = Read(request, p, new DossierSlice(pass, passes), messages);
                var part = Compute(p, inputs, request.Dossiers, out var unknown);
                surveysOfUnknownDossiers += unknown;
                if (part is not null && messages.Valid)
                {
                    if (computation is null)
                    {
                        computation = part;
                    }
                    else
                    {
                        computation.Add(part);
                    }
                }
            }

            if (surveysOfUnknownDossiers > 0 && messages.Valid)
            {
                messages.SurveyMessages.Warnings.Add(
                    $"{request.Surveys}: warning: {surveysOfUnknownDossiers} survey(s) rate dossiers that are not in {request.Dossiers}; they count for no scope");
            }

            messages.All.SelectMany(m => m.Warnings).ToList().ForEach(error.WriteLine);
            if (computation is null || !messages.Valid)
            {
                messages.All.SelectMany(m => m.Errors).ToList().ForEach(error.WriteLine);
                return ExitCode.InvalidInput;
            }

            OutputFile.Write(request.Out, output, stream => KpiCsvWriter.Write(stream, computation.Rows()));
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
            if (MeasurementInput.Problem("compute", option, path) is { } problem)
            {
                invalid.Add(problem);
            }
        }

        if (OutputFile.Problem(request.Out) is { } outProblem)
        {
            invalid.Add($"govkpi compute: --out: {outProblem}");
        }

        return invalid.Count == 0 ? new ReportingPeriod(from, to) : null;
    }

    /// <summary>
    /// Reads the four files: dossiers.csv in parts on this thread and others, the small files
    /// alongside. Each file (each part) stops at its first error.
    /// </summary>
    /// <remarks>
    /// In a pass over a share of the dossiers (<paramref name="slice"/>), the surveys kept are those
    /// of its dossiers; a response_id is checked for a second row with other content in the pass
    /// its id hashes to, so that every id is checked once whatever dossiers its rows name. The
    /// complaints, few and not tied to a dossier, are read in the first pass; warnings too.
    /// </remarks>
    private static Inputs Read(Request request, ReportingPeriod period, DossierSlice slice, InputMessages messages)
    {
        var inputs = new Inputs(messages);
        var others = Task.Factory.StartNew(() =>
        {
            if (request.Calendar is { } calendarPath)
            {
                inputs.Calendar = ReadCalendar(calendarPath, inputs.CalendarMessages, slice.First);
            }

            if (request.Surveys is { } surveyPath)
            {
                var counted = new Dictionary<string, Located<SurveyResponse>>(RowsIn(surveyPath, BytesPerSurveyRow) / slice.Count, StringComparer.Ordinal);
                inputs.Surveys.Capacity = counted.Capacity;
                if (slice.Count == 1)
                {
                    ReadFile(surveyPath, SurveyCsvReader.Read, inputs.SurveyMessages,
                        (survey, line) => AddOnce(inputs.Surveys, counted, survey.ResponseId, survey, line, surveyPath, "response_id"), warn: true);
                }
                else
                {
                    var checkedIds = new Dictionary<string, Located<SurveyResponse>>(counted.Capacity, StringComparer.Ordinal);
                    ReadFile(surveyPath, SurveyCsvReader.Read, inputs.SurveyMessages, (survey, line) =>
                        (slice.Holds(survey.ResponseId) ? AddOnce(null, checkedIds, survey.ResponseId, survey, line, surveyPath, "response_id") : null)
                        ?? (slice.Holds(survey.DossierId) ? AddOnce(inputs.Surveys, counted, survey.ResponseId, survey, line, surveyPath, "response_id") : null),
                        warn: slice.First);
                }
            }

            if (request.Complaints is { } complaintPath && slice.First)
            {
                var ids = new Dictionary<string, Located<Complaint>>(StringComparer.Ordinal);
                ReadFile(complaintPath, ComplaintCsvReader.Read, inputs.ComplaintMessages,
                    (complaint, line) => AddOnce(inputs.Complaints, ids, complaint.ComplaintId, complaint, line, complaintPath, "complaint_id"), warn: true);
            }
        }, TaskCreationOptions.LongRunning);

        inputs.Dossiers = ReadDossiers(request.Dossiers, period, inputs.DossierMessages, slice);
        others.GetAwaiter().GetResult();
        return inputs;
    }

    private static WorkingCalendar ReadCalendar(string path, FileMessages messages, bool warn)
    {
        var days = new Dictionary<DateOnly, Located<CalendarException>>();
        ReadFile(path, CalendarCsvReader.Read, messages, warn: warn, add: (day, line) =>
        {
            if (days.TryGetValue(day.Date, out var listed) && listed.Record.Kind != day.Kind)
            {
                return $"{path}:{line}:kind: {day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} is listed as {day.Kind.Code()} here and as {listed.Record.Kind.Code()} at line {listed.Line}";
            }

            days.TryAdd(day.Date, new Located<CalendarException>(day, line));
            return null;
        });
        return new WorkingCalendar(days.Values.Select(d => d.Record));
    }

    /// <summary>
    /// Reads dossiers.csv, the bulk of the input (a million dossiers are 1.2 million rows): one
    /// thread per core takes the next part of the file (about an eighth of a core's share, so
    /// that threads slowed by other work take fewer) until none is left. Each part stops at its
    /// first invalid row or conflict, and no part after a part with a problem is started.
    /// </summary>
    private static DossierTable[] ReadDossiers(string path, ReportingPeriod period, FileMessages messages, DossierSlice slice)
    {
        using var parts = DossierCsvReader.Split(path, path, 8 * Threads, keep: slice.Count == 1 ? null : slice.MayHold).GetEnumerator();
        var taken = 0;
        var firstWithProblem = int.MaxValue;
        var tables = new DossierTable[Threads];
        InParallel(Threads, thread =>
        {
            var table = tables[thread] = new DossierTable(new LatestDossiers(RowsIn(path, BytesPerRow) / Threads / slice.Count),
                new KpiComputation(period, workingDays: 0), []);
            while (true)
            {
                CsvFilePart<DossierVersion> part;
                int index;
                lock (parts)
                {
                    if (!parts.MoveNext())
                    {
                        return;
                    }

                    (part, index) = (parts.Current, taken++);
                }

                if (index > Volatile.Read(ref firstWithProblem))
                {
                    return;
                }

                var diagnostics = new CsvDiagnostics(stopAtFirstError: true);
                if (ReadPart(part, path, table, diagnostics, slice) is { } problem)
                {
                    table.Problems.Add(problem);
                    InterlockedMin(ref firstWithProblem, index);
                }

                if (index == 0 && slice.First)
                {
                    lock (messages)
                    {
                        messages.Warnings.AddRange(diagnostics.Warnings.Select(w => w.ToString()));
                    }
                }
            }
        });
        return tables;
    }

    private static void InterlockedMin(ref int location, int value)
    {
        for (var current = Volatile.Read(ref location); value < current; current = Volatile.Read(ref location))
        {
            if (Interlocked.CompareExchange(ref location, value, current) == current)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Reads one part of dossiers.csv into the thread's table of latest versions, counting each
    /// version as it becomes the latest and taking back the one it replaces, while the record is
    /// still in the processor's cache (a second pass over a million records costs more than the
    /// counting itself). Returns the part's first invalid row or conflict, if any.
    /// </summary>
    private static (long Line, List<string> Messages)? ReadPart(CsvFilePart<DossierVersion> part, string path, DossierTable table, CsvDiagnostics diagnostics, DossierSlice slice)
    {
        foreach (var (dossier, line) in part.Read(diagnostics))
        {
            if (!slice.Holds(dossier.DossierId))
            {
                continue;
            }

            if (table.Latest.Offer(dossier, line, out var isLatest, out var replaced) is { } conflict)
            {
                return (Math.Max(conflict.FirstLine, conflict.SecondLine), [Conflict(path, conflict)]);
            }

            if (replaced is not null)
            {
                table.Counts.RemoveDossier(replaced);
            }

            if (isLatest)
            {
                table.Counts.AddDossier(dossier);
            }
        }

        return diagnostics.FirstError is { } error ? (error.Line, Located(error)) : null;
    }

    /// <summary>
    /// A dossiers.csv row takes about 177 bytes, a surveys.csv row about 60: sizing the tables a
    /// little larger up front saves rehashing and copying them as they grow to a million entries.
    /// </summary>
    private const int BytesPerRow = 160, BytesPerSurveyRow = 50;

    private static int RowsIn(string path, int bytesPerRow) => (int)Math.Min(new FileInfo(path).Length / bytesPerRow, 50_000_000);

    /// <summary>Runs <paramref name="work"/> for 0 … count − 1, the first on this thread and each other on a thread of its own.</summary>
    private static void InParallel(int count, Action<int> work)
    {
        // Dedicated threads rather than the pool: with two cores the pool has two threads, one of
        // them busy with the small files, and would run the parts one after the other.
        var threads = Enumerable.Range(1, count - 1).Select(i => Task.Factory.StartNew(() => work(i), TaskCreationOptions.LongRunning)).ToList();
        work(0);
        threads.ForEach(t => t.GetAwaiter().GetResult());
    }

    /// <summary>A conflict, located on the later of its two lines: where reading the file in order finds it.</summary>
    private static string Conflict(string path, DossierConflict conflict)
    {
        var (first, second) = (Math.Min(conflict.FirstLine, conflict.SecondLine), Math.Max(conflict.FirstLine, conflict.SecondLine));
        return $"{path}:{second}:updated_at: dossier '{conflict.DossierId}' has two different versions with updated_at " +
            $"{conflict.UpdatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)}, at lines {first} and {second}";
    }

    /// <summary>Every problem of an invalid row, each located on its own line.</summary>
    private static List<string> Located(RowError error) => [.. error.Problems.Select(p => $"{error.File}:{error.Line}:{p.Column}: {p.Reason}")];

    /// <summary>Reads one file to its end or its first error: an invalid row, or a problem <paramref name="add"/> finds between rows.</summary>
    private static void ReadFile<T>(string path, Func<Stream, string, CsvDiagnostics, IEnumerable<Located<T>>> read,
        FileMessages messages, Func<T, long, string?> add, bool warn)
    {
        var diagnostics = new CsvDiagnostics(stopAtFirstError: true);
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan))
        {
            foreach (var (record, line) in read(stream, path, diagnostics))
            {
                if (add(record, line) is { } problem)
                {
                    messages.Fail(line, [problem]);
                    break;
                }
            }
        }

        if (warn)
        {
            messages.Warnings.AddRange(diagnostics.Warnings.Select(w => w.ToString()));
        }

        if (diagnostics.FirstError is { } error)
        {
            messages.Fail(error.Line, Located(error));
        }
    }

    /// <summary>
    /// Ids are unique (CONTRACTS.md): a row repeated as it was is counted once, as a repeated
    /// dossier version is; another row with the same id is invalid, and its problem returned.
    /// With <paramref name="records"/> null, only checks.
    /// </summary>
    private static string? AddOnce<T>(List<T>? records, Dictionary<string, Located<T>> seen, string id, T record, long line, string path, string column)
        where T : notnull
    {
        ref var first = ref CollectionsMarshal.GetValueRefOrAddDefault(seen, id, out var exists);
        if (exists)
        {
            return first.Record.Equals(record) ? null : $"{path}:{line}:{column}: '{id}' appears again with different content (first at line {first.Line})";
        }

        first = new Located<T>(record, line);
        records?.Add(record);
        return null;
    }

    /// <summary>
    /// Joins the threads' tables: the few dossiers whose rows two threads read move to one table,
    /// with their counts; then the surveys are counted, shared out among the threads, and the
    /// counts add up. The first problem of dossiers.csv is the one on the lowest line — a part's
    /// first invalid row or conflict, or a conflict between tables — as reading the file in one go
    /// would find. Null when any input is invalid.
    /// </summary>
    private static KpiComputation? Compute(ReportingPeriod period, Inputs inputs, string dossiersPath, out int surveysOfUnknownDossiers)
    {
        surveysOfUnknownDossiers = 0;
        var tables = inputs.Dossiers;
        var problems = tables.SelectMany(t => t.Problems).Select(p => ((long Line, List<string> Messages)?)p).ToList();
        for (var later = 1; later < tables.Length; later++)
        {
            for (var earlier = 0; earlier < later; earlier++)
            {
                var (into, from) = (tables[earlier], tables[later]);
                var shared = new List<string>[Threads];
                InParallel(Threads, slice => shared[slice] = into.Latest.Shared(from.Latest, slice, Threads));
                foreach (var id in shared.SelectMany(ids => ids))
                {
                    var (kept, moved) = (into.Latest.Find(id)!, from.Latest.Find(id)!);
                    if (into.Latest.Take(from.Latest, id) is { } conflict)
                    {
                        problems.Add((Math.Max(conflict.FirstLine, conflict.SecondLine), [Conflict(dossiersPath, conflict)]));
                    }

                    from.Counts.RemoveDossier(moved);
                    into.Counts.RemoveDossier(kept);
                    into.Counts.AddDossier(into.Latest.Find(id)!);
                }
            }
        }

        if (problems.Where(p => p is not null).MinBy(p => p!.Value.Line) is { } first)
        {
            inputs.DossierMessages.Fail(first.Line, first.Messages);
            return null;
        }

        if (!inputs.Valid)
        {
            return null;
        }

        var unknown = new int[Threads];
        var slices = Enumerable.Range(0, Threads).Select(_ => new KpiComputation(period, workingDays: 0)).ToArray();
        InParallel(Threads, slice =>
        {
            for (var i = slice; i < inputs.Surveys.Count; i += Threads)
            {
                var survey = inputs.Surveys[i];
                var dossier = Find(tables, survey.DossierId);
                unknown[slice] += dossier is null ? 1 : 0;
                slices[slice].AddSurvey(survey, dossier);
            }
        });

        surveysOfUnknownDossiers = unknown.Sum();
        var total = new KpiComputation(period, (inputs.Calendar ?? WorkingCalendar.Official).WorkingDays(period.From, period.To));
        foreach (var counts in tables.Select(t => t.Counts).Concat(slices))
        {
            total.Add(counts);
        }

        foreach (var complaint in inputs.Complaints)
        {
            total.AddComplaint(complaint);
        }

        return total;
    }

    /// <summary>The latest version of a dossier once the tables are joined (each dossier is then in one table).</summary>
    private static DossierVersion? Find(DossierTable[] tables, string dossierId)
    {
        foreach (var table in tables)
        {
            if (table.Latest.Find(dossierId) is { } dossier)
            {
                return dossier;
            }
        }

        return null;
    }

    /// <summary>Threads for the work that can be shared out: one per core (dossiers.csv is split the same way).</summary>
    private static readonly int Threads = Math.Clamp(Environment.ProcessorCount, 1, 16);
}
