using GovKpi.Core.Alerts;
using GovKpi.Core.Calendar;
using GovKpi.Core.DelegatedTasks;
using GovKpi.Core.Measurement;
using GovKpi.Core.Organisation;
using GovKpi.Core.Tasks;

namespace GovKpi.Core.Tests.Alerts;

public class EarlyWarningsTests
{
    private static readonly AlertPolicy Policy = AlertPolicy.HoChiMinhCity;
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Official;

    // The province, one agency (sở) with a division (phòng), and a commune.
    private static readonly OrganisationTree Tree = new(
    [
        Unit("P", UnitKind.Province, null),
        Unit("S", UnitKind.Agency, "P"),
        Unit("S.D", UnitKind.Division, "S"),
        Unit("X", UnitKind.Commune, "P"),
    ], []);

    private static readonly StaffMember[] Staff =
    [
        Person("handler", "S.D"),
        Person("division-head", "S.D", LeaderRole.Head),
        Person("agency-head", "S", LeaderRole.Head),
        Person("agency-deputy", "S", LeaderRole.Deputy),
        Person("commune-chair", "X", LeaderRole.Head),
    ];

    private static readonly AlertRecipients Recipients = new(Tree, Staff);

    // Monday 2 to Friday 6 March 2026 is a plain working week; the dossier is due Thursday at close of office.
    private static readonly DateTimeOffset ThursdayClose = At(2026, 3, 5, 17, 0);

    [Fact]
    public void An_item_due_within_24_working_hours_raises_one_green_alert_to_its_handler()
    {
        // Tuesday 08:00: 7.5 working hours left on Tuesday, 8 on Wednesday, 8 on Thursday.
        var changes = Evaluate([Dossier(ThursdayClose)], [], At(2026, 3, 3, 8, 0));

        var change = Assert.Single(changes);
        Assert.Equal(AlertChangeKind.Raised, change.Kind);
        Assert.Equal((AlertLevel.Green, "handler", RecipientRole.Handler), (change.Alert.Level, change.Alert.Recipient.StaffCode, change.Alert.Recipient.Role));
        Assert.True(change.Alert.IsOpen);
    }

    [Theory]
    // Monday 17:00: exactly 24 working hours (Tuesday to Thursday) are left.
    [InlineData(17, 0, true)]
    // Monday 16:00: 25 working hours are left.
    [InlineData(16, 0, false)]
    public void Green_starts_when_no_more_than_24_working_hours_are_left(int hour, int minute, bool green)
    {
        var changes = Evaluate([Dossier(ThursdayClose)], [], At(2026, 3, 2, hour, minute));

        Assert.Equal(green, changes.Count == 1);
    }

    [Fact]
    public void A_green_alert_closes_when_the_item_is_completed()
    {
        var alerts = Run([Dossier(ThursdayClose)], [], At(2026, 3, 4, 9, 0));
        var done = At(2026, 3, 4, 10, 0);

        var changes = Evaluate([Dossier(ThursdayClose, done)], alerts, At(2026, 3, 4, 10, 5));

        var change = Assert.Single(changes);
        Assert.Equal((AlertChangeKind.Closed, AlertLevel.Green, AlertCloseReason.ItemDone), (change.Kind, change.Alert.Level, change.Alert.CloseReason));
        Assert.Empty(Evaluate([Dossier(ThursdayClose, done)], EarlyWarnings.Apply(alerts, changes), At(2026, 3, 9, 8, 0)));
    }

    [Fact]
    public void An_item_one_working_day_late_raises_one_yellow_alert_to_the_division_head()
    {
        var alerts = Run([Dossier(ThursdayClose)], [], At(2026, 3, 5, 9, 0));

        // Friday 17:00: eight working hours late.
        var changes = Evaluate([Dossier(ThursdayClose)], alerts, At(2026, 3, 6, 17, 0));

        Assert.Equal(2, changes.Count);
        Assert.Contains(changes, c => c is { Kind: AlertChangeKind.Closed, Alert: { Level: AlertLevel.Green, CloseReason: AlertCloseReason.Climbed } });
        var yellow = Assert.Single(changes, c => c.Kind == AlertChangeKind.Climbed).Alert;
        Assert.Equal((AlertLevel.Yellow, "division-head", "S.D"), (yellow.Level, yellow.Recipient.StaffCode, yellow.Recipient.UnitCode));
    }

    [Theory]
    // Due Monday 2 March at close: Tuesday to Friday and Monday 9 make 40 working hours, Tuesday 10 at close 48.
    [InlineData(10, 17, 0, AlertLevel.Yellow)]
    [InlineData(11, 7, 31, AlertLevel.Red)]
    public void Beyond_48_working_hours_late_the_alert_turns_red_for_the_agency_head(int day, int hour, int minute, AlertLevel expected)
    {
        var changes = Evaluate([Dossier(At(2026, 3, 2, 17, 0))], [], At(2026, 3, day, hour, minute));

        var alert = Assert.Single(changes).Alert;
        Assert.Equal(expected, alert.Level);
        if (expected == AlertLevel.Red)
        {
            Assert.Equal((RecipientRole.AgencyHead, "S", "agency-head"), (alert.Recipient.Role, alert.Recipient.UnitCode, alert.Recipient.StaffCode));
        }
    }

    [Fact]
    public void An_item_first_seen_seriously_late_raises_only_the_red_alert()
    {
        var changes = Evaluate([Dossier(At(2026, 3, 2, 17, 0))], [], At(2026, 3, 20, 9, 0));

        var change = Assert.Single(changes);
        Assert.Equal((AlertChangeKind.Raised, AlertLevel.Red), (change.Kind, change.Alert.Level));
    }

    [Fact]
    public void Evaluating_twice_raises_nothing_more()
    {
        var items = new[] { Dossier(ThursdayClose), Dossier(At(2026, 3, 2, 17, 0), id: "D-2"), Dossier(At(2026, 3, 30, 17, 0), id: "D-3") };
        var now = At(2026, 3, 6, 10, 0);
        var first = Evaluate(items, [], now);

        Assert.Equal(Evaluate(items, [], now), first);
        Assert.Equal(2, first.Count);
        Assert.Empty(Evaluate(items, EarlyWarnings.Apply([], first), now));
        Assert.Empty(Evaluate(items, EarlyWarnings.Apply([], first), now.AddMinutes(10)));
    }

    [Fact]
    public void Evaluated_every_half_hour_an_item_climbs_green_yellow_red_once_each_and_closes_when_done()
    {
        var due = ThursdayClose;
        var done = At(2026, 3, 20, 10, 0);
        var alerts = new List<Alert>();
        var raised = new List<(AlertChangeKind, AlertLevel)>();
        for (var now = At(2026, 3, 1, 0, 0); now < At(2026, 3, 23, 0, 0); now = now.AddMinutes(30))
        {
            var changes = Evaluate([Dossier(due, now >= done ? done : null)], alerts, now);
            raised.AddRange(changes.Where(c => c.Kind != AlertChangeKind.Closed).Select(c => (c.Kind, c.Alert.Level)));
            alerts = [.. EarlyWarnings.Apply(alerts, changes)];
            Assert.True(alerts.Count(a => a.IsOpen) <= 1);
        }

        Assert.Equal([(AlertChangeKind.Raised, AlertLevel.Green), (AlertChangeKind.Climbed, AlertLevel.Yellow), (AlertChangeKind.Climbed, AlertLevel.Red)], raised);
        Assert.Equal(
            [(AlertLevel.Green, AlertCloseReason.Climbed), (AlertLevel.Yellow, AlertCloseReason.Climbed), (AlertLevel.Red, AlertCloseReason.ItemDone)],
            alerts.OrderBy(a => a.Level).Select(a => (a.Level, a.CloseReason)));
    }

    [Fact]
    public void A_weekend_or_Tet_does_not_count_toward_lateness()
    {
        // Due Friday 6 March at close; Monday 9 at opening nothing of the weekend counted: still green.
        Assert.Equal(AlertLevel.Green, EarlyWarnings.LevelAt(Dossier(At(2026, 3, 6, 17, 0)), At(2026, 3, 9, 7, 30), Policy, Calendar));
        // Due Friday 13 February 2026, the eve of the Tết break (14–22 February): ten days later,
        // Monday 23 at 11:30, it is four working hours late, yellow, not red.
        Assert.Equal(AlertLevel.Yellow, EarlyWarnings.LevelAt(Dossier(At(2026, 2, 13, 17, 0)), At(2026, 2, 23, 11, 30), Policy, Calendar));
    }

    [Fact]
    public void Moving_the_deadline_later_closes_the_yellow_alert_and_does_not_raise_green_a_second_time()
    {
        var alerts = Run([Dossier(ThursdayClose)], [], At(2026, 3, 5, 9, 0));
        alerts = Run([Dossier(ThursdayClose)], alerts, At(2026, 3, 6, 9, 0));

        var changes = Evaluate([Dossier(At(2026, 3, 9, 17, 0))], alerts, At(2026, 3, 6, 10, 0));

        var change = Assert.Single(changes);
        Assert.Equal((AlertChangeKind.Closed, AlertLevel.Yellow, AlertCloseReason.NoLongerApplies), (change.Kind, change.Alert.Level, change.Alert.CloseReason));
    }

    [Fact]
    public void When_nobody_heads_the_division_the_yellow_alert_names_the_vacant_post()
    {
        var recipients = new AlertRecipients(Tree, Staff.Where(s => s.Code != "division-head"));

        var changes = EarlyWarnings.Evaluate([Dossier(ThursdayClose)], [], At(2026, 3, 6, 17, 0), Policy, Calendar, recipients);

        var recipient = Assert.Single(changes).Alert.Recipient;
        Assert.Equal((RecipientRole.DivisionHead, "S.D", null, true), (recipient.Role, recipient.UnitCode, recipient.StaffCode, recipient.IsVacant));
    }

    [Fact]
    public void Without_an_agency_head_a_deputy_receives_the_red_alert()
    {
        var recipients = new AlertRecipients(Tree, Staff.Where(s => s.Code != "agency-head"));

        var changes = EarlyWarnings.Evaluate([Dossier(At(2026, 3, 2, 17, 0))], [], At(2026, 3, 20, 9, 0), Policy, Calendar, recipients);

        Assert.Equal("agency-deputy", Assert.Single(changes).Alert.Recipient.StaffCode);
    }

    [Fact]
    public void A_delegated_task_warns_the_head_of_each_receiving_unit_and_closes_that_units_alert_on_its_100_percent_report()
    {
        var task = new RegisteredTask
        {
            Code = "T-1", Title = "Cấp phép", SourceBody = "Bộ KH&CN", LegalBasis = "133/2025/NĐ-CP", Kind = DelegationKind.Decentralised,
            FromLevel = GovernmentLevel.Ministry, ToLevel = GovernmentLevel.Commune, ReceivingUnitCodes = ["X", "Y"],
            StartOn = new(2026, 2, 2), DueOn = new(2026, 3, 5), ReportRhythm = ReportRhythm.Once,
        };
        ImplementationReport[] halfway = [new("T-1", "X", new(2026, 3, 1), 50, "", [], "commune-chair")];
        var items = WatchedItem.From(task, halfway, Policy.Hours);
        var item = Assert.Single(items, i => i.UnitCode == "X");

        var green = Assert.Single(Evaluate([item], [], At(2026, 3, 4, 8, 0))).Alert;
        var yellow = Assert.Single(Evaluate([item], [], At(2026, 3, 6, 9, 0)), c => c.Kind == AlertChangeKind.Raised).Alert;
        var finished = WatchedItem.From(task, [.. halfway, new("T-1", "X", new(2026, 3, 6), 100, "", [], "commune-chair")], Policy.Hours);
        var loweredAgain = WatchedItem.From(task, [.. halfway, new("T-1", "X", new(2026, 3, 6), 100, "", [], "commune-chair"),
            new("T-1", "X", new(2026, 3, 7), 60, "", [], "commune-chair")], Policy.Hours);

        Assert.Equal(["T-1/X", "T-1/Y"], items.Select(i => i.Id));
        Assert.Equal((RecipientRole.Handler, "X", "commune-chair"), (green.Recipient.Role, green.Recipient.UnitCode, green.Recipient.StaffCode));
        Assert.Equal((RecipientRole.DivisionHead, "commune-chair"), (yellow.Recipient.Role, yellow.Recipient.StaffCode));
        Assert.Null(Assert.Single(finished, i => i.UnitCode == "Y").DoneAt);
        Assert.Null(Assert.Single(loweredAgain, i => i.UnitCode == "X").DoneAt);
        Assert.Equal(AlertCloseReason.ItemDone, Assert.Single(Evaluate([Assert.Single(finished, i => i.UnitCode == "X")], [yellow], At(2026, 3, 6, 17, 30))).Alert.CloseReason);
    }

    [Fact]
    public void An_assigned_task_is_due_at_close_of_its_working_due_day_and_open_again_when_its_product_is_returned()
    {
        var task = Assignment(new(2026, 3, 5));
        Assert.Equal(ThursdayClose, WatchedItem.From(task, Policy.Hours, Calendar).DueAt);
        Assert.Null(WatchedItem.From(task, Policy.Hours, Calendar).DoneAt);

        task.State = AssignmentState.Submitted;
        task.SubmittedAt = At(2026, 3, 5, 16, 0);
        Assert.Equal(At(2026, 3, 5, 16, 0), WatchedItem.From(task, Policy.Hours, Calendar).DoneAt);

        task.State = AssignmentState.Returned;
        Assert.Null(WatchedItem.From(task, Policy.Hours, Calendar).DoneAt);

        // Due on Sunday 8 March: the deadline moves to Monday's close, as the task's scoring moves it.
        Assert.Equal(At(2026, 3, 9, 17, 0), WatchedItem.From(Assignment(new(2026, 3, 8)), Policy.Hours, Calendar).DueAt);
    }

    [Fact]
    public void A_finished_dossier_is_done_at_its_finish_time()
    {
        var dossier = new DossierVersion("D-9", "P-1", "S.D", "handler", DossierChannel.Online, At(2026, 3, 2, 8, 0), ThursdayClose,
            At(2026, 3, 4, 15, 0), DossierStatus.ResultReturned, 0, false, At(2026, 3, 4, 15, 1));

        Assert.Equal(At(2026, 3, 4, 15, 0), WatchedItem.From(dossier).DoneAt);
        Assert.Null(WatchedItem.From(dossier with { Status = DossierStatus.SupplementRequested, FinishedAt = null }).DoneAt);
    }

    [Fact]
    public void The_same_item_passed_twice_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Evaluate([Dossier(ThursdayClose), Dossier(ThursdayClose)], [], At(2026, 3, 3, 8, 0)));
    }

    private static IReadOnlyList<AlertChange> Evaluate(IEnumerable<WatchedItem> items, IEnumerable<Alert> alerts, DateTimeOffset now) =>
        EarlyWarnings.Evaluate(items, alerts, now, Policy, Calendar, Recipients);

    private static IReadOnlyList<Alert> Run(IEnumerable<WatchedItem> items, IReadOnlyList<Alert> alerts, DateTimeOffset now) =>
        EarlyWarnings.Apply(alerts, Evaluate(items, alerts, now));

    private static WatchedItem Dossier(DateTimeOffset due, DateTimeOffset? done = null, string id = "D-1") =>
        new(WatchedKind.Dossier, id, "S.D", "handler", due, done);

    private static TaskAssignment Assignment(DateOnly due) => new()
    {
        Id = "A-1", Source = "manual", UnitCode = "S.D", StaffCode = "handler", TaskTypeCode = "B1", CatalogueAgencyCode = "S",
        DueOn = due, AssignedOn = new(2026, 3, 2), ExpectedProduct = "Báo cáo", QualityCheck = "Đúng hạn", AssignedBy = "division-head",
    };

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, VietnamTime.Offset);

    private static Unit Unit(string code, UnitKind kind, string? parent) => new()
    {
        Code = code, NameVi = code, NameEn = code, Kind = kind, ParentCode = parent, EffectiveFrom = new(2025, 7, 1),
    };

    private static StaffMember Person(string code, string unit, LeaderRole leader = LeaderRole.None) => new()
    {
        Code = code, FullName = code, Type = StaffType.CongChuc, UnitCode = unit, PositionCode = "CV", Leader = leader,
    };
}
