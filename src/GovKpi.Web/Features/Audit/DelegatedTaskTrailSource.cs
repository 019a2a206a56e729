using GovKpi.Core.DelegatedTasks;
using GovKpi.Data;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Audit;

/// <summary>
/// The delegated-task register's trail (registration, hand-on, extensions, reports and status,
/// inspections and follow-ups), read within the task's receiving units.
/// </summary>
public sealed class DelegatedTaskTrailSource : IAuditTrailSource
{
    public AuditSource Source => AuditSource.DelegatedTasks;

    public IReadOnlyList<string> Actions { get; } = [.. typeof(TaskActions).GetFields()
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];

    public async Task<IReadOnlyList<AuditLine>> ReadAsync(GovKpiDbContext db, AuditFilter filter, AuditReach reach, int limit, CancellationToken ct)
    {
        if (filter.CycleId is not null || filter.StaffCode is not null)
        {
            return [];
        }

        var rows = db.DelegatedTaskAudit.AsNoTracking().AsQueryable();
        if (reach.Units is { } units)
        {
            var codes = units.ToArray();
            rows = rows.Where(e => db.DelegatedTaskUnits.Any(u => u.TaskCode == e.TaskCode && codes.Contains(u.UnitCode))
                || db.DelegatedTasks.Any(t => t.Code == e.TaskCode && t.ReceivingUnitCode != null && codes.Contains(t.ReceivingUnitCode)));
        }

        rows = rows.Within(filter, e => e.At, e => e.Actor);
        if (filter.Text is { } text)
        {
#pragma warning disable CA1304, CA1311 // Translated to SQL lower(): the database folds the case, no .NET culture applies.
            var actions = filter.ActionsMatchingText.ToArray();
            rows = rows.Where(e => actions.Contains(e.Action) || e.Reason.ToLower().Contains(text) || e.OldValue.ToLower().Contains(text)
                || e.NewValue.ToLower().Contains(text) || e.Actor.ToLower().Contains(text) || e.TaskCode.ToLower().Contains(text));
#pragma warning restore CA1304, CA1311
        }

        var found = await rows.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(limit).ToListAsync(ct);
        return [.. found.Select(e => new AuditLine(e.At, Source, e.Actor, e.Action)
        {
            ActorRole = e.ActorRole,
            Subject = e.TaskCode,
            Field = e.Field,
            OldValue = e.OldValue,
            NewValue = e.NewValue,
            Reason = e.Reason,
            Sequence = e.Id,
        })];
    }
}
