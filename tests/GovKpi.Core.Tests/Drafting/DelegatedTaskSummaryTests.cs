using GovKpi.Core.Calendar;
using GovKpi.Core.DelegatedTasks;
using GovKpi.Core.Drafting;

namespace GovKpi.Core.Tests.Drafting;

public class DelegatedTaskSummaryTests
{
    private static readonly DelegatedTask Task = new("NV-2026-07", "Cấp giấy chứng nhận quyền sử dụng đất lần đầu", "Sở Nông nghiệp và Môi trường",
        "Nghị định 151/2025/NĐ-CP", "C1", new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 27), DelegatedTaskStatus.InProgress);

    private static string Summary(IReadOnlyList<ProgressReport> reports, DateOnly today) => Drafts.DelegatedTaskSummary(new DelegatedTaskSummaryInput(
        "Tỉnh Khánh Hòa", "Xã Ninh Hòa Mới", "Khánh Hòa", today, Task, reports, TaskProgress.Assess(Task, reports, today, WorkingCalendar.Official)));

    [Fact]
    public void The_summary_states_the_task_its_reports_in_order_and_the_numbers_behind_its_status()
    {
        List<ProgressReport> reports =
        [
            new(new DateOnly(2026, 3, 13), 30, "Đã tiếp nhận 12 hồ sơ. ", "Nguyễn Văn Hải"),
            new(new DateOnly(2026, 3, 6), 10, "Đã phân công cán bộ địa chính.", "Nguyễn Văn Hải"),
        ];

        var text = Summary(reports, new DateOnly(2026, 3, 15)).ReplaceLineEndings("\n");

        Assert.StartsWith("TỈNH KHÁNH HÒA\nXÃ NINH HÒA MỚI\n", text);
        Assert.Contains("Tiến độ thực hiện nhiệm vụ: Cấp giấy chứng nhận quyền sử dụng đất lần đầu", text);
        Assert.Contains("- Căn cứ pháp lý: Nghị định 151/2025/NĐ-CP.", text);
        Assert.Contains("- Ngày giao: 02/03/2026; thời hạn hoàn thành: 27/03/2026.", text);
        Assert.Contains("1. Ngày 06/03/2026 (Nguyễn Văn Hải): đạt 10 % — Đã phân công cán bộ địa chính.\n"
            + "2. Ngày 13/03/2026 (Nguyễn Văn Hải): đạt 30 % — Đã tiếp nhận 12 hồ sơ.\n", text);
        Assert.Contains("- Đến ngày 15/03/2026, nhiệm vụ đạt 30 % khối lượng; đã qua 10/20 ngày làm việc của thời hạn (50,0 % thời gian).", text);
        Assert.Contains("- Đánh giá: có nguy cơ chậm tiến độ: khối lượng đạt thấp hơn 20,0 điểm phần trăm so với thời gian đã qua (ngưỡng cảnh báo 15 điểm phần trăm).", text);
        Assert.Contains("- Khối lượng còn lại: 70 %; còn 10 ngày làm việc đến hạn.", text);
        Assert.Contains("- Khó khăn, vướng mắc: ……", text);
        Assert.Contains("Số: ……/BC", text);
    }

    [Fact]
    public void An_overdue_task_without_reports_says_so_and_leaves_the_new_date_blank()
    {
        var text = Summary([], new DateOnly(2026, 3, 31));

        Assert.Contains("- Đơn vị chưa có báo cáo thực hiện nào.", text);
        Assert.Contains("- Đánh giá: quá hạn, chưa hoàn thành (quá 2 ngày làm việc).", text);
        Assert.Contains("- Khối lượng còn lại: 100 %; đã quá hạn 2 ngày làm việc, đề nghị cơ quan giao nhiệm vụ cho gia hạn đến ngày ……/……/………", text);
    }
}
