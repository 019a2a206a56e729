using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.DemoProvince;
using GovKpi.Core.Measurement;
using GovKpi.Core.Organisation;
using GovKpi.Core.Search;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.KpiValues;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Search;

public sealed record PersonHit(string Code, string Name, string UnitCode, string UnitName, string Url);

public sealed record UnitHit(string Code, string Name, string Url);

public sealed record ProcedureHit(string Code, string Name);

/// <summary>
/// A dossier the caller may see. <see cref="ExplainUrl"/>: the explanation of the online share on
/// the day it was received, which lists every dossier received that day (the handler's, or the
/// unit's when the caller may not see the handler). <see cref="SlipUrl"/>: the survey slip of a
/// finished dossier.
/// </summary>
public sealed record DossierHit(string DossierId, string ProcedureCode, string UnitCode, string Status, DateOnly Received, bool Finished,
    string ExplainUrl, string? SlipUrl);

/// <summary>
/// At most <see cref="SearchReader.GroupSize"/> hits of a group and how many there are in all;
/// <see cref="TotalIsAtLeast"/> when counting stopped at <see cref="SearchReader.CountLimit"/>.
/// </summary>
public sealed record SearchGroup<T>(int Total, bool TotalIsAtLeast, IReadOnlyList<T> Items);

public sealed record SearchResponse(string Q, SearchGroup<PersonHit> People, SearchGroup<UnitHit> Units,
    SearchGroup<ProcedureHit> Procedures, SearchGroup<DossierHit> Dossiers);

/// <summary>
/// The search box (issue 15, item 4): people, units, procedures and dossiers within the caller's
/// <see cref="UnitScope"/>, people and dossiers further as <see cref="ResultVisibility"/> says —
/// staff find themselves and their own dossiers only. People, units and procedures are matched in
/// memory (<see cref="SearchText"/>: a province has thousands of them, and folding diacritics in SQL
/// differs between SQLite and PostgreSQL); dossiers by their id through the primary key, never by
/// scanning the million rows.
/// </summary>
public sealed class SearchReader(GovKpiDbContext db)
{
    public const int GroupSize = 10;
    public const int MaximumLength = 100;
    /// <summary>Dossiers matching a short prefix can be most of the table: counting stops here.</summary>
    public const int CountLimit = 1000;

    public async Task<SearchResponse> SearchAsync(string q, CurrentUser user, CancellationToken ct)
    {
        var scope = await UnitScope.LoadAsync(db, user, ct);
        var text = SearchText.Of(q);
        return new SearchResponse(q, await PeopleAsync(text, user, scope, ct), UnitsOf(text, scope),
            await ProceduresAsync(text, ct), await DossiersAsync(q, user, scope, ct));
    }

    private static SearchGroup<T> Group<T>(IEnumerable<T> matches)
    {
        var all = matches.ToList();
        return new SearchGroup<T>(all.Count, false, [.. all.Take(GroupSize)]);
    }

    private async Task<SearchGroup<PersonHit>> PeopleAsync(SearchText text, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var codes = scope.Codes.ToList();
        var staff = db.Staff.AsNoTracking();
        staff = user.Role == Role.Staff
            ? staff.Where(s => s.Code == user.StaffCode)
            : staff.Where(s => codes.Contains(s.UnitCode));
        var people = await staff.Select(s => new { s.Code, s.FullName, s.UnitCode }).ToListAsync(ct);
        return Group(people
            .Where(p => ResultVisibility.MaySeeResultOf(user.Role, user.StaffCode, p.Code, scope.Contains(p.UnitCode)) && text.Matches(p.FullName, p.Code))
            .OrderBy(p => SearchText.Fold(p.FullName), StringComparer.Ordinal).ThenBy(p => p.Code, StringComparer.Ordinal)
            .Select(p => new PersonHit(p.Code, p.FullName, p.UnitCode, scope.Tree.Find(p.UnitCode)?.NameVi ?? p.UnitCode,
                "/organisation/staff/" + Uri.EscapeDataString(p.Code))));
    }

    private static SearchGroup<UnitHit> UnitsOf(SearchText text, UnitScope scope) => Group(scope.Codes
        .Select(scope.Tree.Find).OfType<Unit>()
        .Where(u => text.Matches(u.NameVi, u.Code))
        .OrderBy(u => u.Code, StringComparer.Ordinal)
        .Select(u => new UnitHit(u.Code, u.NameVi, "/organisation/" + Uri.EscapeDataString(u.Code))));

    /// <summary>
    /// The procedures the app knows: the catalogue it ships and every code of HR's skill table.
    /// Procedures are public law, the same for every unit, so they are not scoped.
    /// </summary>
    private async Task<SearchGroup<ProcedureHit>> ProceduresAsync(SearchText text, CancellationToken ct)
    {
        var names = Procedures.All.ToDictionary(p => p.Code, p => p.NameVi, StringComparer.Ordinal);
        var codes = await db.ProcedureSkills.AsNoTracking().Select(p => p.ProcedureCode).Distinct().ToListAsync(ct);
        return Group(names.Keys.Union(codes, StringComparer.Ordinal)
            .Select(c => new ProcedureHit(c, names.GetValueOrDefault(c, "")))
            .Where(p => text.Matches(p.Name, p.Code))
            .OrderBy(p => p.Code, StringComparer.Ordinal));
    }

    /// <summary>
    /// Dossiers whose id starts with what was typed (as typed, else in capitals), as a range of the
    /// primary key: [prefix, prefix with its last character raised). A caller scoped to the
    /// province reads the range alone; anyone else adds their units, or for staff their own
    /// handler code.
    /// </summary>
    private async Task<SearchGroup<DossierHit>> DossiersAsync(string q, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var id = q.Trim();
        if (id.Length == 0 || id.Any(char.IsWhiteSpace) || id[^1] == char.MaxValue || (user.Role == Role.Staff && user.StaffCode is null))
        {
            return new SearchGroup<DossierHit>(0, false, []);
        }

        var found = await DossiersWithPrefixAsync(id, user, scope, ct);
        var upper = id.ToUpperInvariant();
        if (found.Total == 0 && upper != id)
        {
            found = await DossiersWithPrefixAsync(upper, user, scope, ct);
        }

        return found;
    }

    /// <summary>The caller's dossiers whose id starts with <paramref name="prefix"/> (its last character below <see cref="char.MaxValue"/>).</summary>
    internal IQueryable<DossierVersion> DossiersStartingWith(string prefix, CurrentUser user, UnitScope scope)
    {
        var end = prefix[..^1] + (char)(prefix[^1] + 1);
        // Translated to SQL (dossier_id >= @prefix AND dossier_id < @end), where the column's binary
        // collation compares, not .NET's culture; EF does not translate the StringComparison overloads.
#pragma warning disable CA1309, CA1310
        var dossiers = db.Dossiers.AsNoTracking()
            .Where(d => string.Compare(d.DossierId, prefix) >= 0 && string.Compare(d.DossierId, end) < 0);
#pragma warning restore CA1309, CA1310
        // A filter on every unit of the province would only steer the planner to the unit index.
        var wholeProvince = scope.Tree.Roots.All(r => scope.Contains(r.Code));
        var codes = scope.Codes.ToList();
        return user.Role == Role.Staff ? dossiers.Where(d => d.HandlerCode == user.StaffCode)
            : wholeProvince ? dossiers
            : dossiers.Where(d => codes.Contains(d.UnitCode));
    }

    private async Task<SearchGroup<DossierHit>> DossiersWithPrefixAsync(string prefix, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var dossiers = DossiersStartingWith(prefix, user, scope);
        var total = await dossiers.Select(d => d.DossierId).Take(CountLimit + 1).CountAsync(ct);
        var page = await dossiers.OrderBy(d => d.DossierId).Take(GroupSize)
            .Select(d => new { d.DossierId, d.ProcedureCode, d.UnitCode, d.HandlerCode, d.Status, d.ReceivedAt })
            .ToListAsync(ct);
        var handlersInScope = await HandlersInScopeAsync(user, scope, page.Select(d => d.HandlerCode), ct);
        var items = page.Select(d =>
        {
            var received = DateOnly.FromDateTime(d.ReceivedAt.ToOffset(VietnamTime.Offset).DateTime);
            var (handler, _) = ResultVisibility.Handler(user.Role, user.StaffCode, d.HandlerCode, handlersInScope.Contains);
            var explain = KpiValueReader.ExplainUrl(KpiFormula.OnlineShare, handler is null ? KpiSubjectScope.Unit : KpiSubjectScope.Staff,
                handler ?? d.UnitCode, new ReportingPeriod(received, received.AddDays(1)));
            var finished = d.Status.IsFinished();
            return new DossierHit(d.DossierId, d.ProcedureCode, d.UnitCode, d.Status.ToString(), received, finished, explain,
                finished ? "/survey/slip?code=" + Uri.EscapeDataString(d.DossierId) : null);
        });
        return new SearchGroup<DossierHit>(Math.Min(total, CountLimit), total > CountLimit, [.. items]);
    }

    private async Task<HashSet<string>> HandlersInScopeAsync(CurrentUser user, UnitScope scope, IEnumerable<string?> handlerCodes, CancellationToken ct)
    {
        var handlers = handlerCodes.OfType<string>().Distinct().ToList();
        if (handlers.Count == 0 || user.Role == Role.Staff)
        {
            return [];
        }

        var units = await db.Staff.AsNoTracking().Where(s => handlers.Contains(s.Code)).Select(s => new { s.Code, s.UnitCode }).ToListAsync(ct);
        return [.. units.Where(s => scope.Contains(s.UnitCode)).Select(s => s.Code)];
    }

    /// <summary>The search box's rule for q: something to look for, at most <see cref="MaximumLength"/> characters.</summary>
    public static string? Problem(string? q) =>
        string.IsNullOrWhiteSpace(q) ? "Search.Error.Empty"
        : q.Trim().Length > MaximumLength ? "Search.Error.TooLong"
        : null;

    public static string Count<T>(SearchGroup<T> group) =>
        group.Total.ToString(CultureInfo.InvariantCulture) + (group.TotalIsAtLeast ? "+" : "");
}
