using GovKpi.Core.Measurement;

namespace GovKpi.Data.Files;

// Readers of the measurement files of CONTRACTS.md. Each turns a file into records or located
// errors (docs/FILES.md, "Reading"): valid rows stream out of Read with their line, invalid
// ones go to the CsvDiagnostics, which also decides whether reading stops at the first one.

/// <summary>dossiers.csv: one record per dossier version (the latest one per dossier wins, see <see cref="LatestDossiers"/>).</summary>
public static class DossierCsvReader
{
    private const int DossierId = 0, ProcedureCode = 1, UnitCode = 2, HandlerCode = 3, Channel = 4, ReceivedAt = 5,
        DueAt = 6, FinishedAt = 7, Status = 8, SupplementCount = 9, StaffErrorReturn = 10, UpdatedAt = 11;

    public static IReadOnlyList<ContractColumn> Columns { get; } =
    [
        new("dossier_id", true), new("procedure_code", true), new("unit_code", true), new("handler_code", false),
        new("channel", true), new("received_at", true), new("due_at", true), new("finished_at", false),
        new("status", true), new("supplement_count", false), new("staff_error_return", false), new("updated_at", true),
    ];

    private static readonly string ChannelWords = string.Join(", ", Enum.GetValues<DossierChannel>().Select(c => c.Code()));
    private static readonly string StatusWords = string.Join(", ", Enum.GetValues<DossierStatus>().Select(s => s.Code()));

    public static IEnumerable<Located<DossierVersion>> Read(Stream input, string file, CsvDiagnostics diagnostics) =>
        ContractCsv.Read(input, file, diagnostics, Columns, Parse);

    /// <summary>
    /// Splits the file at <paramref name="path"/> into up to <paramref name="parts"/> parts of whole
    /// rows to be read at the same time, on as many threads as wanted; parts are at least
    /// <paramref name="minimumPartLength"/> bytes (4 MB: below that, a part costs more than it
    /// saves). Parts come as a scan of the file finds them (enumerate under a lock when several
    /// threads take parts). Read every part to its end, or to its first error, and keep the error
    /// on the lowest line.
    /// </summary>
    public static IEnumerable<CsvFilePart<DossierVersion>> Split(string path, string file, int parts, long minimumPartLength = 4 << 20) =>
        ContractCsv.Split(path, file, parts, minimumPartLength, Columns, Parse);

    private static DossierVersion? Parse(CsvRow row)
    {
        var id = row.Text(DossierId);
        var procedure = row.Code(ProcedureCode);
        var unit = row.Code(UnitCode);
        var handler = row.OptionalCode(HandlerCode);
        var channel = row.Word<DossierChannel>(Channel, ContractCodes.TryParseDossierChannel, ChannelWords);
        var received = row.Time(ReceivedAt);
        var due = row.Time(DueAt);
        var finished = row.OptionalTime(FinishedAt);
        var status = row.Word<DossierStatus>(Status, ContractCodes.TryParseDossierStatus, StatusWords);
        var supplements = row.OptionalWholeNumber(SupplementCount, 0, int.MaxValue, 0);
        var staffError = row.OptionalBoolean(StaffErrorReturn, false);
        var updated = row.Time(UpdatedAt);

        if (row.IsValid(Status) && row.IsValid(FinishedAt))
        {
            if (status.IsFinished() && finished is null)
            {
                row.Problem(FinishedAt, $"required, but empty: status {status.Code()} ends processing");
            }
            else if (!status.IsFinished() && finished is not null)
            {
                row.Problem(FinishedAt, $"must be empty while the dossier is open (status {status.Code()})");
            }
        }

        if (finished < received && row.IsValid(FinishedAt) && row.IsValid(ReceivedAt))
        {
            row.Problem(FinishedAt, $"{row.Field(FinishedAt)} is before received_at {row.Field(ReceivedAt)}");
        }

        return row.HasProblems ? null
            : new DossierVersion(id, procedure, unit, handler, channel, received, due, finished, status, supplements, staffError, updated);
    }
}

/// <summary>surveys.csv: citizen satisfaction responses, score 1 to 5.</summary>
public static class SurveyCsvReader
{
    private const int ResponseId = 0, DossierId = 1, SubmittedAt = 2, Score = 3;

    public static IReadOnlyList<ContractColumn> Columns { get; } =
        [new("response_id", true), new("dossier_id", true), new("submitted_at", true), new("score", true)];

    public static IEnumerable<Located<SurveyResponse>> Read(Stream input, string file, CsvDiagnostics diagnostics) =>
        ContractCsv.Read(input, file, diagnostics, Columns, Parse);

    private static SurveyResponse? Parse(CsvRow row)
    {
        var id = row.Text(ResponseId);
        var dossier = row.Text(DossierId);
        var submitted = row.Time(SubmittedAt);
        var score = row.WholeNumber(Score, 1, 5);
        return row.HasProblems ? null : new SurveyResponse(id, dossier, submitted, score);
    }
}

/// <summary>complaints.csv: complaints and feedback (PAKN).</summary>
public static class ComplaintCsvReader
{
    private const int ComplaintId = 0, UnitCode = 1, StaffCode = 2, DossierId = 3, ReceivedAt = 4, Category = 5, Upheld = 6;

    public static IReadOnlyList<ContractColumn> Columns { get; } =
    [
        new("complaint_id", true), new("unit_code", true), new("staff_code", false), new("dossier_id", false),
        new("received_at", true), new("category", true), new("upheld", true),
    ];

    private static readonly string CategoryWords = string.Join(", ", Enum.GetValues<ComplaintCategory>().Select(c => c.Code()));

    public static IEnumerable<Located<Complaint>> Read(Stream input, string file, CsvDiagnostics diagnostics) =>
        ContractCsv.Read(input, file, diagnostics, Columns, Parse);

    private static Complaint? Parse(CsvRow row)
    {
        var id = row.Text(ComplaintId);
        var unit = row.Code(UnitCode);
        var staff = row.OptionalCode(StaffCode);
        var dossier = row.OptionalText(DossierId);
        var received = row.Time(ReceivedAt);
        var category = row.Word<ComplaintCategory>(Category, ContractCodes.TryParseComplaintCategory, CategoryWords);
        var upheld = row.Boolean(Upheld);
        return row.HasProblems ? null : new Complaint(id, unit, staff, dossier, received, category, upheld);
    }
}

/// <summary>calendar.csv: working-day exceptions (holiday on a weekday, make-up workday on a weekend).</summary>
public static class CalendarCsvReader
{
    private const int Date = 0, Kind = 1;

    public static IReadOnlyList<ContractColumn> Columns { get; } = [new("date", true), new("kind", true)];

    private static readonly string KindWords = string.Join(", ", Enum.GetValues<CalendarDayKind>().Select(k => k.Code()));

    public static IEnumerable<Located<CalendarException>> Read(Stream input, string file, CsvDiagnostics diagnostics) =>
        ContractCsv.Read(input, file, diagnostics, Columns, Parse);

    private static CalendarException? Parse(CsvRow row)
    {
        var date = row.Date(Date);
        var kind = row.Word<CalendarDayKind>(Kind, ContractCodes.TryParseCalendarDayKind, KindWords);
        return row.HasProblems ? null : new CalendarException(date, kind);
    }
}
