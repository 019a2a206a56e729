using GovKpi.Core.KpiLibrary;
using GovKpi.Data;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Audit;

/// <summary>
/// The KPI library's trail: each new version of a KPI definition or set, one line per changed
/// value. The library is the province's, not a person's, so every reader of the page sees it.
/// </summary>
public sealed class KpiLibraryTrailSource : IAuditTrailSource
{
    public AuditSource Source => AuditSource.KpiLibrary;

    public IReadOnlyList<string> Actions { get; } =
        [KpiLibraryActions.DefinitionCreated, KpiLibraryActions.DefinitionChanged, KpiLibraryActions.SetCreated, KpiLibraryActions.SetChanged];

    public async Task<IReadOnlyList<AuditLine>> ReadAsync(GovKpiDbContext db, AuditFilter filter, AuditReach reach, int limit, CancellationToken ct)
    {
        if (filter.CycleId is not null || filter.StaffCode is not null)
        {
            return [];
        }

        var rows = db.KpiLibraryAudit.AsNoTracking();
        rows = rows.Within(filter, e => e.At, e => e.Actor);

        if (filter.Text is { } text)
        {
#pragma warning disable CA1304, CA1311 // Translated to SQL lower(): the database folds the case, no .NET culture applies.
            var actions = filter.ActionsMatchingText.ToArray();
            rows = rows.Where(e => actions.Contains(e.Action) || e.Subject.ToLower().Contains(text) || e.Actor.ToLower().Contains(text)
                || e.ActorName.ToLower().Contains(text) || (e.After != null && e.After.ToLower().Contains(text)));
#pragma warning restore CA1304, CA1311
        }

        var found = await rows.OrderByDescending(e => e.At).ThenByDescending(e => e.Sequence).Take(limit).ToListAsync(ct);
        return [.. found.SelectMany(Lines)];
    }

    private IEnumerable<AuditLine> Lines(KpiLibraryAuditEntry e)
    {
        var line = new AuditLine(e.At, Source, e.Actor, e.Action)
        {
            ActorName = e.ActorName, ActorRole = e.ActorRole, Subject = e.Subject, Sequence = e.Sequence,
        };
        var before = e.Before is null ? new Dictionary<string, string>() : JsonLeaves.Of(e.Before);
        var after = e.After is null ? new Dictionary<string, string>() : JsonLeaves.Of(e.After);
        var changed = after.Keys.Union(before.Keys).Where(k => before.GetValueOrDefault(k, "") != after.GetValueOrDefault(k, "")).ToList();
        if (changed.Count == 0)
        {
            yield return line;
            yield break;
        }

        foreach (var field in changed)
        {
            yield return line with { Field = field, OldValue = before.GetValueOrDefault(field, ""), NewValue = after.GetValueOrDefault(field, "") };
        }
    }
}
