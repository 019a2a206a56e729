using System.Security.Cryptography;
using System.Text;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Data.Files;
using GovKpi.Data.Organisation;
using GovKpi.Data.Resources;
using GovKpi.Web.Features.Accounts;

namespace GovKpi.Web.Features.Organisation;

public sealed record AuditEntryResponse(DateTimeOffset At, string Actor, string Source, string Kind, string Code, string? Before, string? After)
{
    public static AuditEntryResponse From(OrganisationAuditEntry e) =>
        new(e.At, e.Actor, e.Source.ToString().ToLowerInvariant(), e.Kind.FileStem(), e.Code, e.Before, e.After);

    public static AuditEntryResponse From(OrganisationAuditRecord e) => new(e.At, e.Actor, e.Source, e.Kind, e.Code, e.Before, e.After);
}

/// <summary>What one administration request changed: the summary per kind and its audit entries (empty when nothing changed).</summary>
public sealed record OrganisationChangeResponse(IReadOnlyList<KindSummaryResponse> Summary, bool Changed, IReadOnlyList<AuditEntryResponse> Audit);

public enum AdminStatus
{
    Done,
    Invalid,
    NotFound,
    Forbidden,
    Conflict,
    /// <summary>The record changed since the version the request names.</summary>
    Stale,
}

/// <summary>The answer to one administration request: the change, the problems keyed by field, or why it was refused.</summary>
public sealed record AdminOutcome(AdminStatus Status, OrganisationChangeResponse? Change = null, IReadOnlyDictionary<string, string[]>? Errors = null, string? Detail = null)
{
    public static readonly AdminOutcome NotFound = new(AdminStatus.NotFound);
    public static readonly AdminOutcome Forbidden = new(AdminStatus.Forbidden);
    public static readonly AdminOutcome Stale = new(AdminStatus.Stale, Detail: "the record was changed by someone else since it was read: read it again");

    public static AdminOutcome Invalid(string field, string reason) => new(AdminStatus.Invalid, Errors: new Dictionary<string, string[]> { [field] = [reason] });
}

/// <summary>
/// HR's changes to units, positions and staff one record at a time. Each request becomes the row
/// of an organisation file (starting from the stored record for an edit) and goes through the
/// same definitions (<see cref="OrganisationRecords"/>) and the same Core plan
/// (<see cref="OrganisationImport"/>) as an import, so the rules and messages are the import's,
/// and the change lands in the organisation audit trail with who, when, before and after. This
/// class only checks the caller's unit scope and maps the request to rows.
/// </summary>
public sealed class OrganisationAdmin(GovKpiDbContext db, TimeProvider clock)
{
    /// <summary>What the admin request's field is called when its row is a lineage edge rather than the unit itself.</summary>
    private static readonly Dictionary<string, string> LineageFields = new(StringComparer.Ordinal)
    {
        ["predecessor_code"] = "code", ["successor_code"] = "successor_code", ["kind"] = "lineage_kind", ["effective_on"] = "effective_to",
    };

    public async Task<AdminOutcome> CreateUnitAsync(IReadOnlyDictionary<string, string?> body, CurrentUser user, OrganisationChangeSource source, CancellationToken ct)
    {
        var (state, scope) = await LoadAsync(user, ct);
        var code = Field(body, "code");
        if (code is not null && state.Units.Any(u => u.Code == code))
        {
            return new AdminOutcome(AdminStatus.Conflict, Detail: $"the unit '{code}' already exists");
        }

        if (!InScopeIfKnown(scope, Field(body, "parent_code")))
        {
            return AdminOutcome.Forbidden;
        }

        return await PlanAndApplyAsync(state, user, source, [Row(OrganisationRecordKind.Units, new Dictionary<string, string?>(body))], ct);
    }

    public async Task<AdminOutcome> EditUnitAsync(string code, IReadOnlyDictionary<string, string?> body, CurrentUser user, OrganisationChangeSource source, string? version, CancellationToken ct)
    {
        var (state, scope) = await LoadAsync(user, ct);
        if (state.Units.FirstOrDefault(u => u.Code == code) is not { } unit)
        {
            return AdminOutcome.NotFound;
        }

        var fields = Overlay(OrganisationRecordFields.Of(unit), body, code);
        if (!scope.Contains(code) || !InScopeIfKnown(scope, fields.GetValueOrDefault("parent_code")))
        {
            return AdminOutcome.Forbidden;
        }

        if (Stale(version, VersionOf(unit)))
        {
            return AdminOutcome.Stale;
        }

        return await PlanAndApplyAsync(state, user, source, [Row(OrganisationRecordKind.Units, fields)], ct);
    }

    /// <summary>Ends a unit on <c>effective_to</c>; with a <c>successor_code</c>, also the lineage edge (<c>lineage_kind</c>: merge, split or rename) from it to its successor.</summary>
    public async Task<AdminOutcome> RetireUnitAsync(string code, IReadOnlyDictionary<string, string?> body, CurrentUser user, OrganisationChangeSource source, string? version, CancellationToken ct)
    {
        var (state, scope) = await LoadAsync(user, ct);
        if (state.Units.FirstOrDefault(u => u.Code == code) is not { } unit)
        {
            return AdminOutcome.NotFound;
        }

        var successor = Field(body, "successor_code");
        if (!scope.Contains(code) || !InScopeIfKnown(scope, successor))
        {
            return AdminOutcome.Forbidden;
        }

        if (Stale(version, VersionOf(unit)))
        {
            return AdminOutcome.Stale;
        }

        var to = Field(body, "effective_to");
        if (to is null)
        {
            return AdminOutcome.Invalid("effective_to", DataText.Get("Record.Required"));
        }

        var fields = OrganisationRecordFields.Of(unit);
        fields["effective_to"] = to;
        List<AdminRow> rows = [Row(OrganisationRecordKind.Units, fields)];
        if (successor is not null || Field(body, "lineage_kind") is not null)
        {
            rows.Add(new AdminRow(OrganisationRecordKind.UnitLineage, new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["predecessor_code"] = code, ["successor_code"] = successor, ["kind"] = Field(body, "lineage_kind"), ["effective_on"] = to,
            }, LineageFields));
        }

        return await PlanAndApplyAsync(state, user, source, rows, ct);
    }

    public async Task<AdminOutcome> CreatePositionAsync(IReadOnlyDictionary<string, string?> body, CurrentUser user, OrganisationChangeSource source, CancellationToken ct)
    {
        var (state, _) = await LoadAsync(user, ct);
        var code = Field(body, "code");
        if (code is not null && state.Positions.Any(p => p.Code == code))
        {
            return new AdminOutcome(AdminStatus.Conflict, Detail: $"the position '{code}' already exists");
        }

        return await PlanAndApplyAsync(state, user, source, [Row(OrganisationRecordKind.Positions, new Dictionary<string, string?>(body))], ct);
    }

    public async Task<AdminOutcome> EditPositionAsync(string code, IReadOnlyDictionary<string, string?> body, CurrentUser user, OrganisationChangeSource source, string? version, CancellationToken ct)
    {
        var (state, _) = await LoadAsync(user, ct);
        if (state.Positions.FirstOrDefault(p => p.Code == code) is not { } position)
        {
            return AdminOutcome.NotFound;
        }

        if (Stale(version, VersionOf(position)))
        {
            return AdminOutcome.Stale;
        }

        return await PlanAndApplyAsync(state, user, source, [Row(OrganisationRecordKind.Positions, Overlay(OrganisationRecordFields.Of(position), body, code))], ct);
    }

    /// <summary>A new staff member in a unit of the caller's scope, placed from <c>effective_from</c> (today when empty).</summary>
    public async Task<AdminOutcome> CreateStaffAsync(IReadOnlyDictionary<string, string?> body, CurrentUser user, OrganisationChangeSource source, CancellationToken ct)
    {
        var (state, scope) = await LoadAsync(user, ct);
        var code = Field(body, "code");
        if (code is not null && state.Staff.Any(s => s.Code == code))
        {
            return new AdminOutcome(AdminStatus.Conflict, Detail: $"the staff member '{code}' already exists");
        }

        if (!InScopeIfKnown(scope, Field(body, "unit_code")))
        {
            return AdminOutcome.Forbidden;
        }

        var fields = new Dictionary<string, string?>(body, StringComparer.Ordinal);
        fields.Remove("effective_to");
        return await PlanAndApplyAsync(state, user, source, [Row(OrganisationRecordKind.Staff, fields)], ct);
    }

    /// <summary>Corrects the person and their latest placement (from the day it started), without a move.</summary>
    public Task<AdminOutcome> EditStaffAsync(string code, IReadOnlyDictionary<string, string?> body, CurrentUser user, OrganisationChangeSource source, string? version, CancellationToken ct) =>
        ChangeStaffAsync(code, user, source, version, fields =>
        {
            var kept = (fields["effective_from"], fields["effective_to"]);
            var result = Overlay(fields, body, code);
            (result["effective_from"], result["effective_to"]) = kept;
            return (result, null);
        }, ct);

    /// <summary>Moves the person to another unit, position or role from <c>effective_from</c>: a new history row; the previous one ends that day.</summary>
    public Task<AdminOutcome> MoveStaffAsync(string code, IReadOnlyDictionary<string, string?> body, CurrentUser user, OrganisationChangeSource source, string? version, CancellationToken ct) =>
        ChangeStaffAsync(code, user, source, version, fields =>
        {
            if (Field(body, "effective_from") is null)
            {
                return (fields, AdminOutcome.Invalid("effective_from", DataText.Get("Record.Required")));
            }

            var result = new Dictionary<string, string?>(fields, StringComparer.Ordinal) { ["effective_to"] = null };
            foreach (var name in (string[])["unit_code", "position_code", "leader", "type", "effective_from"])
            {
                if (body.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value))
                {
                    result[name] = value;
                }
            }

            return (result, null);
        }, ct);

    /// <summary>Records that the person left on <c>effective_to</c> (their latest placement ends that day).</summary>
    public Task<AdminOutcome> RecordDepartureAsync(string code, IReadOnlyDictionary<string, string?> body, CurrentUser user, OrganisationChangeSource source, string? version, CancellationToken ct) =>
        ChangeStaffAsync(code, user, source, version, fields =>
        {
            if (Field(body, "effective_to") is not { } to)
            {
                return (fields, AdminOutcome.Invalid("effective_to", DataText.Get("Record.Required")));
            }

            return (new Dictionary<string, string?>(fields, StringComparer.Ordinal) { ["effective_to"] = to }, null);
        }, ct);

    private async Task<AdminOutcome> ChangeStaffAsync(string code, CurrentUser user, OrganisationChangeSource source, string? version,
        Func<Dictionary<string, string?>, (Dictionary<string, string?> Fields, AdminOutcome? Refused)> change, CancellationToken ct)
    {
        var (state, scope) = await LoadAsync(user, ct);
        if (state.Staff.FirstOrDefault(s => s.Code == code) is not { } member)
        {
            return AdminOutcome.NotFound;
        }

        var latest = state.History.Where(h => h.StaffCode == code).MaxBy(h => h.EffectiveFrom)
            ?? StaffPlacement.AssumedFor(member, state.Units.FirstOrDefault(u => u.Code == member.UnitCode)?.EffectiveFrom ?? DateOnly.MinValue);
        var (fields, refused) = change(OrganisationRecordFields.Of(member, latest));
        if (!scope.Contains(member.UnitCode) || !InScopeIfKnown(scope, fields.GetValueOrDefault("unit_code")))
        {
            return AdminOutcome.Forbidden;
        }

        if (Stale(version, VersionOf(member, latest)))
        {
            return AdminOutcome.Stale;
        }

        return refused ?? await PlanAndApplyAsync(state, user, source, [Row(OrganisationRecordKind.Staff, fields)], ct);
    }

    private async Task<(OrganisationState State, UnitScope Scope)> LoadAsync(CurrentUser user, CancellationToken ct)
    {
        var state = await new OrganisationImporter(db, clock).LoadStateAsync(ct);
        return (state, await UnitScope.LoadAsync(db, user, ct));
    }

    /// <summary>
    /// The version of a stored record as an edit form or an <c>If-Match</c> header carries it: a
    /// change by someone else since it was read answers 409 instead of silently undoing theirs.
    /// </summary>
    public static string VersionOf(Unit unit) => Hash(OrganisationImport.ToJson(unit));

    public static string VersionOf(JobPosition position) => Hash(OrganisationImport.ToJson(position));

    public static string VersionOf(StaffMember member, StaffPlacement latest) => Hash(OrganisationImport.ToJson(member) + OrganisationImport.ToJson(latest));

    private static string Hash(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..16];

    private static bool Stale(string? expected, string current) => expected is not null && expected.Trim().Trim('"') != current;

    /// <summary>An unknown code is let through so that the plan reports it with the import's message.</summary>
    private static bool InScopeIfKnown(UnitScope scope, string? unitCode) =>
        unitCode is null || scope.Tree.Find(unitCode) is null || scope.Contains(unitCode);

    private static string? Field(IReadOnlyDictionary<string, string?> body, string name) =>
        body.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>The stored fields with those the request gives; the code is the one of the address.</summary>
    private static Dictionary<string, string?> Overlay(Dictionary<string, string?> stored, IReadOnlyDictionary<string, string?> body, string code)
    {
        var fields = new Dictionary<string, string?>(stored, StringComparer.Ordinal);
        foreach (var (name, value) in body)
        {
            fields[name] = value;
        }

        fields["code"] = code;
        return fields;
    }

    private sealed record AdminRow(OrganisationRecordKind Kind, Dictionary<string, string?> Fields, IReadOnlyDictionary<string, string>? Names = null)
    {
        public RowSource Source => new(Kind.FileStem(), 0);

        public string Key(string column) => Names?.GetValueOrDefault(column) ?? column;
    }

    private static AdminRow Row(OrganisationRecordKind kind, Dictionary<string, string?> fields) => new(kind, fields);

    private async Task<AdminOutcome> PlanAndApplyAsync(OrganisationState state, CurrentUser user, OrganisationChangeSource source, IReadOnlyList<AdminRow> given, CancellationToken ct)
    {
        var errors = new List<(string Key, string Reason)>();
        var rows = new OrganisationRows();
        foreach (var row in given)
        {
            var record = OrganisationRecords.For(row.Kind).Parse(row.Fields, out var problems);
            errors.AddRange(problems.Select(p => (row.Key(p.Column), p.Reason)));
            rows = record switch
            {
                Unit u => rows with { Units = [new SourcedRow<Unit>(u, row.Source)] },
                UnitLineage l => rows with { Lineage = [new SourcedRow<UnitLineage>(l, row.Source)] },
                JobPosition p => rows with { Positions = [new SourcedRow<JobPosition>(p, row.Source)] },
                StaffRow s => rows with { Staff = [new SourcedRow<StaffRow>(s, row.Source)] },
                _ => rows,
            };
        }

        if (errors.Count == 0)
        {
            var result = OrganisationProblemWords.Word(OrganisationImport.Plan(state, rows, new ImportContext(clock.GetUtcNow(), user.UserName, source)));
            errors.AddRange(result.Problems.Select(p => (given.First(r => r.Source.File == p.File).Key(p.Column), p.Reason)));
            if (result.Plan is { } plan && errors.Count == 0)
            {
                if (plan.ChangesAnything)
                {
                    await new OrganisationImporter(db, clock).ApplyAsync(plan, ct);
                }

                return new AdminOutcome(AdminStatus.Done, new OrganisationChangeResponse(
                    [.. plan.Summary.Select(KindSummaryResponse.From)], plan.ChangesAnything, [.. plan.Audit.Select(AuditEntryResponse.From)]));
            }
        }

        return new AdminOutcome(AdminStatus.Invalid, Errors: errors
            .GroupBy(e => e.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Reason).Distinct().ToArray(), StringComparer.Ordinal));
    }
}
