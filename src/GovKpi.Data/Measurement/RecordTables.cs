using GovKpi.Core.Measurement;
using GovKpi.Data.Files;
using Contract = GovKpi.Data.Files.RecordDefinitions;

namespace GovKpi.Data.Measurement;

internal enum ColumnType
{
    Text,
    Integer,
    Boolean,
    Time,
    Date,
}

/// <summary>A column of a record table and how to read it from the record (enumerations as contract words).</summary>
internal sealed record TableColumn<T>(string Name, ColumnType Type, bool Nullable, Func<T, object?> Value)
{
    /// <summary>Text and date columns: the value as text (a date as <c>yyyy-MM-dd</c>), without boxing.</summary>
    public Func<T, string?>? Text { get; init; }

    /// <summary>
    /// Integer, boolean and time columns: the value as the SQLite import stores it, without boxing
    /// (booleans 0/1, times as microseconds since the Unix epoch, see <see cref="MeasurementModel.ToSqlite"/>).
    /// </summary>
    public Func<T, long?>? Number { get; init; }
}

/// <summary>
/// How the import writes one kind of record: table, key columns (the first <see cref="KeyCount"/>)
/// and value columns, named as the columns of the record kinds' definitions (<see cref="RecordDefinitions"/>, <see cref="MeasurementModel"/>).
/// </summary>
internal sealed class RecordTable<T>(RecordKind kind, string name, int keyCount, IReadOnlyList<TableColumn<T>> columns)
{
    public RecordKind Kind => kind;
    public string Name => name;
    public int KeyCount => keyCount;
    public IReadOnlyList<TableColumn<T>> Columns => columns;
    public IEnumerable<TableColumn<T>> Keys => columns.Take(keyCount);
    public IEnumerable<TableColumn<T>> Values => columns.Skip(keyCount);
}

internal static class RecordTables
{
    private static TableColumn<T> Text<T>(string name, Func<T, string?> value, bool nullable = false) =>
        new(name, ColumnType.Text, nullable, value) { Text = value };

    private static TableColumn<T> Integer<T>(string name, Func<T, int> value) =>
        new(name, ColumnType.Integer, false, r => value(r)) { Number = r => value(r) };

    private static TableColumn<T> Boolean<T>(string name, Func<T, bool> value) =>
        new(name, ColumnType.Boolean, false, r => value(r)) { Number = r => value(r) ? 1 : 0 };

    private static TableColumn<T> Time<T>(string name, Func<T, DateTimeOffset?> value, bool nullable = false) =>
        new(name, ColumnType.Time, nullable, r => value(r)) { Number = r => value(r) is { } t ? MeasurementModel.ToSqlite(t) : null };

    private static TableColumn<T> Date<T>(string name, Func<T, DateOnly> value) =>
        new(name, ColumnType.Date, false, r => value(r)) { Text = r => value(r).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };

    public static readonly RecordTable<DossierVersion> Dossiers = new(RecordKind.Dossier, MeasurementModel.DossierVersionsTable, 2,
    [
        Text<DossierVersion>(Contract.Dossiers.Name(Contract.Dossier.DossierId), d => d.DossierId),
        Time<DossierVersion>(Contract.Dossiers.Name(Contract.Dossier.UpdatedAt), d => d.UpdatedAt),
        Text<DossierVersion>(Contract.Dossiers.Name(Contract.Dossier.ProcedureCode), d => d.ProcedureCode),
        Text<DossierVersion>(Contract.Dossiers.Name(Contract.Dossier.UnitCode), d => d.UnitCode),
        Text<DossierVersion>(Contract.Dossiers.Name(Contract.Dossier.HandlerCode), d => d.HandlerCode, nullable: true),
        Text<DossierVersion>(Contract.Dossiers.Name(Contract.Dossier.Channel), d => d.Channel.Code()),
        Time<DossierVersion>(Contract.Dossiers.Name(Contract.Dossier.ReceivedAt), d => d.ReceivedAt),
        Time<DossierVersion>(Contract.Dossiers.Name(Contract.Dossier.DueAt), d => d.DueAt),
        Time<DossierVersion>(Contract.Dossiers.Name(Contract.Dossier.FinishedAt), d => d.FinishedAt, nullable: true),
        Text<DossierVersion>(Contract.Dossiers.Name(Contract.Dossier.Status), d => d.Status.Code()),
        Integer<DossierVersion>(Contract.Dossiers.Name(Contract.Dossier.SupplementCount), d => d.SupplementCount),
        Boolean<DossierVersion>(Contract.Dossiers.Name(Contract.Dossier.StaffErrorReturn), d => d.StaffErrorReturn),
    ]);

    public static readonly RecordTable<SurveyResponse> Surveys = new(RecordKind.Survey, "surveys", 1,
    [
        Text<SurveyResponse>(Contract.Surveys.Name(Contract.Survey.ResponseId), s => s.ResponseId),
        Text<SurveyResponse>(Contract.Surveys.Name(Contract.Survey.DossierId), s => s.DossierId),
        Time<SurveyResponse>(Contract.Surveys.Name(Contract.Survey.SubmittedAt), s => s.SubmittedAt),
        Integer<SurveyResponse>(Contract.Surveys.Name(Contract.Survey.Score), s => s.Score),
    ]);

    public static readonly RecordTable<Complaint> Complaints = new(RecordKind.Complaint, "complaints", 1,
    [
        Text<Complaint>(Contract.Complaints.Name(Contract.Complaint.ComplaintId), c => c.ComplaintId),
        Text<Complaint>(Contract.Complaints.Name(Contract.Complaint.UnitCode), c => c.UnitCode),
        Text<Complaint>(Contract.Complaints.Name(Contract.Complaint.StaffCode), c => c.StaffCode, nullable: true),
        Text<Complaint>(Contract.Complaints.Name(Contract.Complaint.DossierId), c => c.DossierId, nullable: true),
        Time<Complaint>(Contract.Complaints.Name(Contract.Complaint.ReceivedAt), c => c.ReceivedAt),
        Text<Complaint>(Contract.Complaints.Name(Contract.Complaint.Category), c => c.Category.Code()),
        Boolean<Complaint>(Contract.Complaints.Name(Contract.Complaint.Upheld), c => c.Upheld),
    ]);

    public static readonly RecordTable<CalendarException> Calendar = new(RecordKind.Calendar, "calendar_exceptions", 1,
    [
        Date<CalendarException>(Contract.Calendar.Name(Contract.CalendarDay.Date), e => e.Date),
        Text<CalendarException>(Contract.Calendar.Name(Contract.CalendarDay.Kind), e => e.Kind.Code()),
    ]);
}
