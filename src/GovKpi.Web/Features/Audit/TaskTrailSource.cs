using GovKpi.Core.Tasks;
using GovKpi.Data;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Audit;

/// <summary>The assigned tasks' trail (assignment, diary, progress, review, e-office imports and their quarantine), read within the task's unit.</summary>
public sealed class TaskTrailSource : IAuditTrailSource
{
    public AuditSource Source => AuditSource.Tasks;

    public IReadOnlyList<string> Actions { get; } = [.. typeof(TaskActions).GetFields()
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!), TaskQuarantine.Resubmitted, TaskQuarantine.Discarded];

    public async Task<IReadOnlyList<AuditLine>> ReadAsync(GovKpiDbContext db, AuditFilter filter, AuditReach reach, int limit, CancellationToken ct)
    {
        if (filter.CycleId is not null)
        {
            return [];
        }

        var rows = from e in db.TaskAudit.AsNoTracking()
                   join t in db.TaskAssignments.AsNoTracking() on e.TaskId equals t.Id into tasks
                   from t in tasks.DefaultIfEmpty()
                   select new { e, UnitCode = t == null ? null : t.UnitCode, StaffCode = t == null ? null : t.StaffCode };
        if (reach.Units is { } units)
        {
            var codes = units.ToArray();
            // A quarantined row's entry names no task yet: it is read by those who read the whole province.
            rows = rows.Where(r => r.UnitCode != null && codes.Contains(r.UnitCode));
        }

        rows = rows.Within(filter, r => r.e.At, r => r.e.Actor);

        if (filter.StaffCode is { } staff)
        {
            rows = rows.Where(r => r.StaffCode == staff);
        }

        if (filter.Text is { } text)
        {
#pragma warning disable CA1304, CA1311 // Translated to SQL lower(): the database folds the case, no .NET culture applies.
            var actions = filter.ActionsMatchingText.ToArray();
            rows = rows.Where(r => actions.Contains(r.e.Action) || r.e.Reason.ToLower().Contains(text) || r.e.OldValue.ToLower().Contains(text)
                || r.e.NewValue.ToLower().Contains(text) || r.e.Actor.ToLower().Contains(text) || r.e.TaskId.ToLower().Contains(text));
#pragma warning restore CA1304, CA1311
        }

        var found = await rows.OrderByDescending(r => r.e.At).ThenByDescending(r => r.e.Id).Take(limit).ToListAsync(ct);
        return [.. found.Select(r => new AuditLine(r.e.At, Source, r.e.Actor, r.e.Action)
        {
            ActorRole = r.e.ActorRole,
            StaffCode = r.StaffCode,
            UnitCode = r.UnitCode,
            Subject = r.e.TaskId,
            Field = r.e.Field,
            OldValue = r.e.OldValue,
            NewValue = r.e.NewValue,
            Reason = r.e.Reason,
            Sequence = r.e.Id,
        })];
    }
}
