using System.Globalization;
using GovKpi.Core.Alerts;
using GovKpi.Core.Measurement;

namespace GovKpi.Core.FieldWork;

/// <summary>A field session as a form or the API gives it: text, parsed here so every problem names its field.</summary>
public sealed record SessionDraft(
    string? UnitCode, string? Place, string? HeldOn, string? StartsAt, string? EndsAt, IReadOnlyList<string>? MemberCodes,
    int? Advice, int? DossiersReceived, int? ResultsReturned, int? Other, IReadOnlyList<string>? DossierIds);

public sealed record IssueDraft(string? Text, string? OwnerCode, string? DueOn);

public sealed record MeetingDraft(string? UnitCode, string? Place, string? HeldOn, string? Chair, int? Attendance, IReadOnlyList<IssueDraft>? Issues);

/// <summary>
/// What the rules check a draft against: the staff by code (with their unit), the units the
/// session's unit covers (itself and its subtree), and the dossiers a session names, as their latest
/// versions stand.
/// </summary>
public sealed record FieldFacts(
    IReadOnlyDictionary<string, string> StaffUnits, IReadOnlySet<string> UnitSubtree, IReadOnlyDictionary<string, DossierVersion> Dossiers);

/// <summary>One unit's field work over a period (sessions and meetings held in it), with its follow-ups as they stand on <c>today</c>.</summary>
public sealed record FieldWorkSummary(
    int Sessions, int CasesHandled, int Advice, int DossiersReceived, int ResultsReturned, int Other, int MobileDossiers,
    int Meetings, int Attendance, int IssuesRaised, int IssuesClosed, int IssuesOpen, int IssuesLate);

public static class FieldWorkKeys
{
    public const string Required = "FieldWork.Error.Required";
    public const string BadDate = "FieldWork.Error.Date";
    public const string BadTime = "FieldWork.Error.Time";
    public const string EndBeforeStart = "FieldWork.Error.EndBeforeStart";
    public const string Negative = "FieldWork.Error.Negative";
    public const string TooLong = "FieldWork.Error.TooLong";
    public const string NoMembers = "FieldWork.Error.NoMembers";
    public const string UnknownStaff = "FieldWork.Error.UnknownStaff";
    public const string Duplicate = "FieldWork.Error.Duplicate";
    public const string UnknownDossier = "FieldWork.Error.UnknownDossier";
    public const string DossierOtherUnit = "FieldWork.Error.DossierOtherUnit";
    public const string DossierNotMobile = "FieldWork.Error.DossierNotMobile";
    public const string FewerReceived = "FieldWork.Error.FewerReceived";
    public const string DueBeforeMeeting = "FieldWork.Error.DueBeforeMeeting";
    public const string InFuture = "FieldWork.Error.InFuture";
    public const string AlreadyClosed = "FieldWork.Error.AlreadyClosed";
}

/// <summary>
/// The rules of the mobile-team and citizen-contact log (issue 14, item 5): what a valid session and
/// meeting are, how a follow-up is closed, when it is late, what the unit's results count, and how
/// the early-warning engine sees a follow-up.
/// </summary>
public static class FieldWorkRules
{
    public const int MaximumText = 2000;
    public const int MaximumPlace = 200;
    public const int MaximumCount = 100_000;

    /// <summary>A session from its draft, held on or before <paramref name="today"/> (Vietnam), or every problem located by field.</summary>
    public static FieldResult<FieldSession> Session(SessionDraft draft, FieldFacts facts, DateOnly today, string recordedBy, DateTimeOffset at)
    {
        var problems = new List<FieldProblem>();
        var place = Text(draft.Place, "place", MaximumPlace, problems);
        var heldOn = Day(draft.HeldOn, "held_on", problems);
        if (heldOn > today)
        {
            problems.Add(new("held_on", FieldWorkKeys.InFuture, Day(today)));
        }

        var starts = Time(draft.StartsAt, "starts_at", problems);
        var ends = Time(draft.EndsAt, "ends_at", problems);
        if (starts is { } s && ends is { } e && e <= s)
        {
            problems.Add(new("ends_at", FieldWorkKeys.EndBeforeStart, draft.StartsAt!.Trim()));
        }

        var members = Codes(draft.MemberCodes, "member_codes", problems);
        if (members.Count == 0)
        {
            problems.Add(new("member_codes", FieldWorkKeys.NoMembers));
        }

        for (var i = 0; i < members.Count; i++)
        {
            if (!facts.StaffUnits.ContainsKey(members[i]))
            {
                problems.Add(new($"member_codes[{i}]", FieldWorkKeys.UnknownStaff, members[i]));
            }
        }

        var advice = Count(draft.Advice, "cases.advice", problems);
        var received = Count(draft.DossiersReceived, "cases.dossier_received", problems);
        var returned = Count(draft.ResultsReturned, "cases.result_returned", problems);
        var other = Count(draft.Other, "cases.other", problems);
        var dossiers = Codes(draft.DossierIds, "dossier_ids", problems);
        for (var i = 0; i < dossiers.Count; i++)
        {
            if (!facts.Dossiers.TryGetValue(dossiers[i], out var dossier))
            {
                problems.Add(new($"dossier_ids[{i}]", FieldWorkKeys.UnknownDossier, dossiers[i]));
            }
            else if (!facts.UnitSubtree.Contains(dossier.UnitCode))
            {
                problems.Add(new($"dossier_ids[{i}]", FieldWorkKeys.DossierOtherUnit, dossiers[i], dossier.UnitCode));
            }
            else if (dossier.Channel != DossierChannel.Mobile)
            {
                problems.Add(new($"dossier_ids[{i}]", FieldWorkKeys.DossierNotMobile, dossiers[i]));
            }
        }

        if (received < dossiers.Count)
        {
            problems.Add(new("cases.dossier_received", FieldWorkKeys.FewerReceived, received.ToString(CultureInfo.InvariantCulture), dossiers.Count.ToString(CultureInfo.InvariantCulture)));
        }

        if (problems.Count > 0)
        {
            return new(null, problems);
        }

        return new(new FieldSession
        {
            UnitCode = draft.UnitCode!.Trim(), Place = place, HeldOn = heldOn!.Value, StartsAt = starts!.Value, EndsAt = ends!.Value, MemberCodes = members,
            AdviceCount = advice, DossiersReceivedCount = received, ResultsReturnedCount = returned, OtherCount = other, DossierIds = dossiers,
            RecordedBy = recordedBy, RecordedAt = at,
        }, []);
    }

    /// <summary>A meeting and its issues (numbered 1, 2, … in order, each owned by a known staff member, due on or after the meeting), or every problem located by field.</summary>
    public static FieldResult<(CitizenMeeting Meeting, IReadOnlyList<CitizenIssue> Issues)> Meeting(
        MeetingDraft draft, FieldFacts facts, DateOnly today, string recordedBy, DateTimeOffset at)
    {
        var problems = new List<FieldProblem>();
        var place = Text(draft.Place, "place", MaximumPlace, problems);
        var heldOn = Day(draft.HeldOn, "held_on", problems);
        if (heldOn > today)
        {
            problems.Add(new("held_on", FieldWorkKeys.InFuture, Day(today)));
        }

        var chair = Text(draft.Chair, "chair", MaximumPlace, problems);
        var attendance = Count(draft.Attendance, "attendance", problems);
        var issues = new List<CitizenIssue>();
        var drafts = draft.Issues ?? [];
        for (var i = 0; i < drafts.Count; i++)
        {
            var text = Text(drafts[i].Text, $"issues[{i}].text", MaximumText, problems);
            var owner = Text(drafts[i].OwnerCode, $"issues[{i}].owner_code", 40, problems);
            if (owner.Length > 0 && !facts.StaffUnits.ContainsKey(owner))
            {
                problems.Add(new($"issues[{i}].owner_code", FieldWorkKeys.UnknownStaff, owner));
            }

            var due = Day(drafts[i].DueOn, $"issues[{i}].due_on", problems);
            if (due is { } d && heldOn is { } h && d < h)
            {
                problems.Add(new($"issues[{i}].due_on", FieldWorkKeys.DueBeforeMeeting, Day(h)));
            }

            if (due is { } dueOn)
            {
                issues.Add(new CitizenIssue { Number = i + 1, UnitCode = draft.UnitCode?.Trim() ?? "", Text = text, OwnerCode = owner, DueOn = dueOn });
            }
        }

        if (problems.Count > 0)
        {
            return new(default, problems);
        }

        var meeting = new CitizenMeeting
        {
            UnitCode = draft.UnitCode!.Trim(), Place = place, HeldOn = heldOn!.Value, Chair = chair, Attendance = attendance, RecordedBy = recordedBy, RecordedAt = at,
        };
        return new((meeting, issues), []);
    }

    /// <summary>Closes a follow-up with a note saying what was done; a closed one stays closed.</summary>
    public static FieldResult<CitizenIssue> Close(CitizenIssue issue, string? note, string closedBy, DateTimeOffset at)
    {
        var problems = new List<FieldProblem>();
        if (issue.ClosedAt is not null)
        {
            problems.Add(new("issue", FieldWorkKeys.AlreadyClosed, issue.ClosedAt.Value.ToOffset(VietnamTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)));
        }

        var text = Text(note, "note", MaximumText, problems);
        if (problems.Count > 0)
        {
            return new(null, problems);
        }

        issue.ClosedAt = at;
        issue.ClosedBy = closedBy;
        issue.ClosureNote = text;
        return new(issue, []);
    }

    /// <summary>
    /// Where a follow-up stands on <paramref name="today"/> (Vietnam): late once its due date has
    /// passed while open, and closed late when closed (Vietnam date) after its due date.
    /// </summary>
    public static FollowUpState State(CitizenIssue issue, DateOnly today)
    {
        if (issue.ClosedAt is { } closed)
        {
            return DateOnly.FromDateTime(closed.ToOffset(VietnamTime.Offset).DateTime) > issue.DueOn ? FollowUpState.ClosedLate : FollowUpState.Closed;
        }

        return today > issue.DueOn ? FollowUpState.Late : FollowUpState.Open;
    }

    /// <summary>
    /// The follow-up as the early-warning engine watches it: its owner is the handler, it falls due
    /// at the close of office on its due date, and it is done when closed.
    /// </summary>
    public static WatchedItem Watched(CitizenIssue issue, WorkingHours hours) =>
        new(WatchedKind.CitizenIssue, issue.Key, issue.UnitCode, issue.OwnerCode, hours.CloseOf(issue.DueOn), issue.ClosedAt);

    /// <summary>
    /// The unit's field work over <c>[from, toExclusive)</c>: sessions and meetings held in it by the
    /// units of <paramref name="units"/>, the issues those meetings raised as they stand on
    /// <paramref name="today"/>, and the mobile-channel dossiers those units received in it.
    /// </summary>
    public static FieldWorkSummary Summary(
        IReadOnlySet<string> units, DateOnly from, DateOnly toExclusive, IEnumerable<FieldSession> sessions, IEnumerable<CitizenMeeting> meetings,
        IEnumerable<CitizenIssue> issues, IEnumerable<DossierVersion> dossiers, DateOnly today)
    {
        bool In(string unit, DateOnly day) => units.Contains(unit) && day >= from && day < toExclusive;
        var held = sessions.Where(s => In(s.UnitCode, s.HeldOn)).ToList();
        var met = meetings.Where(m => In(m.UnitCode, m.HeldOn)).ToList();
        var ids = met.Select(m => m.Id).ToHashSet();
        var raised = issues.Where(i => ids.Contains(i.MeetingId)).Select(i => State(i, today)).ToList();
        var mobile = dossiers.Count(d => d.Channel == DossierChannel.Mobile && In(d.UnitCode, DateOnly.FromDateTime(d.ReceivedAt.ToOffset(VietnamTime.Offset).DateTime)));
        return new(
            held.Count, held.Sum(s => s.CasesHandled), held.Sum(s => s.AdviceCount), held.Sum(s => s.DossiersReceivedCount), held.Sum(s => s.ResultsReturnedCount),
            held.Sum(s => s.OtherCount), mobile, met.Count, met.Sum(m => m.Attendance), raised.Count,
            raised.Count(s => s is FollowUpState.Closed or FollowUpState.ClosedLate), raised.Count(s => s is FollowUpState.Open or FollowUpState.Late),
            raised.Count(s => s is FollowUpState.Late or FollowUpState.ClosedLate));
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Text(string? value, string field, int maximum, List<FieldProblem> problems)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            problems.Add(new(field, FieldWorkKeys.Required));
        }
        else if (text.Length > maximum)
        {
            problems.Add(new(field, FieldWorkKeys.TooLong, maximum.ToString(CultureInfo.InvariantCulture)));
        }

        return text;
    }

    private static DateOnly? Day(string? value, string field, List<FieldProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new(field, FieldWorkKeys.Required));
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        problems.Add(new(field, FieldWorkKeys.BadDate, value.Trim()));
        return null;
    }

    private static TimeOnly? Time(string? value, string field, List<FieldProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new(field, FieldWorkKeys.Required));
            return null;
        }

        if (TimeOnly.TryParseExact(value.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        problems.Add(new(field, FieldWorkKeys.BadTime, value.Trim()));
        return null;
    }

    private static int Count(int? value, string field, List<FieldProblem> problems)
    {
        if (value is < 0 or > MaximumCount)
        {
            problems.Add(new(field, FieldWorkKeys.Negative, MaximumCount.ToString(CultureInfo.InvariantCulture)));
            return 0;
        }

        return value ?? 0;
    }

    /// <summary>Codes trimmed; a blank or repeated code is a problem at its place, and is left out.</summary>
    private static List<string> Codes(IReadOnlyList<string>? values, string field, List<FieldProblem> problems)
    {
        var codes = new List<string>();
        var given = values ?? [];
        for (var i = 0; i < given.Count; i++)
        {
            var code = given[i]?.Trim() ?? "";
            if (code.Length == 0)
            {
                problems.Add(new($"{field}[{i}]", FieldWorkKeys.Required));
            }
            else if (codes.Contains(code, StringComparer.Ordinal))
            {
                problems.Add(new($"{field}[{i}]", FieldWorkKeys.Duplicate, code));
            }
            else
            {
                codes.Add(code);
            }
        }

        return codes;
    }
}
