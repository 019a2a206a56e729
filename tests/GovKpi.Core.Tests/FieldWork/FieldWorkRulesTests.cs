using GovKpi.Core.Alerts;
using GovKpi.Core.FieldWork;
using GovKpi.Core.Measurement;

namespace GovKpi.Core.Tests.FieldWork;

public sealed class FieldWorkRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(7));

    private static DossierVersion Dossier(string id, DossierChannel channel, string unit = "C1-TT", DateTimeOffset? received = null) => new(
        id, "1.001193", unit, "S001", channel, received ?? Now.AddHours(-2), Now.AddDays(5), null, DossierStatus.Processing, 0, false, Now);

    private static readonly FieldFacts Facts = new(
        new Dictionary<string, string> { ["S001"] = "C1-TT", ["S002"] = "C1-TT", ["S003"] = "C1" },
        new HashSet<string> { "C1-TT" },
        new Dictionary<string, DossierVersion>
        {
            ["M1"] = Dossier("M1", DossierChannel.Mobile), ["P1"] = Dossier("P1", DossierChannel.InPerson), ["O1"] = Dossier("O1", DossierChannel.Mobile, "C2-TT"),
        });

    private static SessionDraft Session(IReadOnlyList<string>? dossiers = null, string starts = "07:30", string ends = "11:00", int received = 2) =>
        new("C1-TT", "Thôn Suối Mơ", "2026-12-07", starts, ends, ["S001", "S002"], 5, received, 1, null, dossiers ?? ["M1"]);

    private static CitizenIssue Issue(DateOnly due, DateTimeOffset? closed = null) => new()
    {
        Id = 1, MeetingId = 7, Number = 2, UnitCode = "C1", Text = "Đường xuống cấp", OwnerCode = "S003", DueOn = due, ClosedAt = closed,
    };

    [Fact]
    public void A_valid_session_counts_its_cases_and_keeps_its_mobile_dossiers()
    {
        var result = FieldWorkRules.Session(Session(), Facts, Today, "manager", Now);

        Assert.False(result.Refused);
        Assert.Equal((8, "M1", new TimeOnly(7, 30)), (result.Value!.CasesHandled, string.Join(",", result.Value.DossierIds), result.Value.StartsAt));
    }

    [Fact]
    public void A_session_naming_a_counter_dossier_another_units_dossier_or_an_unknown_one_is_refused_at_each_place()
    {
        var result = FieldWorkRules.Session(Session(["P1", "O1", "X9"], received: 3), Facts, Today, "manager", Now);

        Assert.Equal(
            [("dossier_ids[0]", FieldWorkKeys.DossierNotMobile), ("dossier_ids[1]", FieldWorkKeys.DossierOtherUnit), ("dossier_ids[2]", FieldWorkKeys.UnknownDossier)],
            result.Problems.Select(p => (p.Field, p.Key)));
    }

    [Fact]
    public void A_session_ending_before_it_starts_held_tomorrow_or_listing_more_dossiers_than_received_is_refused()
    {
        var draft = Session(ends: "07:00", received: 0) with { HeldOn = "2026-12-08" };

        var result = FieldWorkRules.Session(draft, Facts, Today, "manager", Now);

        Assert.Equal(["held_on", "ends_at", "cases.dossier_received"], result.Problems.Select(p => p.Field));
    }

    [Fact]
    public void Meeting_issues_are_numbered_in_order_and_one_due_before_the_meeting_or_owned_by_nobody_known_is_refused()
    {
        var good = FieldWorkRules.Meeting(new MeetingDraft("C1", "Nhà văn hóa", "2026-12-05", "Nguyễn Văn Hải", 50,
            [new("Đèn đường", "S001", "2026-12-20"), new("Nước sạch", "S003", "2026-12-31")]), Facts, Today, "manager", Now);
        var bad = FieldWorkRules.Meeting(new MeetingDraft("C1", "Nhà văn hóa", "2026-12-05", "Nguyễn Văn Hải", -1,
            [new("Đèn đường", "S404", "2026-12-04")]), Facts, Today, "manager", Now);

        Assert.Equal([(1, "S001"), (2, "S003")], good.Value.Issues.Select(i => (i.Number, i.OwnerCode)));
        Assert.Equal(["attendance", "issues[0].owner_code", "issues[0].due_on"], bad.Problems.Select(p => p.Field));
    }

    [Fact]
    public void A_follow_up_is_late_after_its_due_date_and_closed_late_when_closed_after_it()
    {
        var due = new DateOnly(2026, 12, 4);

        Assert.Equal(FollowUpState.Open, FieldWorkRules.State(Issue(due), due));
        Assert.Equal(FollowUpState.Late, FieldWorkRules.State(Issue(due), due.AddDays(1)));
        // 16:30 UTC on the 4th is 23:30 in Vietnam: still the due day.
        Assert.Equal(FollowUpState.Closed, FieldWorkRules.State(Issue(due, new DateTimeOffset(2026, 12, 4, 16, 30, 0, TimeSpan.Zero)), Today));
        Assert.Equal(FollowUpState.ClosedLate, FieldWorkRules.State(Issue(due, new DateTimeOffset(2026, 12, 4, 17, 30, 0, TimeSpan.Zero)), Today));
    }

    [Fact]
    public void Closing_needs_a_note_and_a_closed_follow_up_stays_closed()
    {
        var issue = Issue(Today);

        Assert.Equal("note", Assert.Single(FieldWorkRules.Close(issue, " ", "staff", Now).Problems).Field);
        Assert.False(FieldWorkRules.Close(issue, "Đã sửa", "staff", Now).Refused);
        Assert.Equal(FieldWorkKeys.AlreadyClosed, Assert.Single(FieldWorkRules.Close(issue, "Lần nữa", "staff", Now.AddHours(1)).Problems).Key);
        Assert.Equal(("staff", "Đã sửa", Now), (issue.ClosedBy, issue.ClosureNote, issue.ClosedAt));
    }

    [Fact]
    public void The_early_warning_engine_sees_a_follow_up_owned_by_its_owner_due_at_the_close_of_office()
    {
        var item = FieldWorkRules.Watched(Issue(new DateOnly(2026, 12, 4)), WorkingHours.Office);

        Assert.Equal((WatchedKind.CitizenIssue, "7/2", "C1", "S003", new DateTimeOffset(2026, 12, 4, 17, 0, 0, TimeSpan.FromHours(7)), (DateTimeOffset?)null),
            (item.Kind, item.Id, item.UnitCode, item.HandlerCode, item.DueAt, item.DoneAt));
    }

    [Fact]
    public void The_unit_summary_counts_the_periods_sessions_meetings_issues_and_mobile_dossiers_of_its_units()
    {
        var units = new HashSet<string> { "C1", "C1-TT" };
        var december = new DateOnly(2026, 12, 1);
        FieldSession Held(string unit, int day) => new()
        {
            UnitCode = unit, Place = "Thôn", HeldOn = new DateOnly(2026, 12, day), MemberCodes = ["S001"], AdviceCount = 3, DossiersReceivedCount = 1,
            DossierIds = [], RecordedBy = "m",
        };
        CitizenMeeting Met(long id, string unit, int month) => new() { Id = id, UnitCode = unit, Place = "Nhà văn hóa", HeldOn = new DateOnly(2026, month, 2), Chair = "Hải", Attendance = 20, RecordedBy = "m" };
        var issues = new[]
        {
            Issue(new DateOnly(2026, 12, 20)), Issue(new DateOnly(2026, 12, 3)), Issue(new DateOnly(2026, 12, 3), Now), new CitizenIssue
            {
                MeetingId = 8, Number = 1, UnitCode = "C2", Text = "x", OwnerCode = "S004", DueOn = new DateOnly(2026, 12, 1),
            },
        };

        var summary = FieldWorkRules.Summary(units, december, december.AddMonths(1),
            [Held("C1-TT", 3), Held("C1", 5), Held("C2-TT", 5), Held("C1-TT", 1)],
            [Met(7, "C1", 12), Met(8, "C2", 12), Met(9, "C1", 11)], issues,
            [Dossier("M1", DossierChannel.Mobile), Dossier("P1", DossierChannel.InPerson), Dossier("O1", DossierChannel.Mobile, "C2-TT")], Today);

        Assert.Equal(new FieldWorkSummary(3, 12, 9, 3, 0, 0, 1, 1, 20, 3, 1, 2, 2), summary);
    }
}
