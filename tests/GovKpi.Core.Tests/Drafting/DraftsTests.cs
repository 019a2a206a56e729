using GovKpi.Core.Calendar;
using GovKpi.Core.Drafting;

namespace GovKpi.Core.Tests.Drafting;

public class DraftsTests
{
    private static readonly TimeSpan Vn = TimeSpan.FromHours(7);

    [Fact]
    public void The_apology_slip_names_the_dossier_and_sets_a_new_date_three_working_days_on()
    {
        // Friday 2026-11-20: three working days on is Wednesday 2026-11-25.
        var input = new ApologySlipInput("Tỉnh Khánh Hòa", "Trung tâm Phục vụ hành chính công xã Ninh Hòa", "Ninh Hòa", "C1-TT-261102-0007",
            "Đăng ký khai sinh", new DateTimeOffset(2026, 11, 2, 8, 30, 0, Vn), new DateTimeOffset(2026, 11, 5, 17, 0, 0, Vn), new DateOnly(2026, 11, 20),
            "cần xác minh thông tin với cơ quan khác");

        var slip = Drafts.ApologySlip(input, WorkingCalendar.Official);

        Assert.Contains("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", slip);
        Assert.Contains("hồ sơ số C1-TT-261102-0007 của Ông/Bà, thủ tục: Đăng ký khai sinh, vào lúc 08 giờ 30 phút, ngày 02/11/2026, hẹn trả kết quả ngày 05/11/2026.", slip);
        Assert.Contains("Lý do: cần xác minh thông tin với cơ quan khác.", slip);
        Assert.Contains("hẹn trả kết quả vào ngày 25/11/2026.", slip);
        Assert.Contains("Ninh Hòa, ngày 20 tháng 11 năm 2026", slip);
        Assert.StartsWith("TỈNH KHÁNH HÒA\nTRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ NINH HÒA", slip.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Without_a_reason_the_slip_leaves_a_blank_for_the_person_to_fill()
    {
        var input = new ApologySlipInput("Tỉnh Khánh Hòa", "UBND xã A", "A", "X", "Y", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, new DateOnly(2026, 1, 5), " ");

        Assert.Contains("Lý do: …………………………………….", Drafts.ApologySlip(input, WorkingCalendar.Official));
    }

    [Fact]
    public void The_evaluation_comment_lists_what_was_met_and_what_was_missed_with_the_numbers()
    {
        var input = new EvaluationCommentInput("Trần Thị Hồng", "Chuyên viên một cửa", "quý 3/2026",
        [
            new("Tỷ lệ hồ sơ xử lý đúng hạn", "96,0 %", "≥ 98 %", false),
            new("Mức độ hài lòng của người dân", "4,70", "≥ 4,5", true),
            new("Tỷ lệ hồ sơ trực tuyến", "—", "≥ 70 %", null),
        ], "Hoàn thành tốt nhiệm vụ");

        var comment = Drafts.EvaluationComment(input);

        Assert.Contains("NHẬN XÉT, ĐÁNH GIÁ QUÝ 3/2026", comment);
        Assert.Contains("Hoàn thành chỉ tiêu 1/2 chỉ số đo lường: mức độ hài lòng của người dân 4,70 (chỉ tiêu ≥ 4,5).", comment);
        Assert.Contains("Chưa đạt chỉ tiêu: tỷ lệ hồ sơ xử lý đúng hạn 96,0 % (chỉ tiêu ≥ 98 %).", comment);
        Assert.Contains("Mức xếp loại đề xuất: Hoàn thành tốt nhiệm vụ.", comment);
    }

    [Fact]
    public void The_monthly_report_counts_dossiers_and_names_missed_targets_and_staff_to_support()
    {
        var input = new MonthlyReportInput("Tỉnh Khánh Hòa", "UBND xã Ninh Hòa", "Ninh Hòa", "tháng 10/2026", new DateOnly(2026, 11, 2),
            Received: 1200, Finished: 1000, FinishedOnTime: 950, OpenLate: 12, Online: 840,
            [new("Tỷ lệ hồ sơ xử lý đúng hạn", "93,9 %", "≥ 98 %", false, "95,2 %"), new("Mức độ hài lòng của người dân", "4,60", "≥ 4,5", true)],
            [("Trần Thị Hồng", "100,0 %")], [("Lê Văn Dũng", "81,0 %")]);

        var report = Drafts.MonthlyUnitReport(input);

        Assert.Contains("1. Tiếp nhận 1.200 hồ sơ, trong đó 840 hồ sơ trực tuyến (70,0 %).", report);
        Assert.Contains("đúng hạn 950 hồ sơ (95,0 %); còn 12 hồ sơ quá hạn", report);
        Assert.Contains("- Tỷ lệ hồ sơ xử lý đúng hạn: 93,9 % (chỉ tiêu ≥ 98 %, chưa đạt; kỳ trước 95,2 %).", report);
        Assert.Contains("Cá nhân cần hỗ trợ, đôn đốc: Lê Văn Dũng (81,0 %).", report);
        Assert.Contains("Tập trung cải thiện tỷ lệ hồ sơ xử lý đúng hạn.", report);
    }
}
