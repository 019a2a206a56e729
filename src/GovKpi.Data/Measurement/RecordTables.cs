using GovKpi.Core.Measurement;
using GovKpi.Data.Files;

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
internal sealed record TableColumn<T>(string Name, ColumnType Type, bool Nullable, Func<T, object?> Value);

/// <summary>
/// How the import writes one kind of record: table, key columns (the first <see cref="KeyCount"/>)
/// and value columns, named as in the contract (see <see cref="MeasurementModel"/>).
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
    private static TableColumn<T> C<T>(string name, ColumnType type, Func<T, object?> value, bool nullable = false) => new(name, type, nullable, value);

    public static readonly RecordTable<DossierVersion> Dossiers = new(RecordKind.Dossier, MeasurementModel.DossierVersionsTable, 2,
    [
        C<DossierVersion>("dossier_id", ColumnType.Text, d => d.DossierId),
        C<DossierVersion>("updated_at", ColumnType.Time, d => d.UpdatedAt),
        C<DossierVersion>("procedure_code", ColumnType.Text, d => d.ProcedureCode),
        C<DossierVersion>("unit_code", ColumnType.Text, d => d.UnitCode),
        C<DossierVersion>("handler_code", ColumnType.Text, d => d.HandlerCode, nullable: true),
        C<DossierVersion>("channel", ColumnType.Text, d => d.Channel.Code()),
        C<DossierVersion>("received_at", ColumnType.Time, d => d.ReceivedAt),
        C<DossierVersion>("due_at", ColumnType.Time, d => d.DueAt),
        C<DossierVersion>("finished_at", ColumnType.Time, d => d.FinishedAt, nullable: true),
        C<DossierVersion>("status", ColumnType.Text, d => d.Status.Code()),
        C<DossierVersion>("supplement_count", ColumnType.Integer, d => d.SupplementCount),
        C<DossierVersion>("staff_error_return", ColumnType.Boolean, d => d.StaffErrorReturn),
    ]);

    public static readonly RecordTable<SurveyResponse> Surveys = new(RecordKind.Survey, "surveys", 1,
    [
        C<SurveyResponse>("response_id", ColumnType.Text, s => s.ResponseId),
        C<SurveyResponse>("dossier_id", ColumnType.Text, s => s.DossierId),
        C<SurveyResponse>("submitted_at", ColumnType.Time, s => s.SubmittedAt),
        C<SurveyResponse>("score", ColumnType.Integer, s => s.Score),
    ]);

    public static readonly RecordTable<Complaint> Complaints = new(RecordKind.Complaint, "complaints", 1,
    [
        C<Complaint>("complaint_id", ColumnType.Text, c => c.ComplaintId),
        C<Complaint>("unit_code", ColumnType.Text, c => c.UnitCode),
        C<Complaint>("staff_code", ColumnType.Text, c => c.StaffCode, nullable: true),
        C<Complaint>("dossier_id", ColumnType.Text, c => c.DossierId, nullable: true),
        C<Complaint>("received_at", ColumnType.Time, c => c.ReceivedAt),
        C<Complaint>("category", ColumnType.Text, c => c.Category.Code()),
        C<Complaint>("upheld", ColumnType.Boolean, c => c.Upheld),
    ]);

    public static readonly RecordTable<CalendarException> Calendar = new(RecordKind.Calendar, "calendar_exceptions", 1,
    [
        C<CalendarException>("date", ColumnType.Date, e => e.Date),
        C<CalendarException>("kind", ColumnType.Text, e => e.Kind.Code()),
    ]);
}
