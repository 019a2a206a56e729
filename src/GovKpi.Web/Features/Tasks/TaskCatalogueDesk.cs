using System.Globalization;
using GovKpi.Core.Tasks;
using GovKpi.Data;
using GovKpi.Data.Files;
using GovKpi.Data.Tasks;
using GovKpi.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Tasks;

/// <summary>
/// A task type as HR sends it: group is A, B, C or D; effectiveFrom is yyyy-MM-dd; approvedBy is
/// required for group C. For a new version the code comes from the address.
/// </summary>
public sealed record TaskTypeRequest(string? Code, string? AgencyCode, string? Group, string? Name, string? UnitOfOutput,
    decimal? ConversionFactor, decimal? Difficulty, string? EffectiveFrom, string? ApprovedBy);

/// <summary>One version of a task type; standardProductsPerUnit = conversionFactor × difficulty.</summary>
public sealed record TaskTypeResponse(string Code, string AgencyCode, string Group, string Name, string UnitOfOutput,
    decimal ConversionFactor, decimal Difficulty, decimal StandardProductsPerUnit, int Version, DateOnly EffectiveFrom, DateOnly? EffectiveTo,
    string? ApprovedBy)
{
    public static TaskTypeResponse Of(TaskType t) => new(t.Code, t.AgencyCode, t.Group.ToString(), t.Name, t.UnitOfOutput,
        t.ConversionFactor, t.Difficulty, t.Coefficient, t.Version, t.EffectiveFrom, t.EffectiveTo, t.ApprovedBy);
}

public enum CatalogueRefusal
{
    None,
    Invalid,
    Forbidden,
    NotFound,
    Duplicate,
}

/// <summary>
/// The task catalogue of each agency and of the province: HR adds types and versions of the
/// agencies in their scope; everyone reads the catalogues that apply to their units.
/// </summary>
public sealed class TaskCatalogueDesk(GovKpiDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    /// <summary>
    /// The catalogues a person may read: those of the units in scope and of the units above them,
    /// whose catalogues (the agency's, the province's) apply to the person's own work.
    /// </summary>
    public static IReadOnlySet<string> ReadableAgencies(UnitScope scope, string scopeUnitCode)
    {
        var codes = new HashSet<string>(scope.Codes, StringComparer.Ordinal);
        codes.UnionWith(scope.Tree.PathTo(scopeUnitCode).Select(u => u.Code));
        return codes;
    }

    /// <summary>Every version readable in <paramref name="agencies"/>, or only those in force on <paramref name="on"/>.</summary>
    public async Task<IReadOnlyList<TaskTypeResponse>> ListAsync(IReadOnlySet<string> agencies, DateOnly? on, CancellationToken ct)
    {
        var codes = agencies.ToList();
        var rows = await db.TaskTypes.AsNoTracking().Where(t => codes.Contains(t.AgencyCode)).ToListAsync(ct);
        return [.. rows.Select(r => r.ToTaskType()).Where(t => on is null || t.InForceOn(on.Value))
            .OrderBy(t => t.AgencyCode, StringComparer.Ordinal).ThenBy(t => t.Code, StringComparer.Ordinal).ThenBy(t => t.Version)
            .Select(TaskTypeResponse.Of)];
    }

    public Task<(CatalogueRefusal Refusal, Dictionary<string, string[]> Errors, TaskType? Added)> CreateAsync(
        TaskTypeRequest request, CurrentUser user, UnitScope scope, CancellationToken ct) =>
        ChangeAsync(request, request.Code, user, scope, TaskCatalogue.Create, ct);

    public Task<(CatalogueRefusal Refusal, Dictionary<string, string[]> Errors, TaskType? Added)> NewVersionAsync(
        string code, TaskTypeRequest request, CurrentUser user, UnitScope scope, CancellationToken ct) =>
        ChangeAsync(request, code, user, scope, TaskCatalogue.NewVersion, ct);

    private async Task<(CatalogueRefusal, Dictionary<string, string[]>, TaskType?)> ChangeAsync(TaskTypeRequest request, string? code,
        CurrentUser user, UnitScope scope, Func<TaskTypeDraft, IReadOnlyList<TaskType>, TaskTypeChange> decide, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var draft = Parse(request, code, errors, field => field);
        if (draft is null)
        {
            return (CatalogueRefusal.Invalid, errors, null);
        }

        var agency = draft.AgencyCode.Trim();
        if (agency.Length > 0 && scope.Tree.Find(agency) is null)
        {
            errors["agencyCode"] = [l["TaskTypes.Error.UnknownAgency", agency]];
            return (CatalogueRefusal.Invalid, errors, null);
        }

        if (agency.Length > 0 && !scope.Contains(agency))
        {
            return (CatalogueRefusal.Forbidden, errors, null);
        }

        var trimmedCode = draft.Code.Trim();
        var stored = await db.TaskTypes.Where(t => t.AgencyCode == agency && t.Code == trimmedCode).ToListAsync(ct);
        var change = decide(draft, [.. stored.Select(r => r.ToTaskType())]);
        if (!change.Ok)
        {
            foreach (var group in change.Problems.GroupBy(p => p.Field))
            {
                errors[group.Key] = [.. group.Select(p => l[p.Code].Value)];
            }

            var refusal = change.Problems.Any(p => p.Code == $"TaskType.{TaskTypeProblem.CodeTaken}") ? CatalogueRefusal.Duplicate
                : change.Problems.Any(p => p.Code == $"TaskType.{TaskTypeProblem.UnknownTaskType}") ? CatalogueRefusal.NotFound
                : CatalogueRefusal.Invalid;
            return (refusal, errors, null);
        }

        if (change.Ended is { } ended)
        {
            stored.Single(r => r.Version == ended.Version).EffectiveTo = ended.EffectiveTo;
        }

        db.TaskTypes.Add(TaskTypeRecord.From(change.Added!, user.UserName, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return (CatalogueRefusal.None, errors, change.Added);
    }

    /// <summary>
    /// Imports a catalogue file, all or nothing; errors are keyed by <paramref name="key"/> (row,
    /// file column). HR imports only catalogues of agencies in their scope.
    /// </summary>
    public async Task<(Dictionary<string, string[]> Errors, int Added)> ImportAsync(IReadOnlyList<TaskTypeFileRow> rows,
        Func<TaskTypeFileRow, string, string> key, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (rows.Count is 0 or > TaskTypesFile.MaximumRows)
        {
            errors[""] = [l["TaskTypes.Error.Rows", TaskTypesFile.MaximumRows]];
            return (errors, 0);
        }

        var drafts = new List<(TaskTypeFileRow Row, TaskTypeDraft Draft)>();
        foreach (var row in rows)
        {
            string Key(string field) => key(row, TaskTypesFile.ColumnOf[field]);
            var f = TaskTypesFile.Parse(row.Fields);
            foreach (var problem in f.Problems)
            {
                errors[key(row, problem.Column)] = [l["TaskTypes.Error.Field", problem.Reason]];
            }

            var draft = Parse(new TaskTypeRequest(f.Code, f.AgencyCode, f.Group, f.Name, f.UnitOfOutput, f.ConversionFactor, f.Difficulty,
                f.EffectiveFrom, f.ApprovedBy), f.Code, errors, Key);
            if (draft is null)
            {
                continue;
            }

            if (scope.Tree.Find(draft.AgencyCode.Trim()) is null)
            {
                errors[Key("agencyCode")] = [l["TaskTypes.Error.UnknownAgency", draft.AgencyCode]];
            }
            else if (!scope.Contains(draft.AgencyCode.Trim()))
            {
                errors[Key("agencyCode")] = [l["TaskTypes.Error.OutsideScope", draft.AgencyCode]];
            }

            drafts.Add((row, draft));
        }

        // The rows that could be read are checked by the rules too, so one pass shows every problem of the file.
        var codes = drafts.Select(d => d.Draft.Code.Trim()).Distinct().ToList();
        var stored = await db.TaskTypes.Where(t => codes.Contains(t.Code)).ToListAsync(ct);
        var import = TaskCatalogue.Import([.. drafts.Select(d => d.Draft)], [.. stored.Select(r => r.ToTaskType())]);
        foreach (var problem in import.Problems)
        {
            errors.TryAdd(key(drafts[problem.Index].Row, TaskTypesFile.ColumnOf[problem.Problem.Field]), [l[problem.Problem.Code].Value]);
        }

        if (errors.Count > 0)
        {
            return (errors, 0);
        }

        var now = clock.GetUtcNow();
        var added = new List<TaskTypeRecord>();
        foreach (var change in import.Changes)
        {
            if (change.Ended is { } ended)
            {
                var record = stored.Concat(added).Single(r => r.AgencyCode == ended.AgencyCode && r.Code == ended.Code && r.Version == ended.Version);
                record.EffectiveTo = ended.EffectiveTo;
            }

            added.Add(TaskTypeRecord.From(change.Added!, user.UserName, now));
        }

        db.TaskTypes.AddRange(added);
        await db.SaveChangesAsync(ct);
        return (errors, added.Count);
    }

    /// <summary>The request as a draft, or null with the errors of what could not be read at all.</summary>
    private TaskTypeDraft? Parse(TaskTypeRequest request, string? code, Dictionary<string, string[]> errors, Func<string, string> key)
    {
        var readable = true;
        TaskGroup group = default;
        if (request.Group?.Trim() is not { Length: 1 } word || !Enum.TryParse(word, ignoreCase: true, out group) || !Enum.IsDefined(group))
        {
            errors[key("group")] = [l["TaskTypes.Error.Group"]];
            readable = false;
        }

        if (request.ConversionFactor is null)
        {
            // A file's number that did not parse already has its own message.
            errors.TryAdd(key("conversionFactor"), [l["TaskTypes.Error.Number"]]);
            readable = false;
        }

        if (request.Difficulty is null)
        {
            errors.TryAdd(key("difficulty"), [l["TaskTypes.Error.Number"]]);
            readable = false;
        }

        if (!DateOnly.TryParseExact(request.EffectiveFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
        {
            errors[key("effectiveFrom")] = [l["TaskTypes.Error.Date"]];
            readable = false;
        }

        return !readable ? null : new TaskTypeDraft(code ?? "", request.AgencyCode ?? "", group, request.Name ?? "",
            request.UnitOfOutput ?? "", request.ConversionFactor!.Value, request.Difficulty!.Value, from, request.ApprovedBy);
    }
}
