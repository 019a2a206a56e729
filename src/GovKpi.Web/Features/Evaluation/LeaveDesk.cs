using System.Globalization;
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
/// day; a new end date replaces the old one: <see cref="LeaveRecording"/> decides). Decree 335's rules on time worked read them through
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
        var checks = LeaveRecording.Check(parsed.Select(p => p.Parsed.Record).ToList(), known).ToLookup(p => p.Index);
        for (var i = 0; i < parsed.Count; i++)
        {
            var (row, result) = parsed[i];
            foreach (var problem in result.Problems)
            {
                errors[key(row, problem.Column)] = [l["Leave.Error.Field", problem.Reason]];
            }

            foreach (var (_, column, kind, r) in checks[i])
            {
                errors[key(row, column)] = [kind == LeaveProblemKind.UnknownStaff
                    ? l["Evaluation.Error.UnknownStaff", r.StaffCode]
                    : l["Leave.Error.Twice", r.StaffCode, r.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]];
            }
        }

        if (errors.Count > 0)
        {
            return DeskResult<LeaveSaved>.Invalid(l["Leave.Error.Title"], errors);
        }

        var records = parsed.Select(p => p.Parsed.Record!).ToList();
        var existing = await db.Leave.Where(x => codes.Contains(x.StaffCode)).ToDictionaryAsync(x => new LeaveKey(x.StaffCode, x.Kind, x.From), ct);
        var (changes, added, audit) = LeaveRecording.Apply(records, existing, caller.User.UserName, clock.GetUtcNow());
        db.Leave.AddRange(added);
        db.LeaveAudit.AddRange(audit);
        await db.SaveChangesAsync(ct);
        return DeskResult<LeaveSaved>.Ok(new LeaveSaved(changes.Added.Count, changes.Changed.Count, changes.Unchanged));
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
