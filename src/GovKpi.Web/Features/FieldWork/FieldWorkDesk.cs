using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.FieldWork;
using GovKpi.Core.Measurement;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.FieldWork;

public enum FieldWorkRefusal
{
    None,
    NotFound,
    Forbidden,
    Invalid,
}

public sealed record FieldWorkOutcome<T>(T? Value, FieldWorkRefusal Refusal, Dictionary<string, string[]> Errors)
{
    public static FieldWorkOutcome<T> Ok(T value) => new(value, FieldWorkRefusal.None, []);

    public static FieldWorkOutcome<T> Refused(FieldWorkRefusal refusal) => new(default, refusal, []);
}

/// <summary>
/// The mobile-team and citizen-contact log: loads what the Core rules need, checks the caller's
/// unit scope, asks <see cref="FieldWorkRules"/> and saves. Managers and HR record for units in
/// their scope; everyone reads within their scope; a follow-up is closed by its owner, or by a
/// manager or HR with its unit in scope.
/// </summary>
public sealed class FieldWorkDesk(GovKpiDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public static readonly string[] Readers = [Roles.Staff, Roles.Manager, Roles.Hr, Roles.Leader, Roles.Auditor];
    public static readonly string[] Recorders = [Roles.Manager, Roles.Hr];

    public static bool MayRecord(CurrentUser user) => user.Role is Role.Manager or Role.Hr;

    private bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public async Task<FieldWorkOutcome<SessionResponse>> RecordSessionAsync(SessionRequest request, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        if (UnitRefusal(request.UnitCode, user, scope) is { } refusal)
        {
            return new(null, refusal.Refusal, refusal.Errors);
        }

        var unit = request.UnitCode!.Trim();
        var ids = (request.DossierIds ?? []).Select(i => i?.Trim() ?? "").Where(i => i.Length > 0).ToList();
        var dossiers = await db.Dossiers.AsNoTracking().Where(d => ids.Contains(d.DossierId)).ToDictionaryAsync(d => d.DossierId, StringComparer.Ordinal, ct);
        var result = FieldWorkRules.Session(request.ToDraft(), await FactsAsync(unit, scope, dossiers, ct), VietnamTime.Today(clock), user.UserName, clock.GetUtcNow());
        if (result.Refused)
        {
            return Invalid<SessionResponse>(result.Problems);
        }

        db.FieldSessions.Add(result.Value!);
        await db.SaveChangesAsync(ct);
        return FieldWorkOutcome<SessionResponse>.Ok(Response(result.Value!, scope));
    }

    public async Task<FieldWorkOutcome<MeetingResponse>> RecordMeetingAsync(MeetingRequest request, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        if (UnitRefusal(request.UnitCode, user, scope) is { } refusal)
        {
            return new(null, refusal.Refusal, refusal.Errors);
        }

        var unit = request.UnitCode!.Trim();
        var result = FieldWorkRules.Meeting(request.ToDraft(), await FactsAsync(unit, scope, new Dictionary<string, DossierVersion>(), ct),
            VietnamTime.Today(clock), user.UserName, clock.GetUtcNow());
        if (result.Refused)
        {
            return Invalid<MeetingResponse>(result.Problems);
        }

        var (meeting, issues) = result.Value;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.CitizenMeetings.Add(meeting);
        await db.SaveChangesAsync(ct);
        foreach (var issue in issues)
        {
            issue.MeetingId = meeting.Id;
        }

        db.CitizenIssues.AddRange(issues);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return FieldWorkOutcome<MeetingResponse>.Ok((await MeetingResponsesAsync([meeting], user, scope, ct))[0]);
    }

    public async Task<FieldWorkOutcome<IssueResponse>> CloseIssueAsync(long meetingId, int number, CloseIssueRequest request, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var issue = await db.CitizenIssues.SingleOrDefaultAsync(i => i.MeetingId == meetingId && i.Number == number, ct);
        if (issue is null || !scope.Contains(issue.UnitCode) && issue.OwnerCode != user.StaffCode)
        {
            return FieldWorkOutcome<IssueResponse>.Refused(FieldWorkRefusal.NotFound);
        }

        if (!Follows(issue, user, scope))
        {
            return FieldWorkOutcome<IssueResponse>.Refused(FieldWorkRefusal.Forbidden);
        }

        var result = FieldWorkRules.Close(issue, request.Note, user.UserName, clock.GetUtcNow());
        if (result.Refused)
        {
            return Invalid<IssueResponse>(result.Problems);
        }

        await db.SaveChangesAsync(ct);
        return FieldWorkOutcome<IssueResponse>.Ok((await IssueResponsesAsync([issue], user, scope, ct))[0]);
    }

    /// <summary>Sessions of units in scope (or of <paramref name="unit"/>'s subtree), newest first.</summary>
    public async Task<IReadOnlyList<SessionResponse>> SessionsAsync(UnitScope scope, string? unit, CancellationToken ct)
    {
        var codes = Units(scope, unit);
        var sessions = await db.FieldSessions.AsNoTracking().Where(s => codes.Contains(s.UnitCode)).ToListAsync(ct);
        return [.. sessions.OrderByDescending(s => s.HeldOn).ThenByDescending(s => s.Id).Select(s => Response(s, scope))];
    }

    public async Task<SessionResponse?> SessionAsync(long id, UnitScope scope, CancellationToken ct) =>
        await db.FieldSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) is { } s && scope.Contains(s.UnitCode) ? Response(s, scope) : null;

    public async Task<IReadOnlyList<MeetingResponse>> MeetingsAsync(UnitScope scope, string? unit, CurrentUser user, CancellationToken ct)
    {
        var codes = Units(scope, unit);
        var meetings = await db.CitizenMeetings.AsNoTracking().Where(m => codes.Contains(m.UnitCode)).ToListAsync(ct);
        return await MeetingResponsesAsync([.. meetings.OrderByDescending(m => m.HeldOn).ThenByDescending(m => m.Id)], user, scope, ct);
    }

    public async Task<MeetingResponse?> MeetingAsync(long id, UnitScope scope, CurrentUser user, CancellationToken ct) =>
        await db.CitizenMeetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct) is { } m && scope.Contains(m.UnitCode)
            ? (await MeetingResponsesAsync([m], user, scope, ct))[0]
            : null;

    /// <summary>
    /// Follow-ups of units in scope and those the caller owns, soonest due first: the open ones
    /// (late ones included) for <c>open</c>, only the late ones for <c>late</c>, every one for <c>all</c>.
    /// </summary>
    public async Task<IReadOnlyList<IssueResponse>> FollowUpsAsync(UnitScope scope, CurrentUser user, string state, CancellationToken ct)
    {
        var codes = scope.Codes.ToList();
        var owner = user.StaffCode;
        var issues = await db.CitizenIssues.AsNoTracking()
            .Where(i => codes.Contains(i.UnitCode) || (owner != null && i.OwnerCode == owner))
            .Where(i => state == "all" || i.ClosedAt == null).ToListAsync(ct);
        var today = VietnamTime.Today(clock);
        var wanted = issues.Where(i => state != "late" || FieldWorkRules.State(i, today) == FollowUpState.Late)
            .OrderBy(i => i.DueOn).ThenBy(i => i.MeetingId).ThenBy(i => i.Number).ToList();
        return await IssueResponsesAsync(wanted, user, scope, ct);
    }

    /// <summary>The field work of <paramref name="unitCode"/>'s subtree over <c>[from, toExclusive)</c>, follow-ups as they stand today.</summary>
    public async Task<FieldWorkSummaryResponse> SummaryAsync(UnitScope scope, string unitCode, DateOnly from, DateOnly toExclusive, CancellationToken ct) =>
        (await SummariesAsync(scope, [unitCode], from, toExclusive, ct))[unitCode];

    /// <summary>
    /// The field work of each unit over its subtree, for a ranking of many units: the records of
    /// all of them read in four queries, whatever their number, and shared out in memory.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, FieldWorkSummaryResponse>> SummariesAsync(
        UnitScope scope, IReadOnlyCollection<string> unitCodes, DateOnly from, DateOnly toExclusive, CancellationToken ct)
    {
        var subtrees = unitCodes.Distinct(StringComparer.Ordinal).ToDictionary(c => c, c => scope.Tree.SubtreeOf(c), StringComparer.Ordinal);
        var list = subtrees.Values.SelectMany(s => s).Distinct(StringComparer.Ordinal).ToList();
        var sessions = await db.FieldSessions.AsNoTracking().Where(s => list.Contains(s.UnitCode) && s.HeldOn >= from && s.HeldOn < toExclusive).ToListAsync(ct);
        var meetings = await db.CitizenMeetings.AsNoTracking().Where(m => list.Contains(m.UnitCode) && m.HeldOn >= from && m.HeldOn < toExclusive).ToListAsync(ct);
        var ids = meetings.Select(m => m.Id).ToList();
        var issues = await db.CitizenIssues.AsNoTracking().Where(i => ids.Contains(i.MeetingId)).ToListAsync(ct);
        // A day's margin either side: the period is in Vietnam days, the records' instants in UTC.
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-1);
        var end = new DateTimeOffset(toExclusive.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(1);
        var dossiers = await db.Dossiers.AsNoTracking()
            .Where(d => d.Channel == DossierChannel.Mobile && list.Contains(d.UnitCode) && d.ReceivedAt >= start && d.ReceivedAt < end).ToListAsync(ct);
        var today = VietnamTime.Today(clock);
        return subtrees.ToDictionary(s => s.Key,
            s => FieldWorkSummaryResponse.Of(FieldWorkRules.Summary(s.Value, from, toExclusive, sessions, meetings, issues, dossiers, today)), StringComparer.Ordinal);
    }

    /// <summary>The units of a ranking, each with its field work over the same period.</summary>
    public async Task<IReadOnlyList<Collective.UnitResultResponse>> WithFieldWorkAsync(
        IReadOnlyList<Collective.UnitResultResponse> units, UnitScope scope, DateOnly from, DateOnly toExclusive, CancellationToken ct)
    {
        if (units.Count == 0)
        {
            return units;
        }

        var summaries = await SummariesAsync(scope, [.. units.Select(u => u.UnitCode)], from, toExclusive, ct);
        return [.. units.Select(u => u with { FieldWork = summaries[u.UnitCode] })];
    }

    public static bool MayClose(CitizenIssue issue, CurrentUser user, UnitScope scope) => issue.ClosedAt is null && Follows(issue, user, scope);

    /// <summary>The owner, or a manager or HR with the issue's unit in scope, answers for the follow-up.</summary>
    private static bool Follows(CitizenIssue issue, CurrentUser user, UnitScope scope) =>
        issue.OwnerCode == user.StaffCode || (MayRecord(user) && scope.Contains(issue.UnitCode));

    private (FieldWorkRefusal Refusal, Dictionary<string, string[]> Errors)? UnitRefusal(string? unitCode, CurrentUser user, UnitScope scope)
    {
        var code = unitCode?.Trim() ?? "";
        if (code.Length == 0)
        {
            return (FieldWorkRefusal.Invalid, new() { ["unit_code"] = [l[FieldWorkKeys.Required]] });
        }

        if (scope.Tree.Find(code) is null)
        {
            return (FieldWorkRefusal.Invalid, new() { ["unit_code"] = [l["FieldWork.Error.UnknownUnit", code]] });
        }

        return scope.Contains(code) && MayRecord(user) ? null : (FieldWorkRefusal.Forbidden, []);
    }

    private async Task<FieldFacts> FactsAsync(string unit, UnitScope scope, IReadOnlyDictionary<string, DossierVersion> dossiers, CancellationToken ct)
    {
        var staff = await db.Staff.AsNoTracking().Select(s => new { s.Code, s.UnitCode }).ToDictionaryAsync(s => s.Code, s => s.UnitCode, StringComparer.Ordinal, ct);
        return new FieldFacts(staff, scope.Tree.SubtreeOf(unit), dossiers);
    }

    private FieldWorkOutcome<T> Invalid<T>(IReadOnlyList<FieldProblem> problems) => new(default, FieldWorkRefusal.Invalid,
        problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => l[p.Key, [.. p.Args]].Value).ToArray()));

    private static List<string> Units(UnitScope scope, string? unit) =>
        unit is { Length: > 0 } code && scope.Contains(code.Trim()) ? [.. scope.Tree.SubtreeOf(code.Trim()).Where(scope.Contains)]
        : unit is { Length: > 0 } ? [] : [.. scope.Codes];

    private string UnitName(UnitScope scope, string code) => scope.Tree.Find(code) is { } u ? English ? u.NameEn : u.NameVi : code;

    private static string Clock(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private SessionResponse Response(FieldSession s, UnitScope scope) => new(
        s.Id, s.UnitCode, UnitName(scope, s.UnitCode), s.Place, s.HeldOn, Clock(s.StartsAt), Clock(s.EndsAt), s.MemberCodes,
        new(s.AdviceCount, s.DossiersReceivedCount, s.ResultsReturnedCount, s.OtherCount, s.CasesHandled), s.DossierIds, s.RecordedBy, s.RecordedAt);

    private async Task<IReadOnlyList<MeetingResponse>> MeetingResponsesAsync(IReadOnlyList<CitizenMeeting> meetings, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var ids = meetings.Select(m => m.Id).ToList();
        var issues = await db.CitizenIssues.AsNoTracking().Where(i => ids.Contains(i.MeetingId)).ToListAsync(ct);
        var described = (await IssueResponsesAsync([.. issues.OrderBy(i => i.Number)], user, scope, ct)).ToLookup(i => i.MeetingId);
        return [.. meetings.Select(m => new MeetingResponse(m.Id, m.UnitCode, UnitName(scope, m.UnitCode), m.Place, m.HeldOn, m.Chair, m.Attendance,
            [.. described[m.Id]], m.RecordedBy, m.RecordedAt))];
    }

    private async Task<IReadOnlyList<IssueResponse>> IssueResponsesAsync(IReadOnlyList<CitizenIssue> issues, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var owners = issues.Select(i => i.OwnerCode).Distinct(StringComparer.Ordinal).ToList();
        var names = await db.Staff.AsNoTracking().Where(s => owners.Contains(s.Code)).ToDictionaryAsync(s => s.Code, s => s.FullName, StringComparer.Ordinal, ct);
        var today = VietnamTime.Today(clock);
        return [.. issues.Select(i =>
        {
            var state = FieldWorkRules.State(i, today);
            return new IssueResponse(i.MeetingId, i.Number, i.Key, i.UnitCode, i.Text, i.OwnerCode, names.GetValueOrDefault(i.OwnerCode, i.OwnerCode), i.DueOn,
                StateCode(state), l["FieldWork.State." + state], i.ClosedAt, i.ClosedBy, i.ClosureNote, MayClose(i, user, scope));
        })];
    }

    public static string StateCode(FollowUpState state) => state switch
    {
        FollowUpState.Open => "open",
        FollowUpState.Late => "late",
        FollowUpState.Closed => "closed",
        _ => "closed_late",
    };
}
