using System.Globalization;
using GovKpi.Core.Access;
using GovKpi.Core.Measurement;
using GovKpi.Data;
using GovKpi.Data.Caching;
using GovKpi.Core.Organisation;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.KpiValues;

/// <summary>Scopes of a KPI value in the app: those of the compute output, plus a unit's subtree.</summary>
public static class KpiSubjectScope
{
    public const string All = KpiScope.All;
    public const string Unit = KpiScope.Unit;
    public const string Staff = KpiScope.Staff;
    /// <summary>A unit, its sub-units and the former units they continue (lineage).</summary>
    public const string Subtree = "subtree";

    public static readonly string[] Names = [Unit, Subtree, Staff, All];
}

/// <summary>
/// Whose KPI values are asked for, resolved and allowed: the records it covers are those of
/// <see cref="UnitCodes"/> (unit_code), or of <see cref="StaffCode"/> (handler_code, staff_code),
/// or all records when both are null (the province).
/// </summary>
public sealed record KpiSubject(string Scope, string Code, string Name, IReadOnlyList<string>? UnitCodes, string? StaffCode);

public enum SubjectAccess
{
    Allowed,
    NotFound,
    Forbidden,
}

/// <summary>A parsed KPI request: subject and period, or the errors keyed by query parameter.</summary>
public sealed record KpiQuery(string Scope, string Code, ReportingPeriod Period)
{
    public static KpiQuery? Parse(string? scope, string? code, string? from, string? to, IStringLocalizer l, out Dictionary<string, string[]> errors)
    {
        errors = [];
        scope ??= KpiSubjectScope.All;
        if (!KpiSubjectScope.Names.Contains(scope))
        {
            errors["scope"] = [l["KpiValues.Error.Scope", string.Join(", ", KpiSubjectScope.Names)]];
        }
        else if (scope != KpiSubjectScope.All && string.IsNullOrWhiteSpace(code))
        {
            errors["code"] = [l["KpiValues.Error.Code"]];
        }

        var fromDate = Date(from, "from", l, errors);
        var toDate = Date(to, "to", l, errors);
        if (fromDate is { } f && toDate is { } t && t <= f)
        {
            errors["to"] = [l["KpiValues.Error.PeriodOrder"]];
        }

        return errors.Count > 0 ? null
            : new KpiQuery(scope, scope == KpiSubjectScope.All ? "" : code!.Trim(), new ReportingPeriod(fromDate!.Value, toDate!.Value));
    }

    private static DateOnly? Date(string? text, string name, IStringLocalizer l, Dictionary<string, string[]> errors)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (QueryDates.Plausible(date))
            {
                return date;
            }

            errors[name] = [l["Query.Error.Year", text!, QueryDates.FirstYear, QueryDates.LastYear]];
            return null;
        }

        errors[name] = [l["KpiValues.Error.Date", text ?? ""]];
        return null;
    }

    /// <summary>
    /// Resolves the subject within the caller's <see cref="UnitScope"/>: a unit outside it, or the
    /// province for a caller scoped below it, is forbidden. A staff member is visible when their
    /// unit is in scope; a Staff account sees only their own values among people.
    /// </summary>
    public async Task<(SubjectAccess Access, KpiSubject? Subject)> ResolveAsync(GovKpiDbContext db, UnitScope scope, CurrentUser user, CancellationToken ct)
    {
        switch (Scope)
        {
            case KpiSubjectScope.All:
                var root = scope.Tree.Find(user.ScopeUnitCode);
                return root is not null && scope.Tree.Roots.Any(r => r.Code == root.Code)
                    ? (SubjectAccess.Allowed, new KpiSubject(Scope, "", root.NameVi, null, null))
                    : (SubjectAccess.Forbidden, null);
            case KpiSubjectScope.Staff:
                // Kept with the organisation's stamp: a person's KPI values were one staff lookup a request (issue 15, item 9).
                var code = Code;
                var found = StampedCache.Of(db) is { } cache
                    ? await cache.GetOrLoadAsync(db, "staff-member\u001f" + code, [CacheArea.Organisation], size: 1,
                        async c => (IReadOnlyList<StaffMember>)await db.Staff.AsNoTracking().Where(s => s.Code == code).ToListAsync(c), ct)
                    : await db.Staff.AsNoTracking().Where(s => s.Code == code).ToListAsync(ct);
                var member = found.SingleOrDefault();
                if (member is null)
                {
                    return (SubjectAccess.NotFound, null);
                }

                var allowed = user.Role == Role.Staff ? user.StaffCode == member.Code : scope.Contains(member.UnitCode);
                return allowed ? (SubjectAccess.Allowed, new KpiSubject(Scope, Code, member.FullName, null, member.Code)) : (SubjectAccess.Forbidden, null);
            default:
                var unit = scope.Tree.Find(Code);
                if (unit is null)
                {
                    return (SubjectAccess.NotFound, null);
                }

                if (!scope.Contains(unit.Code))
                {
                    return (SubjectAccess.Forbidden, null);
                }

                IReadOnlyList<string> units = Scope == KpiSubjectScope.Subtree
                    ? [.. scope.Tree.SubtreeOf(unit.Code).Where(scope.Contains).Order(StringComparer.Ordinal)]
                    : [unit.Code];
                return (SubjectAccess.Allowed, new KpiSubject(Scope, Code, unit.NameVi, units, null));
        }
    }
}
