using GovKpi.Core.Measurement;

namespace GovKpi.Data.Files;

// Readers of the measurement files of CONTRACTS.md. Each turns a file into records or located
// errors (docs/FILES.md, "Reading"): valid rows stream out of Read with their line, invalid
// ones go to the CsvDiagnostics, which also decides whether reading stops at the first one.
// Columns and rules are the kinds' definitions (RecordDefinitions), which the .xlsx, JSON and
// quarantine readers share.

/// <summary>dossiers.csv: one record per dossier version (the latest one per dossier wins, see <see cref="LatestDossiers"/>).</summary>
public static class DossierCsvReader
{
    public static IReadOnlyList<ContractColumn> Columns => RecordDefinitions.Dossiers.Columns;

    public static IEnumerable<Located<DossierVersion>> Read(Stream input, string file, CsvDiagnostics diagnostics) =>
        Read(input, file, diagnostics, null);

    public static IEnumerable<Located<DossierVersion>> Read(Stream input, string file, CsvDiagnostics diagnostics, RecordPlausibility? plausibility) =>
        ContractCsv.Read(input, file, diagnostics, RecordDefinitions.Dossiers, plausibility);

    /// <summary>
    /// Splits the file at <paramref name="path"/> into up to <paramref name="parts"/> parts of whole
    /// rows to be read at the same time, on as many threads as wanted; parts are at least
    /// <paramref name="minimumPartLength"/> bytes (4 MB: below that, a part costs more than it
    /// saves). Parts come as a scan of the file finds them (enumerate under a lock when several
    /// threads take parts). Read every part to its end, or to its first error, and keep the error
    /// on the lowest line.
    /// </summary>
    /// <param name="keep">Reads only the rows whose trimmed dossier_id it accepts (structurally broken rows are read whatever their id); null reads every row.</param>
    public static IEnumerable<CsvFilePart<DossierVersion>> Split(string path, string file, int parts, long minimumPartLength = 4 << 20,
        RecordPlausibility? plausibility = null, RowKey? keep = null) =>
        ContractCsv.Split(path, file, parts, minimumPartLength, RecordDefinitions.Dossiers, plausibility,
            keep is null ? null : new RowFilter(RecordDefinitions.Dossier.DossierId, keep));
}

/// <summary>surveys.csv: citizen satisfaction responses, score 1 to 5.</summary>
public static class SurveyCsvReader
{
    public static IReadOnlyList<ContractColumn> Columns => RecordDefinitions.Surveys.Columns;

    public static IEnumerable<Located<SurveyResponse>> Read(Stream input, string file, CsvDiagnostics diagnostics) =>
        Read(input, file, diagnostics, null);

    public static IEnumerable<Located<SurveyResponse>> Read(Stream input, string file, CsvDiagnostics diagnostics, RecordPlausibility? plausibility) =>
        ContractCsv.Read(input, file, diagnostics, RecordDefinitions.Surveys, plausibility);
}

/// <summary>complaints.csv: complaints and feedback (PAKN).</summary>
public static class ComplaintCsvReader
{
    public static IReadOnlyList<ContractColumn> Columns => RecordDefinitions.Complaints.Columns;

    public static IEnumerable<Located<Complaint>> Read(Stream input, string file, CsvDiagnostics diagnostics) =>
        Read(input, file, diagnostics, null);

    public static IEnumerable<Located<Complaint>> Read(Stream input, string file, CsvDiagnostics diagnostics, RecordPlausibility? plausibility) =>
        ContractCsv.Read(input, file, diagnostics, RecordDefinitions.Complaints, plausibility);
}

/// <summary>calendar.csv: working-day exceptions (holiday on a weekday, make-up workday on a weekend).</summary>
public static class CalendarCsvReader
{
    public static IReadOnlyList<ContractColumn> Columns => RecordDefinitions.Calendar.Columns;

    public static IEnumerable<Located<CalendarException>> Read(Stream input, string file, CsvDiagnostics diagnostics) =>
        Read(input, file, diagnostics, null);

    public static IEnumerable<Located<CalendarException>> Read(Stream input, string file, CsvDiagnostics diagnostics, RecordPlausibility? plausibility) =>
        ContractCsv.Read(input, file, diagnostics, RecordDefinitions.Calendar, plausibility);
}
