using System.Globalization;
using GovKpi.Data;
using GovKpi.Data.Measurement;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Audit;

/// <summary>
/// What was brought in by file or by the operational systems, each with who brought it: the
/// measurement batches and their quarantined rows corrected or discarded (province-wide records:
/// read by those who read the whole province), the leave HR recorded or corrected (within the
/// person's unit) and the task catalogue versions (within the catalogue's agency). Organisation and task imports write their own trails.
/// </summary>
public sealed class ImportTrailSource : IAuditTrailSource
{
    public const string MeasurementImported = "MeasurementImported";
    public const string MeasurementImportFailed = "MeasurementImportFailed";
    public const string LeaveRecorded = "LeaveRecorded";
    public const string LeaveCorrected = "LeaveCorrected";
    public const string TaskTypeRecorded = "TaskTypeRecorded";
    public const string QuarantineResubmitted = "QuarantineResubmitted";
    public const string QuarantineDiscarded = "QuarantineDiscarded";

    public AuditSource Source => AuditSource.Imports;

    public IReadOnlyList<string> Actions { get; } = [MeasurementImported, MeasurementImportFailed, QuarantineResubmitted, QuarantineDiscarded, LeaveRecorded, LeaveCorrected, TaskTypeRecorded];

    public async Task<IReadOnlyList<AuditLine>> ReadAsync(GovKpiDbContext db, AuditFilter filter, AuditReach reach, int limit, CancellationToken ct)
    {
        if (filter.CycleId is not null)
        {
            return [];
        }

        var lines = new List<AuditLine>();
        if (reach.WholeProvince && filter.StaffCode is null)
        {
            lines.AddRange(await BatchesAsync(db, filter, limit, ct));
            lines.AddRange(await QuarantineAsync(db, filter, limit, ct));
        }

        lines.AddRange(await LeaveAsync(db, filter, reach, limit, ct));
        if (filter.StaffCode is null)
        {
            lines.AddRange(await TaskTypesAsync(db, filter, reach, ct));
        }

        return [.. lines.Where(l => Within(l, filter)).OrderByDescending(l => l.At).ThenByDescending(l => l.Sequence).Take(limit)];
    }

    private async Task<IEnumerable<AuditLine>> BatchesAsync(GovKpiDbContext db, AuditFilter filter, int limit, CancellationToken ct)
    {
        var rows = db.ImportBatches.AsNoTracking();
        rows = rows.Within(filter, b => b.StartedAt, b => b.ImportedBy);

        var found = await rows.OrderByDescending(b => b.StartedAt).ThenByDescending(b => b.Id).Take(limit).ToListAsync(ct);
        return found.Select(b => new AuditLine(b.StartedAt, Source, b.ImportedBy, b.Status == ImportStatus.Failed ? MeasurementImportFailed : MeasurementImported)
        {
            Subject = b.FileName,
            Field = "inserted",
            NewValue = b.Inserted.ToString(CultureInfo.InvariantCulture),
            Reason = b.Error,
        });
    }

    /// <summary>Quarantined measurement rows HR corrected and submitted again, or discarded: who, when, which row of which file.</summary>
    private async Task<IEnumerable<AuditLine>> QuarantineAsync(GovKpiDbContext db, AuditFilter filter, int limit, CancellationToken ct)
    {
        var rows = db.Quarantine.AsNoTracking().Where(q => q.ResolvedAt != null && q.ResolvedBy != null);
        rows = rows.Within(filter, q => q.ResolvedAt, q => q.ResolvedBy);

        var found = await rows.OrderByDescending(q => q.ResolvedAt).ThenByDescending(q => q.Id).Take(limit).ToListAsync(ct);
        return found.Select(q => new AuditLine(q.ResolvedAt!.Value, Source, q.ResolvedBy!, q.Status == QuarantineStatus.Discarded ? QuarantineDiscarded : QuarantineResubmitted)
        {
            Subject = $"{q.File}:{q.Line.ToString(CultureInfo.InvariantCulture)}",
            Reason = q.Reason,
            Sequence = q.Id,
        });
    }

    private async Task<IEnumerable<AuditLine>> LeaveAsync(GovKpiDbContext db, AuditFilter filter, AuditReach reach, int limit, CancellationToken ct)
    {
        var rows = from l in db.LeaveAudit.AsNoTracking()
                   join s in db.Staff.AsNoTracking() on l.StaffCode equals s.Code
                   select new { l, s.UnitCode };
        if (reach.Units is { } units)
        {
            var codes = units.ToArray();
            rows = rows.Where(r => codes.Contains(r.UnitCode));
        }

        rows = rows.Within(filter, r => r.l.RecordedAt, r => r.l.RecordedBy);

        if (filter.StaffCode is { } staff)
        {
            rows = rows.Where(r => r.l.StaffCode == staff);
        }

        var found = await rows.OrderByDescending(r => r.l.RecordedAt).ThenByDescending(r => r.l.Id).Take(limit).ToListAsync(ct);
        return found.Select(r => new AuditLine(r.l.RecordedAt, Source, r.l.RecordedBy, r.l.OldTo is null ? LeaveRecorded : LeaveCorrected)
        {
            StaffCode = r.l.StaffCode,
            UnitCode = r.UnitCode,
            Field = $"leave.{r.l.Kind}",
            OldValue = r.l.OldTo is { } oldTo ? Days(r.l.From, oldTo) : "",
            NewValue = Days(r.l.From, r.l.To),
            Sequence = r.l.Id,
        });
    }

    private async Task<IEnumerable<AuditLine>> TaskTypesAsync(GovKpiDbContext db, AuditFilter filter, AuditReach reach, CancellationToken ct)
    {
        var rows = db.TaskTypes.AsNoTracking();
        if (reach.Units is { } units)
        {
            var codes = units.ToArray();
            rows = rows.Where(t => codes.Contains(t.AgencyCode));
        }

        if (filter.Actor is { } actor)
        {
            rows = rows.Where(t => t.RecordedBy == actor);
        }

        return (await rows.ToListAsync(ct)).Select(t => new AuditLine(t.RecordedAt, Source, t.RecordedBy, TaskTypeRecorded)
        {
            UnitCode = t.AgencyCode,
            Subject = t.Code,
            Field = "version",
            NewValue = $"{t.Version.ToString(CultureInfo.InvariantCulture)} {t.Name}",
            Reason = t.ApprovedBy ?? "",
        });
    }

    private bool Within(AuditLine line, AuditFilter filter) =>
        (filter.From is not { } from || line.At >= from)
        && (filter.Before is not { } before || line.At < before)
        && (filter.Text is not { } text || filter.ActionsMatchingText.Contains(line.Action)
            || new[] { line.Actor, line.Subject, line.StaffCode, line.NewValue, line.Reason }.Any(v => v is not null && v.Contains(text, StringComparison.OrdinalIgnoreCase)));

    /// <summary>A leave's days as people count them: the first and the last (the stored end is exclusive).</summary>
    private static string Days(DateOnly from, DateOnly to) => $"{Day(from)} – {Day(to.AddDays(-1))}";

    private static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
