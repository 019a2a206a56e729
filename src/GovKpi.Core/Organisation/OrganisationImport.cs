using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using GovKpi.Core.Access;
using GovKpi.Core.KpiLibrary;

namespace GovKpi.Core.Organisation;

/// <summary>Who imports, when and from where; <see cref="Today"/> is the default <c>effective_from</c> of a staff row.</summary>
public sealed record ImportContext(DateTimeOffset Now, string Actor, OrganisationChangeSource Source)
{
    public DateOnly Today => DateOnly.FromDateTime(Now.ToOffset(VietnamTime.Offset).DateTime);
}

/// <summary>What an import writes, with a summary per kind and one audit entry per changed record.</summary>
public sealed record OrganisationImportPlan
{
    public required IReadOnlyList<KindSummary> Summary { get; init; }
    public required RecordWrites<Unit> Units { get; init; }
    public required RecordWrites<UnitLineage> Lineage { get; init; }
    public required RecordWrites<JobPosition> Positions { get; init; }
    public required RecordWrites<StaffMember> Staff { get; init; }
    public required RecordWrites<StaffPlacement> History { get; init; }
    public required RecordWrites<KpiDefinition> KpiDefinitions { get; init; }
    public required RecordWrites<KpiSet> KpiSets { get; init; }
    public required RecordWrites<AccountEntry> Accounts { get; init; }
    public required IReadOnlyList<OrganisationAuditEntry> Audit { get; init; }

    public bool ChangesAnything => Audit.Count > 0;
}

/// <summary>Either every problem of the files, or the plan to apply.</summary>
public sealed record OrganisationImportResult(IReadOnlyList<OrganisationProblem> Problems, OrganisationImportPlan? Plan)
{
    public bool IsValid => Plan is not null;
}

/// <summary>
/// Decides what the organisation files of one import change. The files are read together
/// against what is stored: a row may refer to a code that another file of the same import adds.
/// Nothing is applied when any row is wrong (all or nothing). A record the files do not mention
/// stays as it is; a record given again unchanged is counted as unchanged, so importing the same
/// files twice changes nothing. A staff member's move adds a dated row to their history and ends
/// the previous one rather than overwriting it.
/// </summary>
public static class OrganisationImport
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new NormalisedDecimal() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>A record as the audit stores it.</summary>
    public static string ToJson<T>(T record) => JsonSerializer.Serialize(record, Json);

    /// <summary>
    /// Problems without repeats, files in dependency order (so the first message is about the cause
    /// rather than its consequences), then by line; the problems of one row stay in column order.
    /// </summary>
    public static IReadOnlyList<OrganisationProblem> Ordered(IEnumerable<OrganisationProblem> problems) =>
        [.. problems.Distinct().OrderBy(p => Order(p.File)).ThenBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line)];

    private static int Order(string file)
    {
        var stem = Path.GetFileNameWithoutExtension(file);
        return OrganisationRecordKinds.TryParse(stem, out var kind) ? (int)kind : int.MaxValue;
    }

    public static OrganisationImportResult Plan(OrganisationState current, OrganisationRows rows, ImportContext context) =>
        new Planner(current, rows, context).Run();

    /// <summary>95 and 95.000000 (as a database gives it back) are the same target, so they must compare equal.</summary>
    private sealed class NormalisedDecimal : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value / 1.0000000000000000000000000000m);
    }

    private sealed class Tally
    {
        public int Added, Changed, Retired, Unchanged;
    }

    private sealed class Writes<T>
    {
        public List<T> Added { get; } = [];
        public List<T> Updated { get; } = [];

        public RecordWrites<T> ToRecord() => new(Added, Updated);
    }

    /// <summary>What the audit shows of a person: the staff row and the placement the import leaves as latest.</summary>
    private sealed record StaffSnapshot(StaffMember Member, StaffPlacement? Placement);

    private sealed class Planner(OrganisationState current, OrganisationRows rows, ImportContext context)
    {
        private readonly List<OrganisationProblem> _problems = [];
        private readonly List<OrganisationAuditEntry> _audit = [];
        private readonly Dictionary<OrganisationRecordKind, Tally> _tallies = [];

        private readonly Dictionary<string, Unit> _units = current.Units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        private readonly Dictionary<string, JobPosition> _positions = current.Positions.ToDictionary(p => p.Code, StringComparer.Ordinal);
        private readonly Dictionary<string, StaffMember> _staff = current.Staff.ToDictionary(s => s.Code, StringComparer.Ordinal);
        private readonly HashSet<string> _kpiCodes = current.KpiDefinitions.Select(k => k.Code).ToHashSet(StringComparer.Ordinal);

        public OrganisationImportResult Run()
        {
            // Final codes first, so that every file is checked against the whole import.
            foreach (var row in FirstOfEachKey(rows.Units, u => u.Code))
            {
                _units[row.Code] = row;
            }

            foreach (var row in FirstOfEachKey(rows.Positions, p => p.Code))
            {
                _positions[row.Code] = row;
            }

            foreach (var row in FirstOfEachKey(rows.Staff, s => s.Member.Code))
            {
                _staff[row.Member.Code] = row.Member;
            }

            foreach (var row in rows.KpiDefinitions ?? [])
            {
                _kpiCodes.Add(row.Row.Code);
            }

            // Every file given gets a line in the summary, even when all its rows are unchanged.
            foreach (var kind in Given())
            {
                TallyOf(kind);
            }

            CheckUnits();
            CheckLineage();
            Duplicates(rows.Positions, p => p.Code, "code");
            CheckStaff();
            CheckSecondments();
            CheckKpiDefinitions();
            CheckKpiSets();
            CheckAccounts();
            if (_problems.Count > 0)
            {
                return Failed();
            }

            var units = PlanSimple(OrganisationRecordKind.Units, rows.Units, current.Units, u => u.Code, u => u.Code,
                (before, after) => before.EffectiveTo is null && after.EffectiveTo is not null);
            var lineage = PlanSimple(OrganisationRecordKind.UnitLineage, rows.Lineage, current.Lineage, LineageKey, LineageKey, null);
            var positions = PlanSimple(OrganisationRecordKind.Positions, rows.Positions, current.Positions, p => p.Code, p => p.Code, null);
            var (staff, history) = PlanStaff();
            var definitions = PlanSimple(OrganisationRecordKind.KpiDefinitions, rows.KpiDefinitions, current.KpiDefinitions,
                k => (k.Code, k.Version), k => $"{k.Code} v{k.Version.ToString(CultureInfo.InvariantCulture)}", null);
            var sets = PlanKpiSets();
            var accounts = PlanAccounts();
            if (_problems.Count > 0)
            {
                return Failed();
            }

            var summary = Enum.GetValues<OrganisationRecordKind>()
                .Where(k => _tallies.ContainsKey(k))
                .Select(k => new KindSummary(k, _tallies[k].Added, _tallies[k].Changed, _tallies[k].Retired, _tallies[k].Unchanged))
                .ToList();
            return new OrganisationImportResult([], new OrganisationImportPlan
            {
                Summary = summary,
                Units = units,
                Lineage = lineage,
                Positions = positions,
                Staff = staff,
                History = history,
                KpiDefinitions = definitions,
                KpiSets = sets,
                Accounts = accounts,
                Audit = _audit,
            });
        }

        private IEnumerable<OrganisationRecordKind> Given()
        {
            object?[] lists = [rows.Units, rows.Lineage, rows.Positions, rows.Staff, rows.Secondments, rows.KpiDefinitions, rows.KpiSets, rows.Accounts];
            return Enum.GetValues<OrganisationRecordKind>().Where(k => lists[(int)k] is not null);
        }

        private OrganisationImportResult Failed() => new(Ordered(_problems), null);

        private void Problem(RowSource at, string column, string key, params string[] args) => _problems.Add(OrganisationProblem.Coded(at.File, at.Line, column, key, args));

        private Tally TallyOf(OrganisationRecordKind kind)
        {
            if (!_tallies.TryGetValue(kind, out var tally))
            {
                _tallies[kind] = tally = new Tally();
            }

            return tally;
        }

        private static string LineageKey(UnitLineage l) => $"{l.PredecessorCode}→{l.SuccessorCode}";

        private static IEnumerable<T> FirstOfEachKey<T, TKey>(IReadOnlyList<SourcedRow<T>>? list, Func<T, TKey> key) where TKey : notnull
        {
            var seen = new HashSet<TKey>();
            return (list ?? []).Select(r => r.Row).Where(r => seen.Add(key(r)));
        }

        private void Duplicates<T, TKey>(IReadOnlyList<SourcedRow<T>>? list, Func<T, TKey> key, string column, Func<TKey, string>? describe = null)
            where TKey : notnull
        {
            var first = new Dictionary<TKey, long>();
            foreach (var row in list ?? [])
            {
                var k = key(row.Row);
                if (!first.TryAdd(k, row.Source.Line))
                {
                    var what = describe?.Invoke(k) ?? $"'{k}'";
                    Problem(row.Source, column, "Duplicate", what, first[k].ToString(CultureInfo.InvariantCulture));
                }
            }
        }

        private void CheckUnits()
        {
            Duplicates(rows.Units, u => u.Code, "code");
            var given = rows.Units ?? [];
            foreach (var (unit, at) in given)
            {
                if (unit.Kind == UnitKind.Province && unit.ParentCode is not null)
                {
                    Problem(at, "parent_code", "ProvinceHasParent");
                }
                else if (unit.Kind != UnitKind.Province && unit.ParentCode is null)
                {
                    Problem(at, "parent_code", "ParentRequired");
                }
                else if (unit.ParentCode is { } parent && !_units.ContainsKey(parent))
                {
                    Problem(at, "parent_code", "UnknownParent", parent);
                }
                else if (unit.ParentCode == unit.Code)
                {
                    Problem(at, "parent_code", "OwnParent");
                }

                if (unit.EffectiveTo <= unit.EffectiveFrom)
                {
                    Problem(at, "effective_to", "AfterEffectiveFrom", Day(unit.EffectiveFrom));
                }
            }

            var provinces = _units.Values.Where(u => u.Kind == UnitKind.Province).Select(u => u.Code).OrderBy(c => c, StringComparer.Ordinal).ToList();
            if (provinces.Count > 1)
            {
                foreach (var (_, at) in given.Where(r => r.Row.Kind == UnitKind.Province))
                {
                    Problem(at, "kind", "OneProvince", provinces.Count.ToString(CultureInfo.InvariantCulture), string.Join(", ", provinces));
                }
            }
            else if (provinces.Count == 0 && _units.Count > 0 && rows.Units is not null)
            {
                Problem(given.Count > 0 ? given[0].Source with { Line = 1 } : new RowSource("units.csv", 1), "kind",
                    "NoProvince");
            }

            // A cycle cannot reach the province, which has no parent: walk up from each given unit.
            var reported = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (unit, at) in given)
            {
                var path = new List<string> { unit.Code };
                var seen = new HashSet<string>(StringComparer.Ordinal) { unit.Code };
                for (var parent = unit.ParentCode; parent is not null && _units.TryGetValue(parent, out var next); parent = next.ParentCode)
                {
                    path.Add(parent);
                    if (!seen.Add(parent))
                    {
                        if (parent == unit.Code && reported.Add(unit.Code))
                        {
                            Problem(at, "parent_code", "ParentCycle", string.Join(" → ", path));
                        }

                        break;
                    }
                }
            }
        }

        private void CheckLineage()
        {
            Duplicates(rows.Lineage, l => (l.PredecessorCode, l.SuccessorCode), "successor_code",
                k => $"{k.PredecessorCode} → {k.SuccessorCode}");
            foreach (var (edge, at) in rows.Lineage ?? [])
            {
                if (!_units.ContainsKey(edge.PredecessorCode))
                {
                    Problem(at, "predecessor_code", "UnknownUnit", edge.PredecessorCode);
                }

                if (!_units.ContainsKey(edge.SuccessorCode))
                {
                    Problem(at, "successor_code", "UnknownUnit", edge.SuccessorCode);
                }
                else if (edge.SuccessorCode == edge.PredecessorCode)
                {
                    Problem(at, "successor_code", "OwnSuccessor");
                }
            }
        }

        private void CheckStaff()
        {
            Duplicates(rows.Staff, s => s.Member.Code, "code");
            foreach (var (row, at) in rows.Staff ?? [])
            {
                CheckPlace(at, row.Member.UnitCode, row.Member.PositionCode);
                if (row.EffectiveTo is { } to && row.EffectiveFrom is { } from && to <= from)
                {
                    Problem(at, "effective_to", "AfterEffectiveFrom", Day(from));
                }
            }
        }

        private void CheckPlace(RowSource at, string unit, string position)
        {
            if (!_units.ContainsKey(unit))
            {
                Problem(at, "unit_code", "UnknownUnit", unit);
            }

            if (!_positions.ContainsKey(position))
            {
                Problem(at, "position_code", "UnknownPosition", position);
            }
        }

        private void CheckSecondments()
        {
            Duplicates(rows.Secondments, s => (s.StaffCode, s.Secondment.ToUnitCode, s.Secondment.From), "from",
                k => $"{k.StaffCode} → {k.ToUnitCode} {Day(k.From)}");
            foreach (var (row, at) in rows.Secondments ?? [])
            {
                if (!_staff.ContainsKey(row.StaffCode))
                {
                    Problem(at, "staff_code", "UnknownStaff", row.StaffCode);
                }

                if (!_units.ContainsKey(row.Secondment.ToUnitCode))
                {
                    Problem(at, "to_unit_code", "UnknownUnit", row.Secondment.ToUnitCode);
                }

                if (row.Secondment.To <= row.Secondment.From)
                {
                    Problem(at, "to", "AfterFrom", Day(row.Secondment.From));
                }
            }
        }

        private void CheckKpiDefinitions()
        {
            Duplicates(rows.KpiDefinitions, k => (k.Code, k.Version), "version", k => $"{k.Code} v{k.Version.ToString(CultureInfo.InvariantCulture)}");
            foreach (var (definition, at) in rows.KpiDefinitions ?? [])
            {
                if (definition.EffectiveTo <= definition.EffectiveFrom)
                {
                    Problem(at, "effective_to", "AfterEffectiveFrom", Day(definition.EffectiveFrom));
                }
            }
        }

        private void CheckKpiSets()
        {
            foreach (var group in (rows.KpiSets ?? []).GroupBy(r => (r.Row.PositionCode, r.Row.Version)))
            {
                var first = group.First();
                if (!_positions.ContainsKey(first.Row.PositionCode))
                {
                    Problem(first.Source, "position_code", "UnknownPosition", first.Row.PositionCode);
                }

                var seen = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var (row, at) in group)
                {
                    if (!_kpiCodes.Contains(row.KpiCode))
                    {
                        Problem(at, "kpi_code", "UnknownKpi", row.KpiCode);
                    }
                    else if (!seen.TryAdd(row.KpiCode, at.Line))
                    {
                        Problem(at, "kpi_code", "DuplicateInSet", row.KpiCode, seen[row.KpiCode].ToString(CultureInfo.InvariantCulture));
                    }

                    if (row.EffectiveFrom != first.Row.EffectiveFrom)
                    {
                        Problem(at, "effective_from", "SetVersionStart", row.Version.ToString(CultureInfo.InvariantCulture), row.PositionCode, Day(first.Row.EffectiveFrom), first.Source.Line.ToString(CultureInfo.InvariantCulture));
                    }

                    if (row.WeightPercent <= 0)
                    {
                        Problem(at, "weight_percent", "WeightPositive");
                    }
                }

                var sum = group.Sum(r => r.Row.WeightPercent);
                if (sum != 100)
                {
                    Problem(first.Source, "weight_percent",
                        "WeightSum", first.Row.Version.ToString(CultureInfo.InvariantCulture), first.Row.PositionCode, sum.ToString(CultureInfo.InvariantCulture));
                }
            }
        }

        private void CheckAccounts()
        {
            Duplicates(rows.Accounts, a => a.UserName, "user_name");
            foreach (var (account, at) in rows.Accounts ?? [])
            {
                if (account.StaffCode is null && account.Role is Role.Manager or Role.Staff)
                {
                    Problem(at, "staff_code", "StaffRequiredForRole", account.Role.ToString().ToLowerInvariant());
                }
                else if (account.StaffCode is { } staff && !_staff.ContainsKey(staff))
                {
                    Problem(at, "staff_code", "UnknownStaff", staff);
                }

                if (account.ScopeUnitCode is { } scope && !_units.ContainsKey(scope))
                {
                    Problem(at, "scope_unit_code", "UnknownUnit", scope);
                }
            }
        }

        private RecordWrites<T> PlanSimple<T, TKey>(OrganisationRecordKind kind, IReadOnlyList<SourcedRow<T>>? given, IEnumerable<T> stored,
            Func<T, TKey> key, Func<T, string> code, Func<T, T, bool>? retires) where TKey : notnull
        {
            var writes = new Writes<T>();
            if (given is null)
            {
                return writes.ToRecord();
            }

            var existing = stored.ToDictionary(key);
            foreach (var (row, _) in given)
            {
                Record(kind, code(row), existing.GetValueOrDefault(key(row)), row, writes, retires);
            }

            return writes.ToRecord();
        }

        /// <summary>Compares by the audit's JSON, which also compares the lists inside records by content.</summary>
        private void Record<T>(OrganisationRecordKind kind, string code, T? before, T after, Writes<T> writes, Func<T, T, bool>? retires)
        {
            var tally = TallyOf(kind);
            var afterJson = ToJson(after);
            if (before is null)
            {
                writes.Added.Add(after);
                tally.Added++;
                Audit(kind, code, null, afterJson);
                return;
            }

            var beforeJson = ToJson(before);
            if (beforeJson == afterJson)
            {
                tally.Unchanged++;
                return;
            }

            writes.Updated.Add(after);
            if (retires?.Invoke(before, after) == true)
            {
                tally.Retired++;
            }
            else
            {
                tally.Changed++;
            }

            Audit(kind, code, beforeJson, afterJson);
        }

        private void Audit(OrganisationRecordKind kind, string code, string? before, string? after) =>
            _audit.Add(new OrganisationAuditEntry(context.Now, context.Actor, context.Source, kind, code, before, after));

        private (RecordWrites<StaffMember> Staff, RecordWrites<StaffPlacement> History) PlanStaff()
        {
            var stored = current.Staff.ToDictionary(s => s.Code, StringComparer.Ordinal);
            var history = current.History.GroupBy(h => h.StaffCode, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.OrderBy(h => h.EffectiveFrom).ToList(), StringComparer.Ordinal);
            var final = new Dictionary<string, StaffMember>(stored, StringComparer.Ordinal);
            var placements = new Writes<StaffPlacement>();

            if (rows.Staff is not null)
            {
                var tally = TallyOf(OrganisationRecordKind.Staff);
                foreach (var (row, at) in rows.Staff)
                {
                    var code = row.Member.Code;
                    var target = new StaffPlacement
                    {
                        StaffCode = code,
                        EffectiveFrom = row.EffectiveFrom ?? context.Today,
                        EffectiveTo = row.EffectiveTo,
                        UnitCode = row.Member.UnitCode,
                        PositionCode = row.Member.PositionCode,
                        Type = row.Member.Type,
                        Leader = row.Member.Leader,
                    };
                    if (!stored.TryGetValue(code, out var before))
                    {
                        if (target.EffectiveTo <= target.EffectiveFrom)
                        {
                            Problem(at, "effective_to", "AfterEffectiveFromOrToday", Day(target.EffectiveFrom));
                            continue;
                        }

                        final[code] = row.Member;
                        placements.Added.Add(target);
                        tally.Added++;
                        Audit(OrganisationRecordKind.Staff, code, null, ToJson(new StaffSnapshot(row.Member, target)));
                        continue;
                    }

                    var storedLatest = history.GetValueOrDefault(code)?.LastOrDefault();
                    // Staff loaded before histories existed have none: their placement counts from their unit's start.
                    var latest = storedLatest ?? Assumed(before);
                    var (changedLatest, added) = Move(at, row, latest, target);
                    var after = before with
                    {
                        FullName = row.Member.FullName,
                        Type = row.Member.Type,
                        UnitCode = (added ?? changedLatest ?? latest).UnitCode,
                        PositionCode = (added ?? changedLatest ?? latest).PositionCode,
                        Leader = (added ?? changedLatest ?? latest).Leader,
                        Skills = row.Member.Skills,
                        Email = row.Member.Email,
                    };
                    final[code] = after;
                    var memberChanged = ToJson(before) != ToJson(after);
                    if (changedLatest is null && added is null && !memberChanged)
                    {
                        tally.Unchanged++;
                        continue;
                    }

                    if (changedLatest is not null)
                    {
                        (storedLatest is null ? placements.Added : placements.Updated).Add(changedLatest);
                    }
                    else if (added is not null && storedLatest is null)
                    {
                        placements.Added.Add(latest);
                    }

                    if (added is not null)
                    {
                        placements.Added.Add(added);
                    }

                    var now = added ?? changedLatest ?? latest;
                    if (latest.EffectiveTo is null && now.EffectiveTo is not null)
                    {
                        tally.Retired++;
                    }
                    else
                    {
                        tally.Changed++;
                    }

                    Audit(OrganisationRecordKind.Staff, code, ToJson(new StaffSnapshot(before, latest)), ToJson(new StaffSnapshot(after, now)));
                }
            }

            PlanSecondments(final);
            var members = new Writes<StaffMember>();
            foreach (var (code, member) in final)
            {
                if (!stored.TryGetValue(code, out var before))
                {
                    members.Added.Add(member);
                }
                else if (ToJson(before) != ToJson(member))
                {
                    members.Updated.Add(member);
                }
            }

            return (members.ToRecord(), placements.ToRecord());
        }

        private StaffPlacement Assumed(StaffMember member) =>
            StaffPlacement.AssumedFor(member, _units.TryGetValue(member.UnitCode, out var unit) ? unit.EffectiveFrom : context.Today);

        /// <summary>
        /// How a staff row changes the person's latest placement: the same place only sets or
        /// clears the leaving date; another place from a later date ends the latest placement
        /// there and adds a new one; from the same date it corrects the latest placement. History
        /// before the latest placement is never rewritten by a file.
        /// </summary>
        private (StaffPlacement? ChangedLatest, StaffPlacement? Added) Move(RowSource at, StaffRow row, StaffPlacement latest, StaffPlacement target)
        {
            if (latest.SamePlaceAs(target))
            {
                if (latest.EffectiveTo == row.EffectiveTo)
                {
                    return (null, null);
                }

                if (row.EffectiveTo <= latest.EffectiveFrom)
                {
                    Problem(at, "effective_to", "AfterPlacementStart", Day(latest.EffectiveFrom));
                    return (null, null);
                }

                return (latest with { EffectiveTo = row.EffectiveTo }, null);
            }

            if (target.EffectiveFrom > latest.EffectiveFrom)
            {
                // Someone who had left keeps their leaving date; the new placement starts a new stretch.
                var closed = latest.EffectiveTo is { } left && left <= target.EffectiveFrom ? null : latest with { EffectiveTo = target.EffectiveFrom };
                return (closed, target);
            }

            if (target.EffectiveFrom == latest.EffectiveFrom)
            {
                return (target, null);
            }

            Problem(at, "effective_from",
                "MoveBeforePlacement", latest.StaffCode, latest.UnitCode, latest.PositionCode, Day(latest.EffectiveFrom));
            return (null, null);
        }

        private void PlanSecondments(Dictionary<string, StaffMember> final)
        {
            if (rows.Secondments is null)
            {
                return;
            }

            var tally = TallyOf(OrganisationRecordKind.Secondments);
            foreach (var (row, _) in rows.Secondments)
            {
                var member = final[row.StaffCode];
                var list = member.Secondments.ToList();
                var index = list.FindIndex(s => s.ToUnitCode == row.Secondment.ToUnitCode && s.From == row.Secondment.From);
                var code = $"{row.StaffCode}→{row.Secondment.ToUnitCode} {Day(row.Secondment.From)}";
                if (index < 0)
                {
                    list.Add(row.Secondment);
                    tally.Added++;
                    Audit(OrganisationRecordKind.Secondments, code, null, ToJson(row));
                }
                else if (list[index] == row.Secondment)
                {
                    tally.Unchanged++;
                    continue;
                }
                else
                {
                    Audit(OrganisationRecordKind.Secondments, code, ToJson(row with { Secondment = list[index] }), ToJson(row));
                    list[index] = row.Secondment;
                    tally.Changed++;
                }

                final[row.StaffCode] = member with { Secondments = [.. list.OrderBy(s => s.From).ThenBy(s => s.ToUnitCode, StringComparer.Ordinal)] };
            }
        }

        private RecordWrites<KpiSet> PlanKpiSets()
        {
            var writes = new Writes<KpiSet>();
            if (rows.KpiSets is null)
            {
                return writes.ToRecord();
            }

            var stored = current.KpiSets.ToDictionary(s => (s.PositionCode, s.Version));
            var final = new Dictionary<(string, int), KpiSet>(stored);
            var given = new HashSet<(string, int)>();
            foreach (var group in rows.KpiSets.GroupBy(r => (r.Row.PositionCode, r.Row.Version)))
            {
                var old = stored.GetValueOrDefault(group.Key);
                var first = group.First().Row;
                final[group.Key] = new KpiSet
                {
                    PositionCode = first.PositionCode,
                    Version = first.Version,
                    EffectiveFrom = first.EffectiveFrom,
                    EffectiveTo = old?.EffectiveTo,
                    Note = old?.Note ?? "",
                    Items = [.. group.Select(r => new KpiSetItem
                    {
                        KpiCode = r.Row.KpiCode,
                        WeightPercent = r.Row.WeightPercent,
                        TargetOverride = old?.Items.FirstOrDefault(i => i.KpiCode == r.Row.KpiCode)?.TargetOverride,
                    })],
                };
                given.Add(group.Key);
            }

            // A version ends where the next version of the same position starts.
            foreach (var position in given.Select(k => k.Item1).Distinct())
            {
                var versions = final.Values.Where(s => s.PositionCode == position).OrderBy(s => s.Version).ToList();
                for (var i = 0; i < versions.Count; i++)
                {
                    var set = versions[i];
                    if (i + 1 < versions.Count)
                    {
                        var next = versions[i + 1];
                        if (next.EffectiveFrom <= set.EffectiveFrom && given.Contains((position, next.Version)))
                        {
                            var at = rows.KpiSets.First(r => r.Row.PositionCode == position && r.Row.Version == next.Version).Source;
                            Problem(at, "effective_from", "AfterSetVersionStart", Day(set.EffectiveFrom), set.Version.ToString(CultureInfo.InvariantCulture), position);
                        }

                        set = set with { EffectiveTo = next.EffectiveFrom };
                    }

                    // A stored version the files do not give is written only when a new version closes it.
                    var key = (position, set.Version);
                    if (given.Contains(key) || ToJson(set) != ToJson(stored[key]))
                    {
                        Record(OrganisationRecordKind.KpiSets, $"{position} v{set.Version.ToString(CultureInfo.InvariantCulture)}",
                            stored.GetValueOrDefault(key), set, writes, null);
                    }
                }
            }

            return writes.ToRecord();
        }

        private RecordWrites<AccountEntry> PlanAccounts()
        {
            var writes = new Writes<AccountEntry>();
            if (rows.Accounts is null)
            {
                return writes.ToRecord();
            }

            var province = _units.Values.FirstOrDefault(u => u.Kind == UnitKind.Province)?.Code;
            var stored = current.Accounts.ToDictionary(a => a.UserName, StringComparer.Ordinal);
            foreach (var (row, at) in rows.Accounts)
            {
                var staff = row.StaffCode is null ? null : _staff.GetValueOrDefault(row.StaffCode);
                var scope = row.ScopeUnitCode
                    ?? (row.Role is Role.Manager or Role.Staff ? staff?.UnitCode : null)
                    ?? (row.Role is Role.Hr or Role.Leader or Role.Auditor || staff is null ? province : staff.UnitCode);
                if (scope is null)
                {
                    Problem(at, "scope_unit_code", "NoProvinceForScope");
                    continue;
                }

                var entry = new AccountEntry
                {
                    UserName = row.UserName,
                    DisplayName = staff?.FullName ?? row.UserName,
                    Role = row.Role,
                    ScopeUnitCode = scope,
                    StaffCode = row.StaffCode,
                };
                Record(OrganisationRecordKind.Accounts, row.UserName, stored.GetValueOrDefault(row.UserName), entry, writes, null);
            }

            return writes.ToRecord();
        }

        private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
