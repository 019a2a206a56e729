using GovKpi.Core.Access;
using GovKpi.Core.DelegatedTasks;
using GovKpi.Core.Organisation;

namespace GovKpi.Core.Tests.DelegatedTasks;

public class RegisterTests
{
    private static readonly DateOnly Reform = new(2025, 7, 1);

    private static Unit U(string code, UnitKind kind, string? parent, DateOnly from, DateOnly? to = null) =>
        new() { Code = code, NameVi = code, NameEn = code, Kind = kind, ParentCode = parent, EffectiveFrom = from, EffectiveTo = to };

    private static readonly IReadOnlyDictionary<string, Unit> Units = new[]
    {
        U("P", UnitKind.Province, null, new(2020, 1, 1)),
        U("SNV", UnitKind.Agency, "P", new(2020, 1, 1)),
        U("SNV.TCCB", UnitKind.Division, "SNV", new(2020, 1, 1)),
        U("XA-CU", UnitKind.Commune, "P", new(2020, 1, 1), Reform),
        U("XA-A", UnitKind.Commune, "P", Reform),
        U("XA-B", UnitKind.Commune, "P", Reform),
        U("Q", UnitKind.Province, null, new(2020, 1, 1)),
        U("XA-Q", UnitKind.Commune, "Q", Reform),
    }.ToDictionary(u => u.Code);

    private static RegisteredTask Task(params string[] units) => new()
    {
        Code = "NV-01", Title = "Cấp giấy phép xây dựng", SourceBody = "Bộ Xây dựng", LegalBasis = "Nghị định 133/2025/NĐ-CP",
        Kind = DelegationKind.Decentralised, FromLevel = GovernmentLevel.Ministry, ToLevel = GovernmentLevel.Province,
        ReceivingUnitCodes = units.Length == 0 ? ["SNV"] : units, StartOn = new(2025, 9, 1), DueOn = new(2025, 12, 31), ReportRhythm = ReportRhythm.Monthly,
    };

    private static RegisteredTask CommuneTask(params string[] units) =>
        Task(units) with { FromLevel = GovernmentLevel.Province, ToLevel = GovernmentLevel.Commune, Kind = DelegationKind.Delegated };

    [Fact]
    public void A_task_for_a_commune_abolished_before_its_start_is_refused_naming_the_unit_and_the_day_it_ceased()
    {
        var result = TaskRegistration.Register(CommuneTask("XA-A", "XA-CU"), Units);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("receiving_unit_codes[1]", RegisterKeys.UnitCeased), (problem.Field, problem.Key));
        Assert.Equal(["XA-CU", "2025-07-01"], problem.Args);
        Assert.Null(result.Value);
    }

    [Fact]
    public void A_task_for_several_units_in_force_is_registered_in_progress_with_an_entry_naming_them()
    {
        var result = TaskRegistration.Register(Task("SNV", "SNV.TCCB"), Units);

        Assert.Empty(result.Problems);
        Assert.Equal(DelegatedTaskStatus.InProgress, result.Value!.Status);
        var change = Assert.Single(result.Changes);
        Assert.Equal((TaskActions.Registered, "SNV;SNV.TCCB"), (change.Action, change.NewValue));
    }

    [Fact]
    public void A_unit_founded_after_the_start_is_refused_naming_the_day_it_comes_into_force()
    {
        var result = TaskRegistration.Register(CommuneTask("XA-A") with { StartOn = new(2025, 6, 1) }, Units);

        Assert.Equal([RegisterKeys.UnitNotYetInForce], result.Problems.Select(p => p.Key));
        Assert.Equal(["XA-A", "2025-07-01"], result.Problems[0].Args);
    }

    [Fact]
    public void A_commune_given_a_province_level_task_is_refused_as_the_wrong_level()
    {
        var result = TaskRegistration.Register(Task("XA-A"), Units);

        Assert.Equal(["XA-A", "Commune", "Province"], Assert.Single(result.Problems, p => p.Key == RegisterKeys.UnitLevelMismatch).Args);
    }

    [Fact]
    public void A_due_date_not_after_the_start_an_upward_hand_over_and_unknown_or_repeated_units_are_each_refused_where_they_are()
    {
        var task = Task("SNV", "NOPE", "SNV") with { DueOn = new(2025, 9, 1), FromLevel = GovernmentLevel.Commune };

        var result = TaskRegistration.Register(task, Units);

        Assert.Equal(
            [("due_on", RegisterKeys.DueNotAfterStart), ("to_level", RegisterKeys.LevelsNotDownward), ("receiving_unit_codes[1]", RegisterKeys.UnitUnknown), ("receiving_unit_codes[2]", RegisterKeys.UnitListedTwice)],
            result.Problems.Select(p => (p.Field, p.Key)));
    }

    [Fact]
    public void An_authorisation_may_stay_at_the_same_level_but_a_decentralisation_may_not()
    {
        var sameLevel = Task() with { FromLevel = GovernmentLevel.Province };

        Assert.Empty(TaskRegistration.Register(sameLevel with { Kind = DelegationKind.Authorised }, Units).Problems);
        Assert.Equal([RegisterKeys.LevelsNotDownward], TaskRegistration.Register(sameLevel, Units).Problems.Select(p => p.Key));
    }

    [Fact]
    public void A_province_task_handed_on_gives_one_linked_child_per_commune()
    {
        var result = TaskRegistration.HandOn(Task(), ["XA-A", "XA-B"], Units);

        Assert.Empty(result.Problems);
        Assert.Equal(["NV-01/XA-A", "NV-01/XA-B"], result.Value!.Select(c => c.Code));
        Assert.All(result.Value!, c => Assert.Equal(("NV-01", GovernmentLevel.Province, GovernmentLevel.Commune), (c.ParentCode, c.FromLevel, c.ToLevel)));
        Assert.Equal(["XA-B"], result.Value![1].ReceivingUnitCodes);
        Assert.Equal(2, result.Changes.Count);
    }

    [Fact]
    public void Handing_on_to_an_abolished_commune_or_one_of_another_province_is_refused_where_it_is_listed()
    {
        var result = TaskRegistration.HandOn(Task(), ["XA-A", "XA-CU", "XA-Q"], Units);

        Assert.Equal([("commune_codes[1]", RegisterKeys.UnitCeased), ("commune_codes[2]", RegisterKeys.NotACommuneOfTheProvince)], result.Problems.Select(p => (p.Field, p.Key)));
    }

    [Fact]
    public void A_commune_task_cannot_be_handed_on()
    {
        Assert.Equal([RegisterKeys.OnlyProvinceTasksHandOn], TaskRegistration.HandOn(CommuneTask("XA-A"), ["XA-B"], Units).Problems.Select(p => p.Key));
    }

    [Fact]
    public void An_extension_moves_the_due_date_and_keeps_the_old_one_with_its_reason()
    {
        var first = TaskRegistration.Extend(Task(), new(2026, 3, 31), "Chờ hướng dẫn của Bộ", new(2025, 12, 20)).Value!;
        var second = TaskRegistration.Extend(first, new(2026, 6, 30), "Sáp nhập đơn vị", new(2026, 3, 25));

        Assert.Equal(new DateOnly(2026, 6, 30), second.Value!.DueOn);
        Assert.Equal([(new DateOnly(2025, 12, 31), new DateOnly(2026, 3, 31), "Chờ hướng dẫn của Bộ"), (new DateOnly(2026, 3, 31), new DateOnly(2026, 6, 30), "Sáp nhập đơn vị")],
            second.Value.Extensions.Select(e => (e.From, e.To, e.Reason)));
        Assert.Equal(("due_on", "2026-03-31", "2026-06-30"), (second.Changes[0].Field, second.Changes[0].OldValue, second.Changes[0].NewValue));
    }

    [Fact]
    public void After_an_extension_reports_fall_due_up_to_the_new_due_date()
    {
        var extended = TaskRegistration.Extend(Task() with { ReportRhythm = ReportRhythm.Quarterly }, new(2026, 3, 31), "Chờ hướng dẫn", new(2025, 12, 20)).Value!;

        Assert.Equal([new DateOnly(2025, 9, 30), new DateOnly(2025, 12, 31), new DateOnly(2026, 3, 31)], TaskReporting.ReportDueDates(extended));
    }

    [Fact]
    public void An_extension_without_reason_or_to_an_earlier_day_is_refused()
    {
        var result = TaskRegistration.Extend(Task(), new(2025, 12, 1), " ", new(2025, 11, 1));

        Assert.Equal([RegisterKeys.ExtensionReasonRequired, RegisterKeys.ExtensionNotLater], result.Problems.Select(p => p.Key));
    }

    [Theory]
    [InlineData(ReportRhythm.Once, new[] { "2025-12-31" })]
    [InlineData(ReportRhythm.Monthly, new[] { "2025-09-30", "2025-10-31", "2025-11-30", "2025-12-31" })]
    [InlineData(ReportRhythm.Quarterly, new[] { "2025-09-30", "2025-12-31" })]
    [InlineData(ReportRhythm.HalfYearly, new[] { "2025-12-31" })]
    public void Report_due_dates_are_the_period_ends_between_start_and_due_then_the_due_date(ReportRhythm rhythm, string[] expected)
    {
        var dates = TaskReporting.ReportDueDates(new(2025, 9, 1), new(2025, 12, 31), rhythm);

        Assert.Equal(expected.Select(d => DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture)), dates);
    }

    [Fact]
    public void A_yearly_rhythm_over_two_years_reports_at_each_year_end_and_on_the_due_date()
    {
        Assert.Equal([new DateOnly(2025, 12, 31), new DateOnly(2026, 12, 31), new DateOnly(2027, 3, 31)],
            TaskReporting.ReportDueDates(new(2025, 9, 1), new(2027, 3, 31), ReportRhythm.Yearly));
    }

    private static ImplementationReport R(string unit, DateOnly on, int percent) =>
        new("NV-01", unit, on, percent, "Đã triển khai", ["bao-cao.pdf"], "Nguyễn Văn A");

    [Fact]
    public void A_later_lower_report_leaves_the_task_in_progress()
    {
        var task = Task();
        var done = TaskReporting.Report(task, [], R("SNV", new(2025, 10, 1), 100));
        var lower = TaskReporting.Report(done.Value!, [R("SNV", new(2025, 10, 1), 100)], R("SNV", new(2025, 10, 15), 50));

        Assert.Equal(DelegatedTaskStatus.Completed, done.Value!.Status);
        Assert.Equal(DelegatedTaskStatus.InProgress, lower.Value!.Status);
        Assert.Equal(("Completed", "InProgress"), (lower.Changes[1].OldValue, lower.Changes[1].NewValue));
    }

    [Fact]
    public void A_late_given_report_dated_earlier_does_not_undo_the_latest_one()
    {
        var task = Task();
        var status = TaskReporting.StatusFrom(task, [R("SNV", new(2025, 11, 1), 100), R("SNV", new(2025, 10, 1), 40)]);

        Assert.Equal(DelegatedTaskStatus.Completed, status);
    }

    [Fact]
    public void Among_reports_of_one_day_the_last_given_counts()
    {
        var day = new DateOnly(2025, 10, 1);

        Assert.Equal(DelegatedTaskStatus.InProgress, TaskReporting.StatusFrom(Task(), [R("SNV", day, 100), R("SNV", day, 80)]));
        Assert.Equal(DelegatedTaskStatus.Completed, TaskReporting.StatusFrom(Task(), [R("SNV", day, 80), R("SNV", day, 100)]));
    }

    [Fact]
    public void A_task_of_several_units_is_completed_only_when_each_latest_report_says_100()
    {
        var task = Task("SNV", "SNV.TCCB");

        Assert.Equal(DelegatedTaskStatus.InProgress, TaskReporting.StatusFrom(task, [R("SNV", new(2025, 10, 1), 100)]));
        Assert.Equal(DelegatedTaskStatus.Completed, TaskReporting.StatusFrom(task, [R("SNV", new(2025, 10, 1), 100), R("SNV.TCCB", new(2025, 10, 2), 100)]));
    }

    [Fact]
    public void A_report_out_of_range_from_an_outsider_before_the_start_without_text_is_refused_field_by_field()
    {
        var result = TaskReporting.Report(Task(), [], new("NV-01", "XA-A", new(2025, 8, 1), 120, "", [], "X"));

        Assert.Equal(["percent_done", "unit_code", "reported_on", "text"], result.Problems.Select(p => p.Field));
    }

    [Fact]
    public void Units_that_have_not_reported_by_a_report_due_date_are_listed_as_missing()
    {
        var task = Task("SNV", "SNV.TCCB");
        // SNV reported for September, then late for October (on 5 November); TCCB never did.
        var reports = new[] { R("SNV", new(2025, 9, 25), 20), R("SNV", new(2025, 11, 5), 40) };

        var missing = TaskReporting.Missing([task], reports, new(2025, 12, 1));

        Assert.Equal(
            [new MissingReport("NV-01", "SNV", new(2025, 11, 30)), new("NV-01", "SNV.TCCB", new(2025, 9, 30)), new("NV-01", "SNV.TCCB", new(2025, 10, 31)), new("NV-01", "SNV.TCCB", new(2025, 11, 30))],
            missing.OrderBy(m => m.UnitCode, StringComparer.Ordinal).ThenBy(m => m.DueOn));
    }

    [Fact]
    public void A_unit_that_reported_completion_owes_no_further_reports_and_no_report_is_owed_on_its_due_day()
    {
        var reports = new[] { R("SNV", new(2025, 9, 20), 100) };

        Assert.Empty(TaskReporting.Missing([Task()], reports, new(2026, 1, 15)));
        Assert.Empty(TaskReporting.Missing([Task()], [], new(2025, 9, 30)));
    }

    private static Finding F(string text, params FollowUpAction[] actions) => new(text, actions);

    [Fact]
    public void An_inspection_with_findings_lists_them_open_until_every_follow_up_is_closed()
    {
        var recorded = TaskInspections.Record(Task(), [], InspectionKind.Inspection, "Thanh tra tỉnh", new(2025, 10, 10),
            [F("Hồ sơ lưu trữ chưa đầy đủ", new FollowUpAction("Bổ sung hồ sơ", new(2025, 10, 31)), new FollowUpAction("Báo cáo khắc phục", new(2025, 11, 15)))]).Value!;

        var closed = TaskInspections.Close(recorded, 0, 0, new(2025, 10, 30), "Đã bổ sung").Value!;
        var open = Assert.Single(TaskInspections.OpenFindings([closed], new(2025, 11, 20)));

        Assert.Equal((1, "Báo cáo khắc phục", true), (open.InspectionNumber, Assert.Single(open.OpenActions).Text, open.Overdue));
        var done = TaskInspections.Close(closed, 0, 1, new(2025, 11, 21), "Đã báo cáo").Value!;
        Assert.Empty(TaskInspections.OpenFindings([done], new(2025, 11, 22)));
    }

    [Fact]
    public void A_post_inspection_needs_an_earlier_inspection_and_is_numbered_after_it()
    {
        var task = Task();
        Assert.Equal([InspectionKeys.PostInspectionWithoutInspection],
            TaskInspections.Record(task, [], InspectionKind.PostInspection, "Sở Nội vụ", new(2025, 12, 1), []).Problems.Select(p => p.Key));

        var first = TaskInspections.Record(task, [], InspectionKind.Inspection, "Sở Nội vụ", new(2025, 10, 1), []).Value!;
        var post = TaskInspections.Record(task, [first], InspectionKind.PostInspection, "Sở Nội vụ", new(2025, 12, 1), []);

        Assert.Equal(2, post.Value!.Number);
    }

    [Fact]
    public void An_inspection_without_inspector_before_the_start_or_with_a_follow_up_due_before_it_is_refused()
    {
        var result = TaskInspections.Record(Task(), [], InspectionKind.Inspection, "", new(2025, 8, 1),
            [F("", new FollowUpAction("Khắc phục", new(2025, 7, 1)))]);

        Assert.Equal(["inspector", "on", "findings[0].text", "findings[0].actions[0].due_on"], result.Problems.Select(p => p.Field));
    }

    [Fact]
    public void A_follow_up_closed_twice_is_refused_naming_the_day_it_was_closed()
    {
        var recorded = TaskInspections.Record(Task(), [], InspectionKind.Inspection, "Thanh tra", new(2025, 10, 10),
            [F("Thiếu", new FollowUpAction("Bổ sung", new(2025, 10, 31)))]).Value!;
        var closed = TaskInspections.Close(recorded, 0, 0, new(2025, 10, 20), "Xong").Value!;

        Assert.Equal(["2025-10-20"], Assert.Single(TaskInspections.Close(closed, 0, 0, new(2025, 10, 21), "Lại").Problems).Args);
    }

    [Theory]
    [InlineData(Role.Hr, true, true)]
    [InlineData(Role.Leader, true, true)]
    [InlineData(Role.Manager, false, true)]
    [InlineData(Role.Staff, false, true)]
    [InlineData(Role.Auditor, false, true)]
    [InlineData(Role.Integration, false, false)]
    public void HR_and_leaders_record_inspections_staff_do_not_and_auditors_only_read(Role role, bool mayRecord, bool mayRead)
    {
        Assert.Equal((mayRecord, mayRead), (DelegatedTaskAccess.MayRecordInspection(role), DelegatedTaskAccess.MayReadInspections(role)));
    }
}
