using ClosedXML.Excel;
using GovKpi.Core.DelegatedTasks;

namespace GovKpi.Data.Files;

/// <summary>
/// The ministry task list (issue 13): one delegated task per row. The one definition of the row —
/// its columns, how a row given as column → text becomes a <see cref="RegisteredTask"/> with the
/// problems located at their columns, and the fields a task is written back as — so the CSV and
/// .xlsx import and the export read and write the same thing. Whether the task may be registered
/// (units in force, levels, dates) is Core's <see cref="TaskRegistration"/>.
/// </summary>
public static class DelegatedTaskListFile
{
    public const string FileStem = "delegated_tasks";

    /// <summary>Receiving units are listed in one cell, separated by this.</summary>
    public const char UnitSeparator = ';';

    /// <summary>
    /// A code as long as a handed-on child's: its parent's, a slash, and a commune's code
    /// (<see cref="TaskRegistration.HandOn"/>), so an exported child reads back.
    /// </summary>
    public const int CodeLength = RecordDefinitions.CodeLength * 2 + 1;

    private static ContractColumn Yes(string name, ContractValueType type = ContractValueType.Text, int maxLength = 0) => new(name, true, type, maxLength);

    public static IReadOnlyList<ContractColumn> Columns { get; } =
    [
        Yes("code", ContractValueType.Identifier, CodeLength), Yes("title"), Yes("source_body"), Yes("legal_basis"),
        Yes("kind", ContractValueType.Word), Yes("from_level", ContractValueType.Word), Yes("to_level", ContractValueType.Word),
        Yes("receiving_unit_codes"), Yes("start_on", ContractValueType.Date), Yes("due_on", ContractValueType.Date),
        Yes("report_rhythm", ContractValueType.Word),
    ];

    // The file's words: part of its public format, so spelt out rather than derived from enum names.
    public static string Code(this DelegationKind kind) => kind switch
    {
        DelegationKind.Decentralised => "decentralised",
        DelegationKind.Delegated => "delegated",
        _ => "authorised",
    };

    public static string Code(this GovernmentLevel level) => level switch
    {
        GovernmentLevel.Ministry => "ministry",
        GovernmentLevel.Province => "province",
        _ => "commune",
    };

    public static string Code(this ReportRhythm rhythm) => rhythm switch
    {
        ReportRhythm.Once => "once",
        ReportRhythm.Monthly => "monthly",
        ReportRhythm.Quarterly => "quarterly",
        ReportRhythm.HalfYearly => "half_yearly",
        _ => "yearly",
    };

    private static Dictionary<string, T> Words<T>(Func<T, string> code) where T : struct, Enum =>
        Enum.GetValues<T>().ToDictionary(code, StringComparer.Ordinal);

    /// <summary>The task of one row, or null with every problem of the row, each at its column.</summary>
    public static RegisteredTask? Parse(IReadOnlyDictionary<string, string?> row, out IReadOnlyList<FieldProblem> problems)
    {
        var r = new OrganisationFieldReader(row);
        var code = r.Code("code", CodeLength);
        var title = r.Text("title", required: true);
        var source = r.Text("source_body", required: true);
        var basis = r.Text("legal_basis", required: true);
        var kind = r.Word("kind", Words<DelegationKind>(Code));
        var from = r.Word("from_level", Words<GovernmentLevel>(Code));
        var to = r.Word("to_level", Words<GovernmentLevel>(Code));
        var units = r.CodeList("receiving_unit_codes", UnitSeparator);
        var start = r.Date("start_on", required: true);
        var due = r.Date("due_on", required: true);
        var rhythm = r.Word("report_rhythm", Words<ReportRhythm>(Code));
        problems = r.Problems;
        return r.Failed ? null : new RegisteredTask
        {
            Code = code, Title = title!, SourceBody = source!, LegalBasis = basis!, Kind = kind!.Value, FromLevel = from!.Value,
            ToLevel = to!.Value, ReceivingUnitCodes = units, StartOn = start!.Value, DueOn = due!.Value, ReportRhythm = rhythm!.Value,
        };
    }

    /// <summary>The row a task is exported as: the same columns <see cref="Parse"/> reads.</summary>
    public static Dictionary<string, string?> Fields(RegisteredTask task) => new(StringComparer.Ordinal)
    {
        ["code"] = task.Code, ["title"] = task.Title, ["source_body"] = task.SourceBody, ["legal_basis"] = task.LegalBasis,
        ["kind"] = task.Kind.Code(), ["from_level"] = task.FromLevel.Code(), ["to_level"] = task.ToLevel.Code(),
        ["receiving_unit_codes"] = string.Join(UnitSeparator, task.ReceivingUnitCodes),
        ["start_on"] = Day(task.StartOn), ["due_on"] = Day(task.DueOn),
        ["report_rhythm"] = task.ReportRhythm.Code(),
    };

    /// <summary>Writes rows of <see cref="Fields"/> as the CSV the import reads (header on line 1).</summary>
    public static void WriteCsv(Stream output, IEnumerable<IReadOnlyDictionary<string, string?>> rows)
    {
        using var csv = new CsvRowWriter(output, Columns.Select(c => c.Name));
        foreach (var row in rows)
        {
            foreach (var column in Columns)
            {
                csv.Field(row.GetValueOrDefault(column.Name));
            }

            csv.EndRow();
        }
    }

    /// <summary>Writes rows of <see cref="Fields"/> as the .xlsx the import reads (first sheet, header in row 1, every cell text).</summary>
    public static void WriteXlsx(Stream output, IEnumerable<IReadOnlyDictionary<string, string?>> rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet(FileStem);
        for (var c = 0; c < Columns.Count; c++)
        {
            sheet.Cell(1, c + 1).SetValue(Columns[c].Name);
            sheet.Cell(1, c + 1).Style.Font.Bold = true;
        }

        var line = 1;
        foreach (var row in rows)
        {
            line++;
            for (var c = 0; c < Columns.Count; c++)
            {
                sheet.Cell(line, c + 1).SetValue(row.GetValueOrDefault(Columns[c].Name) ?? "");
            }
        }

        Exports.SheetWidths.FitText(sheet, 1, Columns.Count, Math.Min(line, 200));
        workbook.SaveNeutralised(output);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
