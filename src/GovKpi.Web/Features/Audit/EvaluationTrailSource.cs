using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Data;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Audit;

/// <summary>The evaluation cycles' trails: one entry per change of a cycle or a person's evaluation, read within the cycle's unit.</summary>
public sealed class EvaluationTrailSource : IAuditTrailSource
{
    public AuditSource Source => AuditSource.Evaluation;

    public IReadOnlyList<string> Actions { get; } = typeof(AuditActions).GetFields()
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

    public async Task<IReadOnlyList<AuditLine>> ReadAsync(GovKpiDbContext db, AuditFilter filter, AuditReach reach, int limit, CancellationToken ct)
    {
        var rows = from a in db.EvaluationAudit.AsNoTracking()
                   join c in db.EvaluationCycles.AsNoTracking() on a.CycleId equals c.Id
                   select new { a, c.UnitCode };
        if (reach.Units is { } units)
        {
            var codes = units.ToArray();
            rows = rows.Where(r => codes.Contains(r.UnitCode));
        }

        rows = rows.Within(filter, r => r.a.At, r => r.a.Actor);

        if (filter.StaffCode is { } staff)
        {
            rows = rows.Where(r => r.a.StaffCode == staff);
        }

        if (filter.CycleId is { } cycle)
        {
            rows = rows.Where(r => r.a.CycleId == cycle);
        }

        if (filter.Text is { } text)
        {
#pragma warning disable CA1304, CA1311 // Translated to SQL lower(): the database folds the case, no .NET culture applies.
            var actions = filter.ActionsMatchingText.ToArray();
            rows = rows.Where(r => actions.Contains(r.a.Action) || r.a.Reason.ToLower().Contains(text) || r.a.OldValue.ToLower().Contains(text)
                || r.a.NewValue.ToLower().Contains(text) || r.a.ActorName.ToLower().Contains(text) || r.a.Actor.ToLower().Contains(text)
                || (r.a.StaffCode != null && r.a.StaffCode.ToLower().Contains(text)));
#pragma warning restore CA1304, CA1311
        }

        // Sequences restart in every cycle: the row id settles ties between cycles, so every page reads the same.
        var found = await rows.OrderByDescending(r => r.a.At).ThenByDescending(r => r.a.Id).Take(limit).ToListAsync(ct);
        return found.Select(r => new AuditLine(r.a.At, Source, r.a.Actor, r.a.Action)
        {
            ActorName = r.a.ActorName.Length > 0 ? r.a.ActorName : null,
            ActorRole = r.a.ActorRole,
            StaffCode = r.a.StaffCode,
            UnitCode = r.UnitCode,
            CycleId = r.a.CycleId,
            Field = r.a.Field,
            OldValue = r.a.OldValue,
            NewValue = r.a.NewValue,
            Reason = r.a.Reason,
            Sequence = r.a.Id,
        }).ToList();
    }
}
