using System.Text.Json;
using GovKpi.Core.Organisation;
using GovKpi.Data.Files;

namespace GovKpi.Data.Organisation;

/// <summary>The rows of the organisation files of one import, the problems of the rows that could not be read, and warnings (unknown columns).</summary>
public sealed record OrganisationRead(OrganisationRows Rows, IReadOnlyList<OrganisationProblem> Problems, IReadOnlyList<string> Warnings);

/// <summary>
/// Reads the organisation files (<see cref="OrganisationRecords"/>) from CSV (through the contract
/// CSV reader: header in any order, unknown columns warned about, rows located at their physical
/// line), .xlsx (first sheet, header in row 1, located at the sheet's row) or a JSON object with one
/// array per file (located as <c>staff[3]</c>, the item's index).
/// </summary>
public static class OrganisationFileReader
{
    /// <summary>The organisation file of <paramref name="kind"/> in <paramref name="directory"/>: <c>units.csv</c>, else <c>units.xlsx</c>.</summary>
    public static string? Find(string directory, OrganisationRecordKind kind)
    {
        foreach (var extension in (string[])[".csv", ".xlsx"])
        {
            var path = Path.Combine(directory, kind.FileStem() + extension);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    /// <summary>The kind a file name stands for (<c>staff.xlsx</c> → staff), or null for any other file.</summary>
    public static OrganisationRecordKind? KindOf(string fileName)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return extension is ".csv" or ".xlsx" && OrganisationRecordKinds.TryParse(Path.GetFileNameWithoutExtension(fileName), out var kind) ? kind : null;
    }

    public static OrganisationRead ReadDirectory(string directory, SpreadsheetLimits? limits = null)
    {
        var files = new List<(string Name, Stream Content)>();
        try
        {
            foreach (var kind in Enum.GetValues<OrganisationRecordKind>())
            {
                if (Find(directory, kind) is { } path)
                {
                    files.Add((Path.GetFileName(path), File.OpenRead(path)));
                }
            }

            return ReadFiles(files, limits);
        }
        finally
        {
            files.ForEach(f => f.Content.Dispose());
        }
    }

    /// <summary>
    /// Files named after their kind (<c>units.csv</c>, <c>staff.xlsx</c>); the caller disposes the
    /// streams. An .xlsx over <paramref name="limits"/> throws <see cref="Core.Uploads.UploadLimitException"/>:
    /// the whole import is refused, not one row.
    /// </summary>
    public static OrganisationRead ReadFiles(IEnumerable<(string Name, Stream Content)> files, SpreadsheetLimits? limits = null)
    {
        var rows = new RowCollector();
        foreach (var (name, content) in files)
        {
            if (KindOf(name) is not { } kind)
            {
                rows.Warnings.Add($"{name}: not an organisation file, ignored");
                continue;
            }

            var definition = OrganisationRecords.For(kind);
            if (name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            {
                ReadXlsx(content, name, definition, rows, limits ?? SpreadsheetLimits.Default);
            }
            else
            {
                ReadCsv(content, name, definition, rows);
            }
        }

        return rows.ToRead();
    }

    private static void ReadCsv(Stream content, string name, OrganisationFileDefinition definition, RowCollector rows)
    {
        var columns = definition.Columns;
        var diagnostics = new CsvDiagnostics(stopAtFirstError: false, rows.Add, w => rows.Warnings.Add(w.ToString()));
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        rows.Start(definition.Kind);
        foreach (var located in ContractCsv.Read(content, name, diagnostics, columns, row =>
        {
            for (var i = 0; i < columns.Count; i++)
            {
                fields[columns[i].Name] = row.Field(i).ToString();
            }

            var record = definition.Parse(fields, out var problems);
            foreach (var problem in problems)
            {
                row.Problem(IndexOf(columns, problem.Column), problem.Reason);
            }

            return record;
        }))
        {
            rows.Add(definition.Kind, located.Record, new RowSource(name, located.Line));
        }
    }

    private static int IndexOf(IReadOnlyList<ContractColumn> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Name == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"No column {name}.", nameof(name));
    }

    /// <summary>
    /// Streamed within <paramref name="limits"/>; a file over them throws <see cref="Core.Uploads.UploadLimitException"/>,
    /// a damaged one is a problem of the file (at the row where it was found). Each cell becomes the
    /// text its column expects (<see cref="SheetCells.Read"/>); a refused cell is a problem of its row.
    /// </summary>
    private static void ReadXlsx(Stream content, string name, OrganisationFileDefinition definition, RowCollector rows, SpreadsheetLimits limits)
    {
        rows.Start(definition.Kind);
        var line = 1L;
        try
        {
            var header = new Dictionary<int, string>();
            var missing = false;
            foreach (var row in SpreadsheetReader.Rows(content, name, limits))
            {
                line = row.Line;
                if (row.Line == 1)
                {
                    var twice = new List<FieldProblem>();
                    foreach (var (column, text) in SheetCells.Header(row, c => definition.Columns.Any(d => d.Name == c), twice))
                    {
                        if (definition.Columns.Any(c => c.Name == text))
                        {
                            header[column] = text;
                        }
                        else
                        {
                            rows.Warnings.Add($"{name}:1:{text}: warning: unknown column, ignored");
                        }
                    }

                    rows.Problems.AddRange(twice.Select(p => new OrganisationProblem(name, 1, p.Column, p.Reason)));
                    missing = MissingColumns(name, definition, header, rows) || twice.Count > 0;
                    if (missing)
                    {
                        return;
                    }

                    continue;
                }

                if (header.Count == 0 && !missing)
                {
                    missing = MissingColumns(name, definition, header, rows);
                    if (missing)
                    {
                        return;
                    }
                }

                if (row.Cells.Count > 0)
                {
                    var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
                    var refused = new List<FieldProblem>();
                    foreach (var (column, columnName) in header)
                    {
                        var cell = row.Cell(column);
                        // Organisation definitions name their columns but not their value types: the name says what a cell holds.
                        fields[columnName] = cell is { } c ? SheetCells.Read(row, c, SheetCells.ForColumn(columnName), out var refusal) ?? Refuse(refusal!, c) : null;

                        string Refuse(string reason, SheetCell at)
                        {
                            refused.Add(new FieldProblem(columnName, reason));
                            return at.Text;
                        }
                    }

                    rows.Parse(definition, fields, new RowSource(name, row.Line), refused);
                }
            }

            if (header.Count == 0 && !missing)
            {
                MissingColumns(name, definition, header, rows);
            }
        }
        catch (WorkbookException e)
        {
            rows.Problems.Add(new OrganisationProblem(name, e.Line, "(file)", e.Reason));
        }
    }

    private static bool MissingColumns(string name, OrganisationFileDefinition definition, Dictionary<int, string> header, RowCollector rows)
    {
        var missing = definition.Columns.Where(c => c.Required && !header.ContainsValue(c.Name)).ToList();
        foreach (var column in missing)
        {
            rows.Problems.Add(new OrganisationProblem(name, 1, column.Name, "required column is missing from the header"));
        }

        return missing.Count > 0;
    }

    /// <summary>
    /// A JSON object with one array per file kind, named as the files (<c>units</c>, <c>staff</c>…),
    /// each item an object with the CSV column names as properties. A problem is located at
    /// <c>file = staff</c>, <c>line = the item's index</c>.
    /// </summary>
    public static OrganisationRead ReadJson(JsonElement root)
    {
        var rows = new RowCollector();
        if (root.ValueKind != JsonValueKind.Object)
        {
            rows.Problems.Add(new OrganisationProblem("$", 0, "(body)", "expected a JSON object with one array per file kind"));
            return rows.ToRead();
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!OrganisationRecordKinds.TryParse(property.Name, out var kind))
            {
                rows.Warnings.Add($"{property.Name}: not an organisation file kind, ignored");
                continue;
            }

            if (property.Value.ValueKind != JsonValueKind.Array)
            {
                rows.Problems.Add(new OrganisationProblem(property.Name, 0, "(array)", "expected an array of objects"));
                continue;
            }

            var definition = OrganisationRecords.For(kind);
            rows.Start(kind);
            var index = 0;
            foreach (var item in property.Value.EnumerateArray())
            {
                var at = new RowSource(property.Name, index++);
                if (item.ValueKind != JsonValueKind.Object)
                {
                    rows.Problems.Add(new OrganisationProblem(at.File, at.Line, "(item)", "expected an object"));
                    continue;
                }

                rows.Parse(definition, FieldsOf(item), at);
            }
        }

        return rows.ToRead();
    }

    /// <summary>The fields of one JSON object as the definitions read them: texts as they are, numbers and booleans as written, a list joined.</summary>
    public static Dictionary<string, string?> FieldsOf(JsonElement item)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in item.EnumerateObject())
        {
            fields[field.Name] = field.Value.ValueKind switch
            {
                JsonValueKind.String => field.Value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                // skills may come as a list rather than as one ;-separated text.
                JsonValueKind.Array => string.Join(OrganisationCsvWriter.SkillSeparator, field.Value.EnumerateArray().Select(e => e.ToString())),
                _ => field.Value.GetRawText(),
            };
        }

        return fields;
    }

    private sealed class RowCollector
    {
        private readonly List<object>?[] _lists = new List<object>?[Enum.GetValues<OrganisationRecordKind>().Length];

        public List<OrganisationProblem> Problems { get; } = [];
        public List<string> Warnings { get; } = [];

        public void Start(OrganisationRecordKind kind) => _lists[(int)kind] ??= [];

        public void Add(OrganisationRecordKind kind, object record, RowSource at) => _lists[(int)kind]!.Add(Sourced(record, at));

        public void Add(RowError error) => Problems.AddRange(error.Problems.Select(p => new OrganisationProblem(error.File, error.Line, p.Column, p.Reason)));

        /// <summary>Parses a row; cells the workbook reader <paramref name="refused"/> make it invalid, with the problems of its other fields.</summary>
        public void Parse(OrganisationFileDefinition definition, IReadOnlyDictionary<string, string?> fields, RowSource at, IReadOnlyList<FieldProblem>? refused = null)
        {
            var record = definition.Parse(fields, out var problems);
            if (record is null || refused is { Count: > 0 })
            {
                var all = (refused ?? []).Concat(problems.Where(p => refused is null || refused.All(r => r.Column != p.Column)));
                Problems.AddRange(all.Select(p => new OrganisationProblem(at.File, at.Line, p.Column, p.Reason)));
                return;
            }

            Add(definition.Kind, record, at);
        }

        private static object Sourced(object record, RowSource at) => record switch
        {
            Unit u => new SourcedRow<Unit>(u, at),
            UnitLineage l => new SourcedRow<UnitLineage>(l, at),
            JobPosition p => new SourcedRow<JobPosition>(p, at),
            StaffRow s => new SourcedRow<StaffRow>(s, at),
            SecondmentRow s => new SourcedRow<SecondmentRow>(s, at),
            Core.KpiLibrary.KpiDefinition k => new SourcedRow<Core.KpiLibrary.KpiDefinition>(k, at),
            KpiSetRow k => new SourcedRow<KpiSetRow>(k, at),
            AccountRow a => new SourcedRow<AccountRow>(a, at),
            _ => throw new ArgumentException($"Not an organisation record: {record.GetType().Name}", nameof(record)),
        };

        private List<SourcedRow<T>>? Rows<T>(OrganisationRecordKind kind) => _lists[(int)kind]?.Cast<SourcedRow<T>>().ToList();

        public OrganisationRead ToRead() => new(new OrganisationRows
        {
            Units = Rows<Unit>(OrganisationRecordKind.Units),
            Lineage = Rows<UnitLineage>(OrganisationRecordKind.UnitLineage),
            Positions = Rows<JobPosition>(OrganisationRecordKind.Positions),
            Staff = Rows<StaffRow>(OrganisationRecordKind.Staff),
            Secondments = Rows<SecondmentRow>(OrganisationRecordKind.Secondments),
            KpiDefinitions = Rows<Core.KpiLibrary.KpiDefinition>(OrganisationRecordKind.KpiDefinitions),
            KpiSets = Rows<KpiSetRow>(OrganisationRecordKind.KpiSets),
            Accounts = Rows<AccountRow>(OrganisationRecordKind.Accounts),
        }, Problems, Warnings);
    }
}
