using GovKpi.Core.Access;
using GovKpi.Core.Calendar;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Tasks;

namespace GovKpi.Core.Tests.Tasks;

/// <summary>Builders for assigned tasks: a province KH, agency SNV with unit SNV-TC, staff S1 and S2 there.</summary>
internal static class TaskKit
{
    public static readonly WorkingCalendar Calendar = WorkingCalendar.Official;
    /// <summary>Monday 2 November 2026, 09:00 in Vietnam.</summary>
    public static readonly DateTimeOffset Monday = new(2026, 11, 2, 9, 0, 0, VietnamTime.Offset);

    public static readonly TaskPlace S1 = new("S1", "SNV-TC", "SNV", "KH");
    public static readonly TaskPlace S2 = new("S2", "SNV-TC", "SNV", "KH");

    public static readonly TaskActor Manager = new("manager", Role.Manager, "M1", new HashSet<string> { "SNV", "SNV-TC" });
    public static readonly TaskActor OtherManager = new("other", Role.Manager, "M2", new HashSet<string> { "C2" });
    public static readonly TaskActor Staff1 = new("s1", Role.Staff, "S1", new HashSet<string> { "SNV-TC" });
    public static readonly TaskActor Staff2 = new("s2", Role.Staff, "S2", new HashSet<string> { "SNV-TC" });

    public static readonly IReadOnlyList<TaskType> Catalogue =
    [
        Type("VB", "KH", 1m, 1, new(2026, 1, 1), null),
        Type("HS", "SNV", 2m, 1, new(2026, 1, 1), new(2026, 10, 31)),
        Type("HS", "SNV", 3m, 2, new(2026, 11, 1), null),
    ];

    public static TaskType Type(string code, string agency, decimal factor, int version, DateOnly from, DateOnly? to) =>
        new(code, agency, TaskGroup.B, "Hồ sơ", "hồ sơ", factor, 1m, version, from, to, null);

    public static TaskOrder Order(string type = "HS", decimal quantity = 4, DateOnly? due = null, string product = "Báo cáo thẩm định",
        string check = "Đúng mẫu, đủ số liệu") => new(type, quantity, due ?? new DateOnly(2026, 11, 6), product, check);

    public static TaskAssignment Assigned(TaskOrder? order = null, TaskPlace? place = null) =>
        TaskAssignments.Assign("T1", order ?? Order(), place ?? S1, Catalogue, Manager, Monday).Task!;

    public static TaskAssignment Submitted(DateTimeOffset at, decimal? done = null)
    {
        var task = Assigned();
        Assert.True(TaskAssignments.Submit(task, done, Staff1, at).Ok);
        return task;
    }
}

public class TaskAssignmentsTests
{
    private static readonly DateTimeOffset Friday = TaskKit.Monday.AddDays(4);
    private static readonly DateTimeOffset NextMonday = TaskKit.Monday.AddDays(7);

    [Fact]
    public void A_manager_assigns_a_task_from_the_agencys_catalogue_in_force_that_day_with_an_audit_entry()
    {
        var outcome = TaskAssignments.Assign("T1", TaskKit.Order(), TaskKit.S1, TaskKit.Catalogue, TaskKit.Manager, TaskKit.Monday);

        Assert.True(outcome.Ok);
        var task = outcome.Task!;
        Assert.Equal((AssignmentState.Assigned, "SNV", 2, new DateOnly(2026, 11, 2), "SNV-TC"),
            (task.State, task.CatalogueAgencyCode, task.TaskTypeVersion, task.AssignedOn, task.UnitCode));
        var entry = Assert.Single(outcome.Audit);
        Assert.Equal((TaskActions.Assigned, "T1", "manager"), (entry.Action, entry.TaskId, entry.Actor));
    }

    [Fact]
    public void A_type_only_the_province_has_comes_from_the_provinces_catalogue()
    {
        var task = TaskKit.Assigned(TaskKit.Order(type: "VB"));

        Assert.Equal(("KH", 1), (task.CatalogueAgencyCode, task.TaskTypeVersion));
    }

    [Fact]
    public void Staff_a_manager_of_another_unit_and_a_person_outside_the_unit_may_not_assign()
    {
        Assert.Equal(TaskRefusal.Forbidden, TaskAssignments.Assign("T1", TaskKit.Order(), TaskKit.S1, TaskKit.Catalogue, TaskKit.Staff2, TaskKit.Monday).Refusal);
        Assert.Equal(TaskRefusal.Forbidden, TaskAssignments.Assign("T1", TaskKit.Order(), TaskKit.S1, TaskKit.Catalogue, TaskKit.OtherManager, TaskKit.Monday).Refusal);
    }

    [Fact]
    public void Bad_terms_are_refused_with_every_field_named()
    {
        var outcome = TaskAssignments.Assign("T1", new TaskOrder("NONE", 0, new DateOnly(2026, 11, 1), " ", ""), TaskKit.S1, TaskKit.Catalogue,
            TaskKit.Manager, TaskKit.Monday);

        Assert.Equal(TaskRefusal.Invalid, outcome.Refusal);
        Assert.Equal(["dueOn", "expectedProduct", "qualityCheck", "quantity", "taskType"],
            outcome.Problems.Select(p => p.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_task_given_on_paper_is_recorded_with_its_day_and_submitted_after_its_past_deadline_it_is_late()
    {
        var order = TaskKit.Order(due: new DateOnly(2026, 10, 28)) with { AssignedOn = new DateOnly(2026, 10, 26) };

        var outcome = TaskAssignments.Assign("T1", order, TaskKit.S1, TaskKit.Catalogue, TaskKit.Manager, TaskKit.Monday);
        TaskAssignments.Submit(outcome.Task!, null, TaskKit.Staff1, TaskKit.Monday);

        Assert.True(outcome.Ok);
        Assert.Equal(new DateOnly(2026, 10, 26), outcome.Task!.AssignedOn);
        Assert.Contains(outcome.Audit, a => a.Field == "assignedOn" && a.OldValue == "2026-11-02" && a.NewValue == "2026-10-26");
        Assert.True(TaskAssignments.IsLate(outcome.Task, WorkingCalendar.Official));
    }

    [Fact]
    public void A_task_cannot_be_recorded_as_given_in_the_future_or_more_than_a_month_back()
    {
        foreach (var day in new[] { new DateOnly(2026, 11, 3), new DateOnly(2026, 10, 1) })
        {
            var outcome = TaskAssignments.Assign("T1", TaskKit.Order(due: new DateOnly(2026, 11, 20)) with { AssignedOn = day }, TaskKit.S1, TaskKit.Catalogue,
                TaskKit.Manager, TaskKit.Monday);

            Assert.Equal(("assignedOn", "Tasks.Error.AssignedOn"), (Assert.Single(outcome.Problems).Field, outcome.Problems[0].Code));
        }
    }

    [Fact]
    public void An_unknown_staff_member_is_a_located_problem()
    {
        var outcome = TaskAssignments.Assign("T1", TaskKit.Order(), null, TaskKit.Catalogue, TaskKit.Manager, TaskKit.Monday);

        Assert.Equal(("staffCode", "Tasks.Error.UnknownStaff"), (Assert.Single(outcome.Problems).Field, outcome.Problems[0].Code));
    }

    [Fact]
    public void Only_the_assignee_logs_diary_reports_progress_and_submits()
    {
        var task = TaskKit.Assigned();

        Assert.Equal(TaskRefusal.Forbidden, TaskAssignments.LogDiary(task, new DateOnly(2026, 11, 2), 8, "Soạn báo cáo", TaskKit.Staff2, TaskKit.Monday).Refusal);
        Assert.Equal(TaskRefusal.Forbidden, TaskAssignments.ReportProgress(task, 1, 25, TaskKit.Manager, TaskKit.Monday).Refusal);
        Assert.Equal(TaskRefusal.Forbidden, TaskAssignments.Submit(task, null, TaskKit.Staff2, TaskKit.Monday).Refusal);
        Assert.Equal(AssignmentState.Assigned, task.State);
    }

    [Fact]
    public void A_diary_entry_keeps_its_day_hours_and_text_and_refuses_a_future_day_and_impossible_hours()
    {
        var task = TaskKit.Assigned();

        var logged = TaskAssignments.LogDiary(task, new DateOnly(2026, 11, 2), 7.5m, "  Soạn dự thảo báo cáo ", TaskKit.Staff1, TaskKit.Monday);
        var bad = TaskAssignments.LogDiary(task, new DateOnly(2026, 11, 3), 25, "", TaskKit.Staff1, TaskKit.Monday);

        Assert.Equal((new DateOnly(2026, 11, 2), 7.5m, "Soạn dự thảo báo cáo", "S1"), (logged.Diary!.Day, logged.Diary.Hours, logged.Diary.Text, logged.Diary.StaffCode));
        Assert.Equal(TaskActions.DiaryLogged, Assert.Single(logged.Audit).Action);
        Assert.Equal(["day", "hours", "text"], bad.Problems.Select(p => p.Field));
    }

    [Fact]
    public void Progress_is_reported_in_quantity_and_percent_within_bounds()
    {
        var task = TaskKit.Assigned();

        Assert.True(TaskAssignments.ReportProgress(task, 2, 50, TaskKit.Staff1, TaskKit.Monday).Ok);
        var bad = TaskAssignments.ReportProgress(task, -1, 101, TaskKit.Staff1, TaskKit.Monday);

        Assert.Equal((2m, 50), (task.QuantityDone, task.PercentDone));
        Assert.Equal(["quantityDone", "percentDone"], bad.Problems.Select(p => p.Field));
    }

    [Fact]
    public void Submitting_stamps_the_clock_and_takes_the_reported_quantity_or_the_whole()
    {
        var reported = TaskKit.Assigned();
        TaskAssignments.ReportProgress(reported, 3, 75, TaskKit.Staff1, TaskKit.Monday);
        TaskAssignments.Submit(reported, null, TaskKit.Staff1, Friday);
        var whole = TaskKit.Submitted(Friday);

        Assert.Equal((AssignmentState.Submitted, Friday, 3m, 1), (reported.State, reported.SubmittedAt, reported.QuantityDone, reported.Submissions));
        Assert.Equal(4m, whole.QuantityDone);
    }

    [Fact]
    public void A_returned_product_needs_a_reason_and_is_submitted_again()
    {
        var task = TaskKit.Submitted(Friday);

        Assert.Equal(("reason", TaskRefusal.Invalid), (TaskAssignments.Return(task, " ", TaskKit.Manager, Friday).Problems[0].Field, TaskRefusal.Invalid));
        Assert.True(TaskAssignments.Return(task, "Thiếu số liệu quý III", TaskKit.Manager, Friday).Ok);
        Assert.Equal((AssignmentState.Returned, "Thiếu số liệu quý III"), (task.State, task.ReturnReason));
        Assert.True(TaskAssignments.Submit(task, null, TaskKit.Staff1, NextMonday).Ok);
        Assert.Equal((AssignmentState.Submitted, NextMonday, 2, (string?)null), (task.State, task.SubmittedAt, task.Submissions, task.ReturnReason));
    }

    [Fact]
    public void The_wrong_state_is_a_conflict_and_the_wrong_person_is_forbidden_before_it()
    {
        var task = TaskKit.Assigned();

        Assert.Equal(TaskRefusal.Conflict, TaskAssignments.Accept(task, true, null, TaskKit.Manager, Friday).Refusal);
        Assert.Equal(TaskRefusal.Conflict, TaskAssignments.Return(task, "x", TaskKit.Manager, Friday).Refusal);
        Assert.Equal(TaskRefusal.Forbidden, TaskAssignments.Accept(task, true, null, TaskKit.OtherManager, Friday).Refusal);
        Assert.Equal(TaskRefusal.Forbidden, TaskAssignments.Accept(task, true, null, TaskKit.Staff1, Friday).Refusal);
        TaskAssignments.Submit(task, null, TaskKit.Staff1, Friday);
        TaskAssignments.Accept(task, true, null, TaskKit.Manager, Friday);
        Assert.Equal(TaskRefusal.Conflict, TaskAssignments.Submit(task, null, TaskKit.Staff1, Friday).Refusal);
        Assert.Equal(TaskRefusal.Conflict, TaskAssignments.LogDiary(task, new DateOnly(2026, 11, 6), 1, "x", TaskKit.Staff1, Friday).Refusal);
    }

    [Fact]
    public void Late_means_submitted_on_a_calendar_day_after_the_deadline_and_a_deadline_on_a_day_off_moves_to_the_next_working_day()
    {
        var onFridayEvening = TaskKit.Submitted(new DateTimeOffset(2026, 11, 6, 23, 30, 0, VietnamTime.Offset));
        var onMonday = TaskKit.Submitted(NextMonday);
        var dueSaturday = TaskKit.Assigned(TaskKit.Order(due: new DateOnly(2026, 11, 7)));
        TaskAssignments.Submit(dueSaturday, null, TaskKit.Staff1, NextMonday);

        Assert.False(TaskAssignments.IsLate(onFridayEvening, TaskKit.Calendar));
        Assert.True(TaskAssignments.IsLate(onMonday, TaskKit.Calendar));
        Assert.False(TaskAssignments.IsLate(dueSaturday, TaskKit.Calendar));
    }

    [Fact]
    public void An_objective_cause_for_a_delay_needs_a_late_product_and_a_text()
    {
        var onTime = TaskKit.Submitted(Friday);
        var late = TaskKit.Submitted(NextMonday);

        Assert.Equal(TaskRefusal.Conflict, TaskAssignments.RecordObjectiveCause(onTime, TaskIncidentKind.Delay, "Mất điện", TaskKit.Manager, TaskKit.Calendar, NextMonday).Refusal);
        Assert.Equal(TaskRefusal.Invalid, TaskAssignments.RecordObjectiveCause(late, TaskIncidentKind.Delay, "", TaskKit.Manager, TaskKit.Calendar, NextMonday).Refusal);
        Assert.Equal(TaskRefusal.Forbidden, TaskAssignments.RecordObjectiveCause(late, TaskIncidentKind.Delay, "Mất điện", TaskKit.Staff1, TaskKit.Calendar, NextMonday).Refusal);
        var recorded = TaskAssignments.RecordObjectiveCause(late, TaskIncidentKind.Delay, "Bão số 13, nghỉ theo công điện", TaskKit.Manager, TaskKit.Calendar, NextMonday);

        Assert.True(recorded.Ok);
        Assert.Equal("Bão số 13, nghỉ theo công điện", late.DelayCause);
        Assert.Equal(("delayCause", "", "Bão số 13, nghỉ theo công điện"), (recorded.Audit[0].Field, recorded.Audit[0].OldValue, recorded.Audit[0].NewValue));
    }

    [Fact]
    public void An_objective_cause_for_quality_needs_an_accepted_product_that_failed_its_check()
    {
        var passed = TaskKit.Submitted(Friday);
        TaskAssignments.Accept(passed, true, null, TaskKit.Manager, Friday);
        var failed = TaskKit.Submitted(Friday);
        TaskAssignments.Accept(failed, false, "Sai số liệu", TaskKit.Manager, Friday);

        Assert.Equal(TaskRefusal.Conflict, TaskAssignments.RecordObjectiveCause(passed, TaskIncidentKind.FailedQualityCheck, "x", TaskKit.Manager, TaskKit.Calendar, Friday).Refusal);
        Assert.True(TaskAssignments.RecordObjectiveCause(failed, TaskIncidentKind.FailedQualityCheck, "Số liệu nguồn sai", TaskKit.Manager, TaskKit.Calendar, Friday).Ok);
        Assert.Equal("Số liệu nguồn sai", failed.QualityCause);
    }

    [Fact]
    public void A_persons_agency_is_the_unit_under_the_province_on_the_way_to_their_unit()
    {
        var units = new[]
        {
            new GovKpi.Core.Organisation.Unit { Code = "KH", NameVi = "Tỉnh", NameEn = "Province", Kind = GovKpi.Core.Organisation.UnitKind.Province, EffectiveFrom = new(2020, 1, 1) },
            new GovKpi.Core.Organisation.Unit { Code = "SNV", NameVi = "Sở Nội vụ", NameEn = "Home Affairs", Kind = GovKpi.Core.Organisation.UnitKind.Agency, ParentCode = "KH", EffectiveFrom = new(2020, 1, 1) },
            new GovKpi.Core.Organisation.Unit { Code = "SNV-TC", NameVi = "Phòng Tổ chức", NameEn = "Organisation", Kind = GovKpi.Core.Organisation.UnitKind.Division, ParentCode = "SNV", EffectiveFrom = new(2020, 1, 1) },
        };
        var staff = new GovKpi.Core.Organisation.StaffMember
        {
            Code = "S1", FullName = "Trần Thị Hồng", Type = GovKpi.Core.Organisation.StaffType.CongChuc, UnitCode = "SNV-TC", PositionCode = "CV",
        };

        var place = TaskPlace.Of(staff, new GovKpi.Core.Organisation.OrganisationTree(units, []));

        Assert.Equal(TaskKit.S1, place);
    }
}
