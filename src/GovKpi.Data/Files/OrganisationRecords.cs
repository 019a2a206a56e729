using System.Globalization;
using GovKpi.Core.Access;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Organisation;
using GovKpi.Data.Resources;

namespace GovKpi.Data.Files;

/// <summary>
/// One organisation file kind (CONTRACTS.md, "Organisation files"; docs/FILES.md): its columns
/// and how a row, given as column name → text, becomes its record or the problems of its fields.
/// The same definition serves the CSV and .xlsx readers, the JSON API and the upload template.
/// </summary>
public sealed class OrganisationFileDefinition
{
    private readonly Func<OrganisationFieldReader, object?> _parse;

    internal OrganisationFileDefinition(OrganisationRecordKind kind, IReadOnlyList<ContractColumn> columns, Func<OrganisationFieldReader, object?> parse)
    {
        Kind = kind;
        Columns = columns;
        _parse = parse;
    }

    public OrganisationRecordKind Kind { get; }

    /// <summary><c>units</c> for units.csv, units.xlsx and the JSON property <c>units</c>.</summary>
    public string FileStem => Kind.FileStem();

    public IReadOnlyList<ContractColumn> Columns { get; }

    /// <summary>The record (<see cref="Unit"/>, <see cref="StaffRow"/>, …), or null with every problem of the row.</summary>
    public object? Parse(IReadOnlyDictionary<string, string?> row, out IReadOnlyList<FieldProblem> problems)
    {
        var reader = new OrganisationFieldReader(row);
        var record = _parse(reader);
        problems = reader.Problems;
        return reader.Problems.Count == 0 ? record : null;
    }
}

public static class OrganisationRecords
{
    private static ContractColumn Yes(string name) => new(name, Required: true);
    private static ContractColumn No(string name) => new(name, Required: false);

    public static OrganisationFileDefinition Units { get; } = new(OrganisationRecordKind.Units,
        [Yes("code"), Yes("name_vi"), No("name_en"), Yes("kind"), No("parent_code"), Yes("effective_from"), No("effective_to")],
        r =>
        {
            var code = r.Code("code");
            var nameVi = r.Text("name_vi", required: true);
            var nameEn = r.Text("name_en", required: false);
            var kind = r.Word("kind", Words<UnitKind>(ContractCodes.Code));
            var parent = r.OptionalCode("parent_code");
            var from = r.Date("effective_from", required: true);
            var to = r.Date("effective_to", required: false);
            return r.Failed ? null : new Unit
            {
                Code = code, NameVi = nameVi!, NameEn = nameEn ?? "", Kind = kind!.Value, ParentCode = parent,
                EffectiveFrom = from!.Value, EffectiveTo = to,
            };
        });

    public static OrganisationFileDefinition Lineage { get; } = new(OrganisationRecordKind.UnitLineage,
        [Yes("predecessor_code"), Yes("successor_code"), Yes("kind"), Yes("effective_on")],
        r =>
        {
            var predecessor = r.Code("predecessor_code");
            var successor = r.Code("successor_code");
            var kind = r.Word("kind", Words<LineageKind>(ContractCodes.Code));
            var on = r.Date("effective_on", required: true);
            return r.Failed ? null : new UnitLineage { PredecessorCode = predecessor, SuccessorCode = successor, Kind = kind!.Value, EffectiveOn = on!.Value };
        });

    public static OrganisationFileDefinition Positions { get; } = new(OrganisationRecordKind.Positions,
        [Yes("code"), Yes("name_vi"), No("name_en"), Yes("group"), No("description")],
        r =>
        {
            var code = r.Code("code");
            var nameVi = r.Text("name_vi", required: true);
            var nameEn = r.Text("name_en", required: false);
            var group = r.Word("group", Words<PositionGroup>(ContractCodes.Code));
            var description = r.Text("description", required: false);
            return r.Failed ? null : new JobPosition { Code = code, NameVi = nameVi!, NameEn = nameEn ?? "", Group = group!.Value, Description = description ?? "" };
        });

    public static OrganisationFileDefinition Staff { get; } = new(OrganisationRecordKind.Staff,
        [
            Yes("code"), Yes("full_name"), Yes("type"), Yes("unit_code"), Yes("position_code"), No("leader"), No("skills"), No("email"),
            No("effective_from"), No("effective_to"),
        ],
        r =>
        {
            var code = r.Code("code");
            var name = r.Text("full_name", required: true);
            var type = r.Word("type", Words<StaffType>(ContractCodes.Code));
            var unit = r.Code("unit_code");
            var position = r.Code("position_code");
            var leader = r.Word("leader", Words<LeaderRole>(ContractCodes.Code), LeaderRole.None);
            var skills = (r.Text("skills", required: false) ?? "")
                .Split(OrganisationCsvWriter.SkillSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var email = r.Email("email");
            var from = r.Date("effective_from", required: false);
            var to = r.Date("effective_to", required: false);
            return r.Failed ? null : new StaffRow
            {
                Member = new StaffMember
                {
                    Code = code, FullName = name!, Type = type!.Value, UnitCode = unit, PositionCode = position, Leader = leader!.Value,
                    Skills = skills, Email = email,
                },
                EffectiveFrom = from,
                EffectiveTo = to,
            };
        });

    public static OrganisationFileDefinition Secondments { get; } = new(OrganisationRecordKind.Secondments,
        // An open-ended secondment (until further notice) has no end: govkpi seed writes such rows.
        [Yes("staff_code"), Yes("to_unit_code"), Yes("from"), No("to")],
        r =>
        {
            var staff = r.Code("staff_code");
            var unit = r.Code("to_unit_code");
            var from = r.Date("from", required: true);
            var to = r.Date("to", required: false);
            return r.Failed ? null : new SecondmentRow(staff, new Secondment { ToUnitCode = unit, From = from!.Value, To = to });
        });

    public static OrganisationFileDefinition KpiDefinitions { get; } = new(OrganisationRecordKind.KpiDefinitions,
        [
            Yes("code"), Yes("version"), Yes("name_vi"), No("name_en"), No("description"), Yes("kind"), No("formula_ref"), No("unit_of_measure"),
            Yes("direction"), No("target"), No("warning_threshold"), No("critical_threshold"), No("data_source"), No("period"),
            Yes("effective_from"), No("effective_to"),
        ],
        r =>
        {
            var code = r.Code("code", RecordDefinitions.IdLength);
            var version = r.WholeNumber("version", 1, 10_000);
            var nameVi = r.Text("name_vi", required: true);
            var nameEn = r.Text("name_en", required: false);
            var description = r.Text("description", required: false);
            var kind = r.Word("kind", Words<KpiKind>(ContractCodes.Code));
            var formula = r.Text("formula_ref", required: false);
            var unit = r.Text("unit_of_measure", required: false);
            var direction = r.Word("direction", Words<KpiDirection>(ContractCodes.Code));
            var target = r.Decimal("target", required: false);
            var warning = r.Decimal("warning_threshold", required: false);
            var critical = r.Decimal("critical_threshold", required: false);
            var source = r.Text("data_source", required: false);
            var period = r.OptionalWord("period", Words<MeasurementPeriod>(ContractCodes.Code));
            var from = r.Date("effective_from", required: true);
            var to = r.Date("effective_to", required: false);
            return r.Failed ? null : new KpiDefinition
            {
                Code = code, Version = version!.Value, NameVi = nameVi!, NameEn = nameEn ?? "", Description = description ?? "", Kind = kind!.Value,
                FormulaRef = formula, UnitOfMeasure = unit ?? "", Direction = direction!.Value, Target = target, WarningThreshold = warning,
                CriticalThreshold = critical, DataSource = source ?? "", Period = period, EffectiveFrom = from!.Value, EffectiveTo = to,
            };
        });

    public static OrganisationFileDefinition KpiSets { get; } = new(OrganisationRecordKind.KpiSets,
        [Yes("position_code"), Yes("version"), Yes("effective_from"), Yes("kpi_code"), Yes("weight_percent")],
        r =>
        {
            var position = r.Code("position_code");
            var version = r.WholeNumber("version", 1, 10_000);
            var from = r.Date("effective_from", required: true);
            var kpi = r.Code("kpi_code", RecordDefinitions.IdLength);
            var weight = r.Decimal("weight_percent", required: true);
            return r.Failed ? null : new KpiSetRow(position, version!.Value, from!.Value, kpi, weight!.Value);
        });

    public static OrganisationFileDefinition Accounts { get; } = new(OrganisationRecordKind.Accounts,
        [Yes("user_name"), Yes("role"), No("staff_code"), No("scope_unit_code"), No("email")],
        r =>
        {
            var user = r.Code("user_name", 100);
            var role = r.Word("role", Enum.GetValues<Role>().ToDictionary(v => v.ToString().ToLowerInvariant(), StringComparer.Ordinal));
            var staff = r.OptionalCode("staff_code");
            var scope = r.OptionalCode("scope_unit_code");
            var email = r.Email("email");
            return r.Failed ? null : new AccountRow(user, role!.Value, staff, scope, email);
        });

    /// <summary>Every kind, in the order an import reads them.</summary>
    public static IReadOnlyList<OrganisationFileDefinition> All { get; } =
        [Units, Lineage, Positions, Staff, Secondments, KpiDefinitions, KpiSets, Accounts];

    public static OrganisationFileDefinition For(OrganisationRecordKind kind) => All[(int)kind];

    private static Dictionary<string, T> Words<T>(Func<T, string> code) where T : struct, Enum =>
        Enum.GetValues<T>().ToDictionary(code, StringComparer.Ordinal);
}

/// <summary>Reads the fields of one row by column name, trimming them and noting every problem.</summary>
internal sealed class OrganisationFieldReader(IReadOnlyDictionary<string, string?> row)
{
    public List<FieldProblem> Problems { get; } = [];

    public bool Failed => Problems.Count > 0;

    private void Problem(string column, string reason) => Problems.Add(new FieldProblem(column, reason));

    public string? Text(string column, bool required)
    {
        var text = row.TryGetValue(column, out var v) ? v?.Trim() : null;
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                Problem(column, DataText.Get("Record.Required"));
            }

            return null;
        }

        if (text.Contains('\uFFFD', StringComparison.Ordinal))
        {
            Problem(column, DataText.Get("Record.NotUtf8"));
            return null;
        }

        return text;
    }

    /// <summary>
    /// A required code; codes are case-sensitive and trimmed (CONTRACTS.md), and follow the
    /// measurement records' id rule (printable, NFC, at most the database column's length: 40 for
    /// units, positions and staff, more where the column is longer, such as a KPI's or a user's).
    /// </summary>
    public string Code(string column, int maxLength = RecordDefinitions.CodeLength) => Identifier(column, Text(column, required: true), maxLength) ?? "";

    public string? OptionalCode(string column) => Identifier(column, Text(column, required: false), RecordDefinitions.CodeLength);

    /// <summary>
    /// Required codes listed in one cell (at least one; a cell of separators only is empty); each
    /// is checked as a code, and a code listed twice is a problem rather than silently merged.
    /// </summary>
    public IReadOnlyList<string> CodeList(string column, char separator)
    {
        var codes = new List<string>();
        var text = Text(column, required: true);
        var parts = (text ?? "").Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (text is not null && parts.Length == 0)
        {
            Problem(column, DataText.Get("Record.Required"));
        }

        foreach (var part in parts)
        {
            if (Identifier(column, part, RecordDefinitions.CodeLength) is { } code)
            {
                if (codes.Contains(code, StringComparer.Ordinal))
                {
                    Problem(column, DataText.Get("Record.ListedTwice", code));
                }
                else
                {
                    codes.Add(code);
                }
            }
        }

        return codes;
    }

    private string? Identifier(string column, string? text, int maxLength)
    {
        if (text is null)
        {
            return null;
        }

        if (RecordRow.IdentifierProblem(text, maxLength, out var normalised) is { } reason)
        {
            Problem(column, reason);
            return null;
        }

        return normalised ?? text;
    }

    public T? Word<T>(string column, IReadOnlyDictionary<string, T> words, T? byDefault = null) where T : struct
    {
        var text = Text(column, required: byDefault is null);
        if (text is null)
        {
            return byDefault;
        }

        if (words.TryGetValue(text, out var value))
        {
            return value;
        }

        Problem(column, DataText.Get("Record.NotOneOf", text, string.Join(", ", words.Keys)));
        return null;
    }

    public T? OptionalWord<T>(string column, IReadOnlyDictionary<string, T> words) where T : struct =>
        Text(column, required: false) is null ? null : Word(column, words);

    public DateOnly? Date(string column, bool required)
    {
        var text = Text(column, required);
        if (text is null)
        {
            return null;
        }

        if (ContractValues.TryParseDate(text, out var value, out var reason))
        {
            return value;
        }

        Problem(column, reason!);
        return null;
    }

    public int? WholeNumber(string column, int minimum, int maximum)
    {
        var text = Text(column, required: true);
        if (text is null)
        {
            return null;
        }

        if (ContractValues.TryParseWholeNumber(text, minimum, maximum, out var value, out var reason))
        {
            return value;
        }

        Problem(column, reason!);
        return null;
    }

    /// <summary>A decimal written with <c>.</c> (CONTRACTS.md), no thousands separator.</summary>
    public decimal? Decimal(string column, bool required)
    {
        var text = Text(column, required);
        if (text is null)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Problem(column, DataText.Get("Record.NotADecimal", text));
        return null;
    }

    public string? Email(string column)
    {
        var text = Text(column, required: false);
        if (text is null)
        {
            return null;
        }

        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == text.Length - 1 || text.AsSpan().ContainsAny(" ,;<>") || text.IndexOf('@', at + 1) >= 0)
        {
            Problem(column, DataText.Get("Record.NotAnEmail", text));
            return null;
        }

        return text;
    }
}
