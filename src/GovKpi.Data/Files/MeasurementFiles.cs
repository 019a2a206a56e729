using GovKpi.Core.Measurement;

namespace GovKpi.Data.Files;

// Writers of the measurement files of CONTRACTS.md, exactly as specified there: the header row
// names every column in the contract's order (the kinds' definitions, RecordDefinitions), and
// each Write writes the fields in that order. Times are written to the second with the offset
// they carry (the generator and importers keep +07:00).

/// <summary>dossiers.csv: one row per dossier version.</summary>
public sealed class DossierCsvWriter(Stream output) : IDisposable
{
    public const string FileName = RecordDefinitions.DossierFile;

    public static IReadOnlyList<string> Columns => RecordDefinitions.Dossiers.ColumnNames;

    private readonly CsvRowWriter _csv = new(output, Columns);

    public void Write(DossierVersion dossier)
    {
        _csv.Field(dossier.DossierId);
        _csv.Field(dossier.ProcedureCode);
        _csv.Field(dossier.UnitCode);
        _csv.Field(dossier.HandlerCode);
        _csv.Field(dossier.Channel.Code());
        _csv.Field(dossier.ReceivedAt);
        _csv.Field(dossier.DueAt);
        _csv.Field(dossier.FinishedAt);
        _csv.Field(dossier.Status.Code());
        _csv.Field(dossier.SupplementCount);
        _csv.Field(dossier.StaffErrorReturn);
        _csv.Field(dossier.UpdatedAt);
        _csv.EndRow();
    }

    public void Dispose() => _csv.Dispose();
}

/// <summary>surveys.csv: citizen satisfaction responses.</summary>
public sealed class SurveyCsvWriter(Stream output) : IDisposable
{
    public const string FileName = RecordDefinitions.SurveyFile;

    public static IReadOnlyList<string> Columns => RecordDefinitions.Surveys.ColumnNames;

    private readonly CsvRowWriter _csv = new(output, Columns);

    public void Write(SurveyResponse survey)
    {
        _csv.Field(survey.ResponseId);
        _csv.Field(survey.DossierId);
        _csv.Field(survey.SubmittedAt);
        _csv.Field(survey.Score);
        _csv.EndRow();
    }

    public void Dispose() => _csv.Dispose();
}

/// <summary>complaints.csv: complaints and feedback (PAKN).</summary>
public sealed class ComplaintCsvWriter(Stream output) : IDisposable
{
    public const string FileName = RecordDefinitions.ComplaintFile;

    public static IReadOnlyList<string> Columns => RecordDefinitions.Complaints.ColumnNames;

    private readonly CsvRowWriter _csv = new(output, Columns);

    public void Write(Complaint complaint)
    {
        _csv.Field(complaint.ComplaintId);
        _csv.Field(complaint.UnitCode);
        _csv.Field(complaint.StaffCode);
        _csv.Field(complaint.DossierId);
        _csv.Field(complaint.ReceivedAt);
        _csv.Field(complaint.Category.Code());
        _csv.Field(complaint.Upheld);
        _csv.EndRow();
    }

    public void Dispose() => _csv.Dispose();
}

/// <summary>calendar.csv: the days that differ from the Monday-to-Friday week.</summary>
public static class CalendarCsvWriter
{
    public const string FileName = RecordDefinitions.CalendarFile;

    public static IReadOnlyList<string> Columns => RecordDefinitions.Calendar.ColumnNames;

    public static void Write(Stream output, IEnumerable<CalendarException> exceptions)
    {
        using var csv = new CsvRowWriter(output, Columns);
        foreach (var exception in exceptions.OrderBy(e => e.Date))
        {
            csv.Field(exception.Date);
            csv.Field(exception.Kind.Code());
            csv.EndRow();
        }
    }
}
