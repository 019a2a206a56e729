using GovKpi.Core.Tasks;

namespace GovKpi.Core.Tests.Tasks;

public class DiaryFlagsTests
{
    private static long _id;

    private static TaskDiaryEntry Entry(string task, int day, decimal hours, string text, string staff = "S1") =>
        new() { Id = ++_id, TaskId = task, StaffCode = staff, Day = new DateOnly(2026, 11, day), Hours = hours, Text = text };

    private static IReadOnlyList<DiaryFlag> Find(params TaskDiaryEntry[] entries) => DiaryFlags.Find(entries, TaskKit.Calendar, DiaryPolicy.Default);

    [Fact]
    public void More_than_twelve_hours_on_one_task_in_a_day_is_flagged_and_twelve_is_not()
    {
        var flags = Find(Entry("T1", 2, 8, "Soạn thảo"), Entry("T1", 2, 5, "Sửa bản thảo"), Entry("T1", 3, 12, "Hoàn thiện"));

        var flag = Assert.Single(flags);
        Assert.Equal((DiaryFlagKind.TaskHoursOverDay, new DateOnly(2026, 11, 2), "T1", 13m), (flag.Kind, flag.Day, flag.TaskId, flag.Hours));
    }

    [Fact]
    public void A_days_total_over_several_tasks_above_the_limit_is_flagged_for_the_person()
    {
        var flags = Find(Entry("T1", 2, 7, "Soạn thảo"), Entry("T2", 2, 6, "Tiếp dân"), Entry("T1", 2, 3, "Họp", staff: "S2"));

        var flag = Assert.Single(flags);
        Assert.Equal((DiaryFlagKind.DayHoursOverDay, "S1", (string?)null, 13m), (flag.Kind, flag.StaffCode, flag.TaskId, flag.Hours));
    }

    [Fact]
    public void The_same_text_on_consecutive_working_days_is_flagged_across_a_weekend_but_not_across_a_working_day_gap()
    {
        // 6 November 2026 is a Friday, 9 November the Monday after; 11 November is two working days after the 9th.
        var flags = Find(Entry("T1", 6, 8, "Tổng hợp số liệu báo cáo"), Entry("T1", 9, 8, "  tổng hợp  số liệu báo cáo"),
            Entry("T1", 11, 8, "Tổng hợp số liệu báo cáo"), Entry("T1", 12, 8, "Viết kết luận"));

        var flag = Assert.Single(flags);
        Assert.Equal((DiaryFlagKind.CopiedText, new DateOnly(2026, 11, 9), (DateOnly?)new DateOnly(2026, 11, 6)), (flag.Kind, flag.Day, flag.PreviousDay));
    }

    [Fact]
    public void Different_people_writing_the_same_text_are_not_copying_each_other()
    {
        Assert.Empty(Find(Entry("T1", 2, 8, "Trực một cửa"), Entry("T2", 3, 8, "Trực một cửa", staff: "S2")));
    }
}
