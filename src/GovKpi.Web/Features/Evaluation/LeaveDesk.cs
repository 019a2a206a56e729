using GovKpi.Core.Access;
using GovKpi.Core.Evaluation;
using GovKpi.Data;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Data.Evaluation;
using GovKpi.Data.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Evaluation;

/// <summary>
/// Leave records (HR): saved from the JSON API, a <c>leave.csv</c>/.xlsx file or the form, all through
/// <see cref="LeaveFile.Parse"/>, all or nothing, idempotent (a leave is its person, kind and first
/// day; a new end date replaces the old one). Decree 335's rules on time worked read them through
/// <see cref="Leave"/>: the annual classification and the cycle's blockers.
/// </summary>
public sealed class LeaveDesk(GovKpiDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public async Task<DeskResult<LeaveSaved>> SaveAsync(Caller caller, IReadOnlyList<LeaveRow> rows, Func<LeaveRow, string, string> key, CancellationToken ct)
    {
        if (caller.User.Role != Role.Hr)
        {
            return DeskResult<LeaveSaved>.Forbidden();
        }

        var errors = new Dictionary<string, string[]>();
        if (rows.Count is 0 or > LeaveFile.MaximumRows)
        {
            errors[""] = [l["Leave.Error.Rows", LeaveFile.MaximumRows]];
        }

        var parsed = rows.Select(r => (Row: r, Parsed: LeaveFile.Parse(r.Fields))).ToList();
        var codes = parsed.Select(p => p.Parsed.Record?.StaffCode).OfType<string>().Distinct().ToList();
        var known = (await db.Staff.AsNoTracking().Where(s => codes.Contains(s.Code)).Select(s => s.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<(string, LeaveKind, DateOnly)>();
        foreach (var (row, result) in parsed)
        {
            foreach (var problem in result.Problems)
            {
                errors[key(row, problem.Column)] = [l["Leave.Error.Field", problem.Reason]];
            }

            if (result.Record is { } r && !known.Contains(r.StaffCode))
            {
                errors[key(row, "staff_code")] = [l["Evaluation.Error.UnknownStaff", r.StaffCode]];
            }
            else if (result.Record is { } d && !seen.Add((d.StaffCode, d.Kind, d.From)))
            {
                errors[key(row, "from")] = [l["Leave.Error.Twice", d.StaffCode, d.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)]];
            }
        }

        if (errors.Count > 0)
        {
            return DeskResult<LeaveSaved>.Invalid(l["Leave.Error.Title"], errors);
        }

        var records = parsed.Select(p => p.Parsed.Record!).ToList();
        var existing = await db.Leave.Where(x => codes.Contains(x.StaffCode)).ToDictionaryAsync(x => (x.StaffCode, x.Kind, x.From), ct);
        var (added, changed) = (0, 0);
        var at = clock.GetUtcNow();
        foreach (var r in records)
        {
            if (existing.TryGetValue((r.StaffCode, r.Kind, r.From), out var old))
            {
                if (old.To != r.To)
                {
                    (old.To, old.RecordedBy, old.RecordedAt) = (r.To, caller.User.UserName, at);
                    changed++;
                }
            }
            else
            {
                db.Leave.Add(new LeaveEntry { StaffCode = r.StaffCode, Kind = r.Kind, From = r.From, To = r.To, RecordedBy = caller.User.UserName, RecordedAt = at });
                added++;
            }
        }

        await db.SaveChangesAsync(ct);
        return DeskResult<LeaveSaved>.Ok(new LeaveSaved(added, changed, records.Count - added - changed));
    }

    /// <summary>Leave of the people of the caller's scope (HR, managers), optionally of one person, latest first.</summary>
    public async Task<DeskResult<List<LeaveResponse>>> ListAsync(Caller caller, string? staffCode, CancellationToken ct)
    {
        if (caller.User.Role is not (Role.Hr or Role.Manager))
        {
            return DeskResult<List<LeaveResponse>>.Forbidden();
        }

        var scope = caller.Scope.Codes.ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => scope.Contains(s.UnitCode) && (staffCode == null || s.Code == staffCode))
            .Select(s => new { s.Code, s.FullName }).ToDictionaryAsync(s => s.Code, s => s.FullName, ct);
        var codes = staff.Keys.ToList();
        var leave = await db.Leave.AsNoTracking().Where(x => codes.Contains(x.StaffCode)).OrderByDescending(x => x.From).Take(500).ToListAsync(ct);
        return DeskResult<List<LeaveResponse>>.Ok(leave.Select(x => new LeaveResponse(x.StaffCode, staff[x.StaffCode], x.Kind, x.From, x.To)).ToList());
    }

    public static LeaveRow Row(LeaveRequest r, int index) => new(index, new Dictionary<string, string?>
    {
        ["staff_code"] = r.StaffCode,
        ["kind"] = r.Kind,
        ["from"] = r.From,
        ["to"] = r.To,
    });
}
