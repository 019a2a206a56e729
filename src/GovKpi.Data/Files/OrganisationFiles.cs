using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Organisation;

namespace GovKpi.Data.Files;

/// <summary>
/// Writers of the organisation and KPI library files (units, lineage, positions, staff,
/// secondments, KPI definitions and sets), documented in docs/FILES.md. They follow the same
/// conventions as the measurement files: UTF-8 without BOM, <c>\n</c>, invariant culture,
/// <c>YYYY-MM-DD</c> dates, enumerations in snake_case words (<see cref="ContractCodes"/>).
/// </summary>
public static class OrganisationCsvWriter
{
    public const string UnitsFile = "units.csv";
    public const string LineageFile = "unit_lineage.csv";
    public const string PositionsFile = "positions.csv";
    public const string StaffFile = "staff.csv";
    public const string SecondmentsFile = "secondments.csv";
    public const string KpiDefinitionsFile = "kpi_definitions.csv";
    public const string KpiSetsFile = "kpi_sets.csv";

    /// <summary>Separator of the skills of one person inside the <c>skills</c> field.</summary>
    public const char SkillSeparator = ';';

    public static IReadOnlyList<string> UnitColumns { get; } = ["code", "name_vi", "name_en", "kind", "parent_code", "effective_from", "effective_to"];
    public static IReadOnlyList<string> LineageColumns { get; } = ["predecessor_code", "successor_code", "kind", "effective_on"];
    public static IReadOnlyList<string> PositionColumns { get; } = ["code", "name_vi", "name_en", "group", "description"];
    public static IReadOnlyList<string> StaffColumns { get; } = ["code", "full_name", "type", "unit_code", "position_code", "leader", "skills"];
    public static IReadOnlyList<string> SecondmentColumns { get; } = ["staff_code", "to_unit_code", "from", "to"];

    public static IReadOnlyList<string> KpiDefinitionColumns { get; } =
    [
        "code", "version", "name_vi", "name_en", "description", "kind", "formula_ref", "unit_of_measure", "direction",
        "target", "warning_threshold", "critical_threshold", "data_source", "period", "effective_from", "effective_to",
    ];

    public static IReadOnlyList<string> KpiSetColumns { get; } = ["position_code", "version", "effective_from", "kpi_code", "weight_percent"];

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        NewLine = CsvRowWriter.NewLine,
        // CsvHelper only quotes line breaks equal to NewLine once it is set; RFC 4180 wants any CR or LF quoted.
        ShouldQuote = args => CsvRowWriter.NeedsQuotes(args.Field),
        // The same characters and apostrophe as FormulaSafety, from CsvHelper itself.
        InjectionOptions = InjectionOptions.Escape,
    };

    public static void WriteUnits(Stream output, IEnumerable<Unit> units) => Write(output, UnitColumns, units, (csv, u) =>
    {
        csv.WriteField(u.Code);
        csv.WriteField(u.NameVi);
        csv.WriteField(u.NameEn);
        csv.WriteField(u.Kind.Code());
        csv.WriteField(u.ParentCode);
        csv.WriteField(Date(u.EffectiveFrom));
        csv.WriteField(Date(u.EffectiveTo));
    });

    public static void WriteLineage(Stream output, IEnumerable<UnitLineage> lineage) => Write(output, LineageColumns, lineage, (csv, l) =>
    {
        csv.WriteField(l.PredecessorCode);
        csv.WriteField(l.SuccessorCode);
        csv.WriteField(l.Kind.Code());
        csv.WriteField(Date(l.EffectiveOn));
    });

    public static void WritePositions(Stream output, IEnumerable<JobPosition> positions) => Write(output, PositionColumns, positions, (csv, p) =>
    {
        csv.WriteField(p.Code);
        csv.WriteField(p.NameVi);
        csv.WriteField(p.NameEn);
        csv.WriteField(p.Group.Code());
        csv.WriteField(p.Description);
    });

    public static void WriteStaff(Stream output, IEnumerable<StaffMember> staff) => Write(output, StaffColumns, staff, (csv, s) =>
    {
        csv.WriteField(s.Code);
        csv.WriteField(s.FullName);
        csv.WriteField(s.Type.Code());
        csv.WriteField(s.UnitCode);
        csv.WriteField(s.PositionCode);
        csv.WriteField(s.Leader.Code());
        csv.WriteField(string.Join(SkillSeparator, s.Skills));
    });

    /// <summary>One row per secondment; a staff member may have several.</summary>
    public static void WriteSecondments(Stream output, IEnumerable<StaffMember> staff) =>
        Write(output, SecondmentColumns, staff.SelectMany(s => s.Secondments.Select(sec => (Staff: s.Code, Secondment: sec))), (csv, row) =>
        {
            csv.WriteField(row.Staff);
            csv.WriteField(row.Secondment.ToUnitCode);
            csv.WriteField(Date(row.Secondment.From));
            csv.WriteField(Date(row.Secondment.To));
        });

    public static void WriteKpiDefinitions(Stream output, IEnumerable<KpiDefinition> definitions) => Write(output, KpiDefinitionColumns, definitions, (csv, k) =>
    {
        csv.WriteField(k.Code);
        csv.WriteField(k.Version.ToString(CultureInfo.InvariantCulture));
        csv.WriteField(k.NameVi);
        csv.WriteField(k.NameEn);
        csv.WriteField(k.Description);
        csv.WriteField(k.Kind.Code());
        csv.WriteField(k.FormulaRef);
        csv.WriteField(k.UnitOfMeasure);
        csv.WriteField(k.Direction.Code());
        csv.WriteField(Number(k.Target));
        csv.WriteField(Number(k.WarningThreshold));
        csv.WriteField(Number(k.CriticalThreshold));
        csv.WriteField(k.DataSource);
        csv.WriteField(k.Period?.Code());
        csv.WriteField(Date(k.EffectiveFrom));
        csv.WriteField(Date(k.EffectiveTo));
    });

    /// <summary>
    /// One row per KPI of a set version. A version ends where the next version of the same
    /// position starts, so the end date is not repeated on every row.
    /// </summary>
    public static void WriteKpiSets(Stream output, IEnumerable<KpiSet> sets) =>
        Write(output, KpiSetColumns, sets.SelectMany(s => s.Items.Select(i => (Set: s, Item: i))), (csv, row) =>
        {
            csv.WriteField(row.Set.PositionCode);
            csv.WriteField(row.Set.Version.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(Date(row.Set.EffectiveFrom));
            csv.WriteField(row.Item.KpiCode);
            csv.WriteField(Number(row.Item.WeightPercent));
        });

    private static void Write<T>(Stream output, IReadOnlyList<string> columns, IEnumerable<T> rows, Action<CsvWriter, T> writeRow)
    {
        using var text = new StreamWriter(output, CsvRowWriter.Utf8);
        using var csv = new CsvWriter(text, Configuration);
        foreach (var column in columns)
        {
            csv.WriteField(column);
        }

        csv.NextRecord();
        foreach (var row in rows)
        {
            writeRow(csv, row);
            csv.NextRecord();
        }
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);
}
