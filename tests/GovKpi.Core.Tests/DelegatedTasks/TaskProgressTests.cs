using GovKpi.Core.Calendar;
using GovKpi.Core.DelegatedTasks;

namespace GovKpi.Core.Tests.DelegatedTasks;

public class TaskProgressTests
{
    // Monday 2 to Friday 27 March 2026: four plain weeks, 20 working days.
    private static readonly DateOnly Assigned = new(2026, 3, 2);
    private static readonly DateOnly Due = new(2026, 3, 27);
    // Sunday 15 March: the two first weeks, 10 working days, are gone.
    private static readonly DateOnly MidMarch = new(2026, 3, 15);

    [Theory]
    [InlineData(60, ProgressStatus.OnTrack)]
    [InlineData(40, ProgressStatus.OnTrack)]
    // Exactly the margin behind is still on track: only more than 15 points is a warning.
    [InlineData(35, ProgressStatus.OnTrack)]
    [InlineData(34, ProgressStatus.AtRisk)]
    [InlineData(0, ProgressStatus.AtRisk)]
    [InlineData(100, ProgressStatus.Completed)]
    public void Halfway_through_the_time_the_status_follows_the_work_done_against_half(int percent, ProgressStatus expected)
    {
        var progress = TaskProgress.Assess(Assigned, Due, percent, MidMarch, WorkingCalendar.Official);

        Assert.Equal(expected, progress.Status);
        Assert.Equal((20, 10, 10, 50.0), (progress.WorkingDaysTotal, progress.WorkingDaysElapsed, progress.WorkingDaysLeft, progress.ExpectedPercent));
        Assert.Equal(50.0 - percent, progress.PointsBehind);
    }

    [Fact]
    public void After_the_due_date_an_unfinished_task_is_overdue_by_the_working_days_since_and_a_finished_one_is_completed()
    {
        // Tuesday 31 March: Monday 30 and Tuesday 31 are past the due date.
        var late = TaskProgress.Assess(Assigned, Due, 90, new DateOnly(2026, 3, 31), WorkingCalendar.Official);
        var done = TaskProgress.Assess(Assigned, Due, 100, new DateOnly(2026, 3, 31), WorkingCalendar.Official);

        Assert.Equal((ProgressStatus.Overdue, 2, 0, 20, 100.0), (late.Status, late.WorkingDaysOverdue, late.WorkingDaysLeft, late.WorkingDaysElapsed, late.ExpectedPercent));
        Assert.Equal(ProgressStatus.Completed, done.Status);
    }

    [Fact]
    public void Tet_does_not_count_as_time_gone()
    {
        // 9–27 February 2026 holds 15 weekdays, five of them in the Tết break (14–22 February): 10 working days.
        // On Monday 23 February half of them are gone, not the three quarters of calendar days.
        var progress = TaskProgress.Assess(new DateOnly(2026, 2, 9), new DateOnly(2026, 2, 27), 40, new DateOnly(2026, 2, 23), WorkingCalendar.Official);

        Assert.Equal((ProgressStatus.OnTrack, 10, 5, 50.0), (progress.Status, progress.WorkingDaysTotal, progress.WorkingDaysElapsed, progress.ExpectedPercent));
    }

    [Fact]
    public void Before_the_task_starts_no_time_is_gone_and_the_pace_comes_from_the_latest_report()
    {
        var task = new DelegatedTask("NV-01", "Tiếp nhận hồ sơ đất đai", "Sở Nông nghiệp và Môi trường", "Nghị định 151/2025/NĐ-CP", "C1",
            Assigned, Due, DelegatedTaskStatus.InProgress);
        List<ProgressReport> reports =
        [
            new(new DateOnly(2026, 3, 13), 30, "Đã tiếp nhận hồ sơ", "manager"),
            new(new DateOnly(2026, 3, 6), 10, "Đã phân công", "manager"),
        ];

        var before = TaskProgress.Assess(task, [], new DateOnly(2026, 2, 27), WorkingCalendar.Official);
        var now = TaskProgress.Assess(task, reports, MidMarch, WorkingCalendar.Official);

        Assert.Equal((ProgressStatus.OnTrack, 0, 0.0, 20), (before.Status, before.WorkingDaysElapsed, before.ExpectedPercent, before.WorkingDaysLeft));
        Assert.Equal((ProgressStatus.AtRisk, 30), (now.Status, now.PercentDone));
    }
}
