using GovKpi.Core.Measurement;
using GovKpi.Data.Measurement;
using GovKpi.Data.Resources;

namespace GovKpi.Data.Files;

/// <summary>
/// One kind of measurement record as the contract defines it (CONTRACTS.md): its file, its
/// columns in the contract's order and the one parse every reader uses — the CSV readers through
/// <see cref="CsvRow"/>, the .xlsx rows, the JSON push and the quarantine through
/// <see cref="ContractRow"/> — so that a row reads the same, and is refused in the
/// same words, whatever it came in.
/// </summary>
public abstract class RecordDefinition
{
    private protected RecordDefinition(RecordKind kind, string fileName, IReadOnlyList<ContractColumn> columns)
    {
        Kind = kind;
        FileName = fileName;
        Columns = columns;
        ColumnNames = [.. columns.Select(c => c.Name)];
        RequiredColumns = [.. columns.Where(c => c.Required).Select(c => c.Name)];
    }

    public RecordKind Kind { get; }

    public string FileName { get; }

    public IReadOnlyList<ContractColumn> Columns { get; }

    public IReadOnlyList<string> ColumnNames { get; }

    public IReadOnlyList<string> RequiredColumns { get; }

    public ContractColumn Column(string name) => Columns.Single(c => c.Name == name);

    /// <summary>Parses a row given as column name → text into its record, or null with <paramref name="problems"/> in the order of the columns.</summary>
    public object? Parse(IReadOnlyDictionary<string, string?> fields, RecordPlausibility? plausibility, out IReadOnlyList<FieldProblem> problems)
    {
        var row = new DictionaryRecordRow(Columns, fields) { Plausibility = plausibility ?? RecordPlausibility.Default };
        var record = ParseRow(row);
        problems = row.Problems;
        return row.HasProblems ? null : record;
    }

    private protected abstract object? ParseRow(RecordRow row);
}

/// <summary>A record kind whose rows become <typeparamref name="T"/>.</summary>
public sealed class RecordDefinition<T> : RecordDefinition where T : class
{
    private readonly Func<RecordRow, T?> _parse;

    internal RecordDefinition(RecordKind kind, string fileName, IReadOnlyList<ContractColumn> columns, Func<RecordRow, T?> parse)
        : base(kind, fileName, columns) => _parse = parse;

    /// <summary>The record of the row, or null when a problem was recorded on the row.</summary>
    public T? Parse(RecordRow row)
    {
        var record = row.HasProblems ? null : _parse(row);
        return row.HasProblems ? null : record;
    }

    private protected override object? ParseRow(RecordRow row) => Parse(row);
}

/// <summary>The four measurement record kinds of CONTRACTS.md.</summary>
public static class RecordDefinitions
{
    /// <summary>The most characters of an id (a dossier, a response, a complaint), as the record tables store it.</summary>
    public const int IdLength = 60;

    /// <summary>The most characters of a code (a unit, a procedure, a staff member), as the record tables store it.</summary>
    public const int CodeLength = 40;

    public const string DossierFile = "dossiers.csv";
    public const string SurveyFile = "surveys.csv";
    public const string ComplaintFile = "complaints.csv";
    public const string CalendarFile = "calendar.csv";

    private static ContractColumn Id(string name, bool required = true) => new(name, required, ContractValueType.Identifier, IdLength);

    private static ContractColumn Code(string name, bool required = true) => new(name, required, ContractValueType.Identifier, CodeLength);

    private static ContractColumn Time(string name, bool required = true) => new(name, required, ContractValueType.Time);

    private static string Words<TWord>(Func<TWord, string> code) where TWord : struct, Enum => string.Join(", ", Enum.GetValues<TWord>().Select(code));

    /// <summary>The columns of dossiers.csv, by position in <see cref="Dossiers"/>.</summary>
    public static class Dossier
    {
        public const int DossierId = 0, ProcedureCode = 1, UnitCode = 2, HandlerCode = 3, Channel = 4, ReceivedAt = 5,
            DueAt = 6, FinishedAt = 7, Status = 8, SupplementCount = 9, StaffErrorReturn = 10, UpdatedAt = 11;
    }

    /// <summary>The columns of surveys.csv, by position in <see cref="Surveys"/>.</summary>
    public static class Survey
    {
        public const int ResponseId = 0, DossierId = 1, SubmittedAt = 2, Score = 3;
    }

    /// <summary>The columns of complaints.csv, by position in <see cref="Complaints"/>.</summary>
    public static class Complaint
    {
        public const int ComplaintId = 0, UnitCode = 1, StaffCode = 2, DossierId = 3, ReceivedAt = 4, Category = 5, Upheld = 6;
    }

    /// <summary>The columns of calendar.csv, by position in <see cref="Calendar"/>.</summary>
    public static class CalendarDay
    {
        public const int Date = 0, Kind = 1;
    }

    private static readonly string ChannelWords = Words<DossierChannel>(ContractCodes.Code);
    private static readonly string StatusWords = Words<DossierStatus>(ContractCodes.Code);
    private static readonly string CategoryWords = Words<ComplaintCategory>(ContractCodes.Code);
    private static readonly string DayKindWords = Words<CalendarDayKind>(ContractCodes.Code);

    /// <summary>dossiers.csv: one record per dossier version (the latest one per dossier wins, see <see cref="LatestDossiers"/>).</summary>
    public static RecordDefinition<DossierVersion> Dossiers { get; } = new(RecordKind.Dossier, DossierFile,
    [
        Id("dossier_id"), Code("procedure_code"), Code("unit_code"), Code("handler_code", false),
        new("channel", true, ContractValueType.Word), Time("received_at"), Time("due_at"), Time("finished_at", false),
        new("status", true, ContractValueType.Word), new("supplement_count", false, ContractValueType.WholeNumber),
        new("staff_error_return", false, ContractValueType.Boolean), Time("updated_at"),
    ], ParseDossier);

    private static DossierVersion? ParseDossier(RecordRow row)
    {
        const int DossierId = Dossier.DossierId, ProcedureCode = Dossier.ProcedureCode, UnitCode = Dossier.UnitCode,
            HandlerCode = Dossier.HandlerCode, Channel = Dossier.Channel, ReceivedAt = Dossier.ReceivedAt, DueAt = Dossier.DueAt,
            FinishedAt = Dossier.FinishedAt, Status = Dossier.Status, SupplementCount = Dossier.SupplementCount,
            StaffErrorReturn = Dossier.StaffErrorReturn, UpdatedAt = Dossier.UpdatedAt;
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
                row.Problem(FinishedAt, DataText.Get("Record.FinishedRequired", status.Code()));
            }
            else if (!status.IsFinished() && finished is not null)
            {
                row.Problem(FinishedAt, DataText.Get("Record.FinishedForbidden", status.Code()));
            }
        }

        if (row.IsValid(ReceivedAt))
        {
            NotBeforeReceipt(row, FinishedAt, finished, received);
            if (row.Plausibility.NothingBeforeReceipt)
            {
                NotBeforeReceipt(row, DueAt, due, received);
                NotBeforeReceipt(row, UpdatedAt, updated, received);
            }
        }

        return row.HasProblems ? null
            : new DossierVersion(id, procedure, unit, handler, channel, received, due, finished, status, supplements, staffError, updated);
    }

    private static void NotBeforeReceipt(RecordRow row, int column, DateTimeOffset? time, DateTimeOffset received)
    {
        if (time < received && row.IsValid(column))
        {
            row.Problem(column, DataText.Get("Record.BeforeReceived", row.Trimmed(column).ToString(), row.Trimmed(Dossier.ReceivedAt).ToString()));
        }
    }

    /// <summary>surveys.csv: citizen satisfaction responses, score 1 to 5.</summary>
    public static RecordDefinition<SurveyResponse> Surveys { get; } = new(RecordKind.Survey, SurveyFile,
        [Id("response_id"), Id("dossier_id"), Time("submitted_at"), new("score", true, ContractValueType.WholeNumber)],
        row =>
        {
            var id = row.Text(Survey.ResponseId);
            var dossier = row.Text(Survey.DossierId);
            var submitted = row.Time(Survey.SubmittedAt);
            var score = row.WholeNumber(Survey.Score, 1, 5);
            return row.HasProblems ? null : new SurveyResponse(id, dossier, submitted, score);
        });

    /// <summary>complaints.csv: complaints and feedback (PAKN).</summary>
    public static RecordDefinition<Core.Measurement.Complaint> Complaints { get; } = new(RecordKind.Complaint, ComplaintFile,
    [
        Id("complaint_id"), Code("unit_code"), Code("staff_code", false), Id("dossier_id", false), Time("received_at"),
        new("category", true, ContractValueType.Word), new("upheld", true, ContractValueType.Boolean),
    ], row =>
    {
        var id = row.Text(Complaint.ComplaintId);
        var unit = row.Code(Complaint.UnitCode);
        var staff = row.OptionalCode(Complaint.StaffCode);
        var dossier = row.OptionalText(Complaint.DossierId);
        var received = row.Time(Complaint.ReceivedAt);
        var category = row.Word<ComplaintCategory>(Complaint.Category, ContractCodes.TryParseComplaintCategory, CategoryWords);
        var upheld = row.Boolean(Complaint.Upheld);
        return row.HasProblems ? null : new Core.Measurement.Complaint(id, unit, staff, dossier, received, category, upheld);
    });

    /// <summary>calendar.csv: working-day exceptions (holiday on a weekday, make-up workday on a weekend).</summary>
    public static RecordDefinition<CalendarException> Calendar { get; } = new(RecordKind.Calendar, CalendarFile,
        [new("date", true, ContractValueType.Date), new("kind", true, ContractValueType.Word)],
        row =>
        {
            var date = row.Date(CalendarDay.Date);
            var kind = row.Word<CalendarDayKind>(CalendarDay.Kind, ContractCodes.TryParseCalendarDayKind, DayKindWords);
            return row.HasProblems ? null : new CalendarException(date, kind);
        });

    /// <summary>The name of a column of <paramref name="definition"/>, by position (the record tables name their columns so).</summary>
    public static string Name(this RecordDefinition definition, int column) => definition.Columns[column].Name;

    public static RecordDefinition For(RecordKind kind) => kind switch
    {
        RecordKind.Dossier => Dossiers,
        RecordKind.Survey => Surveys,
        RecordKind.Complaint => Complaints,
        _ => Calendar,
    };
}
