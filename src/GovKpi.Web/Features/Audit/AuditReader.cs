using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Audit;

/// <summary>One page of the merged trail, newest first.</summary>
public sealed record AuditPage(int Page, int PageSize, bool HasNext, IReadOnlyList<AuditRow> Rows);

/// <summary>A cycle the reader may pick in the filter.</summary>
public sealed record AuditCycleChoice(Guid Id, string Name);

/// <summary>
/// Reads every trail (<see cref="IAuditTrailSource"/>) as one chronological list within the
/// reader's unit scope, and words it. Each source returns at most the lines the page needs,
/// newest first, so a page costs the same whatever the size of the trails before it.
/// </summary>
public sealed class AuditReader(GovKpiDbContext db, IEnumerable<IAuditTrailSource> sources, AuditLabels labels)
{
    public const int PageSize = 100;
    /// <summary>An export holds at most this many lines (newest first); the filters narrow a larger trail.</summary>
    public const int ExportLimit = 100_000;

    /// <summary>Who reads the trails: auditors, and HR, who already read the organisation's trail; each within their unit scope.</summary>
    public static readonly string[] Readers = [Roles.Auditor, Roles.Hr];

    public IReadOnlyList<IAuditTrailSource> Sources { get; } = [.. sources];

    public async Task<AuditPage> PageAsync(CurrentUser user, AuditFilter filter, int page, CancellationToken ct)
    {
        var lines = await LinesAsync(user, filter, page * PageSize + 1, ct);
        var rows = lines.Skip((page - 1) * PageSize).Take(PageSize).ToList();
        return new AuditPage(page, PageSize, lines.Count > page * PageSize, await WordAsync(rows, ct));
    }

    public async Task<IReadOnlyList<AuditRow>> ExportAsync(CurrentUser user, AuditFilter filter, CancellationToken ct) =>
        await WordAsync(await LinesAsync(user, filter, ExportLimit, ct), ct);

    /// <summary>The cycles within the reader's scope, newest period first, for the filter.</summary>
    public async Task<IReadOnlyList<AuditCycleChoice>> CyclesAsync(CurrentUser user, CancellationToken ct)
    {
        var reach = await ReachAsync(user, ct);
        var cycles = db.EvaluationCycles.AsNoTracking();
        if (reach.Units is { } units)
        {
            var codes = units.ToArray();
            cycles = cycles.Where(c => codes.Contains(c.UnitCode));
        }

        var found = await cycles.Select(c => new { c.Id, c.UnitName, c.PeriodKind, c.PeriodFrom }).ToListAsync(ct);
        return [.. found.OrderByDescending(c => c.PeriodFrom).ThenBy(c => c.UnitName, StringComparer.Ordinal)
            .Select(c => new AuditCycleChoice(c.Id, labels.CycleName(c.UnitName, EvaluationPeriod.Of(c.PeriodKind, c.PeriodFrom))))];
    }

    /// <summary>Adds to the filter the action codes of each source whose words hold the searched text (with or without diacritics).</summary>
    public AuditFilter WithText(AuditFilter filter)
    {
        if (filter.Text is not { } text)
        {
            return filter;
        }

        var folded = VietnameseText.Fold(text);
        return filter with
        {
            Text = text.ToLowerInvariant(),
            ActionsMatchingText = Sources.SelectMany(s => s.Actions.Where(a => VietnameseText.Fold(labels.ActionName(s.Source, a)).Contains(folded, StringComparison.Ordinal)))
                .ToHashSet(StringComparer.Ordinal),
        };
    }

    private async Task<List<AuditLine>> LinesAsync(CurrentUser user, AuditFilter filter, int limit, CancellationToken ct)
    {
        var reach = await ReachAsync(user, ct);
        var lines = new List<AuditLine>();
        foreach (var source in Sources.Where(s => filter.Source is null || filter.Source == s.Source))
        {
            var own = filter with { ActionsMatchingText = filter.ActionsMatchingText.Where(source.Actions.Contains).ToHashSet(StringComparer.Ordinal) };
            lines.AddRange(await source.ReadAsync(db, own, reach, limit, ct));
        }

        return [.. lines.OrderByDescending(l => l.At).ThenBy(l => l.Source).ThenByDescending(l => l.Sequence).Take(limit)];
    }

    private async Task<AuditReach> ReachAsync(CurrentUser user, CancellationToken ct)
    {
        var scope = await UnitScope.LoadAsync(db, user, ct);
        return scope.Tree.Roots.Any(r => r.Code == user.ScopeUnitCode) ? new AuditReach(null) : new AuditReach(scope.Codes);
    }

    private async Task<IReadOnlyList<AuditRow>> WordAsync(IReadOnlyList<AuditLine> lines, CancellationToken ct)
    {
        var actors = lines.Select(l => l.Actor).Distinct().ToArray();
        var staff = lines.Select(l => l.StaffCode).OfType<string>().Distinct().ToArray();
        var units = lines.Select(l => l.UnitCode).OfType<string>().Distinct().ToArray();
        var cycles = lines.Select(l => l.CycleId).OfType<Guid>().Distinct().ToArray();
        var names = new AuditNames(
            (await db.Accounts.AsNoTracking().Where(a => actors.Contains(a.UserName)).Select(a => new { a.UserName, a.DisplayName, a.Role }).ToListAsync(ct))
                .ToDictionary(a => a.UserName, a => (a.DisplayName, a.Role.ToString()), StringComparer.Ordinal),
            await db.Staff.AsNoTracking().Where(s => staff.Contains(s.Code)).ToDictionaryAsync(s => s.Code, s => s.FullName, StringComparer.Ordinal, ct),
            await db.Units.AsNoTracking().Where(u => units.Contains(u.Code)).ToDictionaryAsync(u => u.Code, u => u.NameVi, StringComparer.Ordinal, ct),
            (await db.EvaluationCycles.AsNoTracking().Where(c => cycles.Contains(c.Id)).Select(c => new { c.Id, c.UnitName, c.PeriodKind, c.PeriodFrom }).ToListAsync(ct))
                .ToDictionary(c => c.Id, c => labels.CycleName(c.UnitName, EvaluationPeriod.Of(c.PeriodKind, c.PeriodFrom))));
        return [.. lines.Select(l => labels.Word(l, names))];
    }
}
