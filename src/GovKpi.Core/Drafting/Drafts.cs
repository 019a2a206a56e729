using System.Globalization;
using System.Text;
using GovKpi.Core.Calendar;
using GovKpi.Core.DelegatedTasks;

namespace GovKpi.Core.Drafting;

/// <summary>
/// Drafts of documents written from the product's data (issue 5, item 4). They are official
/// documents, so they are written in Vietnamese whatever the language of the screen; a person
/// edits and approves each one, and nothing is ever sent by the product.
/// </summary>
public enum DraftKind
{
    /// <summary>Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu số 05, Thông tư 01/2018/TT-VPCP).</summary>
    ApologySlip,
    /// <summary>Nhận xét, đánh giá cán bộ cho một kỳ.</summary>
    EvaluationComment,
    /// <summary>Báo cáo kết quả giải quyết thủ tục hành chính tháng của một đơn vị.</summary>
    MonthlyUnitReport,
    /// <summary>Báo cáo tiến độ thực hiện một nhiệm vụ được phân cấp, phân quyền, ủy quyền.</summary>
    DelegatedTaskSummary,
}

/// <summary>One KPI as a draft cites it: its name, its value and target as displayed, and whether the target is met (null: no value).</summary>
public sealed record DraftKpi(string Name, string Value, string Target, bool? Met, string? PreviousValue = null);

public sealed record ApologySlipInput(
    string ProvinceName, string UnitName, string Place, string DossierId, string Procedure,
    DateTimeOffset ReceivedAt, DateTimeOffset DueAt, DateOnly Today, string? Reason);

public sealed record EvaluationCommentInput(string PersonName, string PositionName, string PeriodName, IReadOnlyList<DraftKpi> Kpis, string? LevelName);

public sealed record MonthlyReportInput(
    string ProvinceName, string UnitName, string Place, string PeriodName, DateOnly Today,
    long Received, long Finished, long FinishedOnTime, long OpenLate, long Online,
    IReadOnlyList<DraftKpi> Kpis, IReadOnlyList<(string Name, string Value)> BestStaff, IReadOnlyList<(string Name, string Value)> StaffToSupport);

/// <summary>A delegated task with its reports (any order) and its pace as <see cref="TaskProgress.Assess(DelegatedTask, IReadOnlyList{ProgressReport}, DateOnly, WorkingCalendar)"/> judged it.</summary>
public sealed record DelegatedTaskSummaryInput(
    string ProvinceName, string UnitName, string Place, DateOnly Today, DelegatedTask Task, IReadOnlyList<ProgressReport> Reports, ProgressAssessment Progress);

public static class Drafts
{
    /// <summary>Working days given by default to finish a late dossier; the person drafting sets the real date.</summary>
    public const int DefaultExtraWorkingDays = 3;

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The apology slip with a new appointment <see cref="DefaultExtraWorkingDays"/> working days after today.</summary>
    public static string ApologySlip(ApologySlipInput input, WorkingCalendar calendar)
    {
        var newDue = calendar.AddWorkingDays(input.Today, DefaultExtraWorkingDays);
        var text = new StringBuilder();
        Heading(text, input.ProvinceName, input.UnitName, "……/PXL", input.Place, input.Today);
        text.AppendLine("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ");
        text.AppendLine();
        text.AppendLine("Kính gửi: Ông/Bà ……………………………………");
        text.AppendLine();
        text.AppendLine(Vietnamese, $"{input.UnitName} tiếp nhận hồ sơ số {input.DossierId} của Ông/Bà, thủ tục: {input.Procedure}, "
            + $"vào lúc {Time(input.ReceivedAt)}, hẹn trả kết quả ngày {Date(input.DueAt)}.");
        text.AppendLine(Vietnamese, $"Đến nay, hồ sơ của Ông/Bà đã quá thời hạn giải quyết. Lý do: {(string.IsNullOrWhiteSpace(input.Reason) ? "……………………………………" : input.Reason.Trim())}.");
        text.AppendLine("Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của Ông/Bà.");
        text.AppendLine(Vietnamese, $"{input.UnitName} xin trân trọng xin lỗi Ông/Bà và hẹn trả kết quả vào ngày {newDue.ToString("dd/MM/yyyy", Vietnamese)}.");
        text.AppendLine("Rất mong nhận được sự thông cảm của Ông/Bà.");
        text.AppendLine();
        Signature(text, "THỦ TRƯỞNG ĐƠN VỊ");
        return text.ToString();
    }

    public static string EvaluationComment(EvaluationCommentInput input)
    {
        var met = input.Kpis.Where(k => k.Met == true).ToList();
        var missed = input.Kpis.Where(k => k.Met == false).ToList();
        var text = new StringBuilder();
        text.AppendLine(Vietnamese, $"NHẬN XÉT, ĐÁNH GIÁ {input.PeriodName.ToUpper(Vietnamese)}");
        text.AppendLine(Vietnamese, $"Đồng chí: {input.PersonName} — {input.PositionName}");
        text.AppendLine();
        text.AppendLine("1. Ưu điểm");
        text.AppendLine(met.Count == 0
            ? "- Chưa có chỉ số đo lường nào đạt chỉ tiêu trong kỳ."
            : $"- Hoàn thành chỉ tiêu {met.Count}/{input.Kpis.Count(k => k.Met is not null)} chỉ số đo lường: {List(met)}.");
        text.AppendLine("- ……………………………………");
        text.AppendLine();
        text.AppendLine("2. Hạn chế, tồn tại");
        text.AppendLine(missed.Count == 0 ? "- Không có chỉ số nào chưa đạt chỉ tiêu." : $"- Chưa đạt chỉ tiêu: {List(missed)}.");
        text.AppendLine("- ……………………………………");
        text.AppendLine();
        text.AppendLine("3. Đề xuất");
        text.AppendLine(missed.Count == 0
            ? "- Tiếp tục duy trì kết quả; chia sẻ kinh nghiệm với đồng nghiệp."
            : $"- Tập trung cải thiện: {string.Join(", ", missed.Select(k => k.Name.ToLower(Vietnamese)))}; trao đổi với lãnh đạo trực tiếp về nguyên nhân và biện pháp.");
        if (input.LevelName is { } level)
        {
            text.AppendLine();
            text.AppendLine(Vietnamese, $"Mức xếp loại đề xuất: {level}.");
        }

        return text.ToString();
    }

    public static string MonthlyUnitReport(MonthlyReportInput input)
    {
        var text = new StringBuilder();
        Heading(text, input.ProvinceName, input.UnitName, "……/BC", input.Place, input.Today);
        text.AppendLine("BÁO CÁO");
        text.AppendLine(Vietnamese, $"Kết quả giải quyết thủ tục hành chính {input.PeriodName}");
        text.AppendLine();
        text.AppendLine("I. KẾT QUẢ THỰC HIỆN");
        text.AppendLine(Vietnamese, $"1. Tiếp nhận {Number(input.Received)} hồ sơ, trong đó {Number(input.Online)} hồ sơ trực tuyến ({Share(input.Online, input.Received)}).");
        text.AppendLine(Vietnamese, $"2. Giải quyết xong {Number(input.Finished)} hồ sơ, trong đó đúng hạn {Number(input.FinishedOnTime)} hồ sơ ({Share(input.FinishedOnTime, input.Finished)}); "
            + $"còn {Number(input.OpenLate)} hồ sơ quá hạn chưa giải quyết xong tại thời điểm cuối kỳ.");
        text.AppendLine("3. Các chỉ số:");
        foreach (var kpi in input.Kpis)
        {
            var change = kpi.PreviousValue is { } previous ? $"; kỳ trước {previous}" : "";
            var verdict = kpi.Met switch { true => "đạt", false => "chưa đạt", null => "chưa có số liệu" };
            text.AppendLine(Vietnamese, $"   - {kpi.Name}: {kpi.Value} (chỉ tiêu {kpi.Target}, {verdict}{change}).");
        }

        if (input.BestStaff.Count > 0)
        {
            text.AppendLine(Vietnamese, $"4. Cá nhân có tỷ lệ đúng hạn cao: {string.Join(", ", input.BestStaff.Select(s => $"{s.Name} ({s.Value})"))}.");
        }

        text.AppendLine();
        text.AppendLine("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN");
        var missed = input.Kpis.Where(k => k.Met == false).ToList();
        text.AppendLine(missed.Count == 0 ? "- Các chỉ số đều đạt chỉ tiêu." : $"- Chưa đạt chỉ tiêu: {List(missed)}.");
        if (input.OpenLate > 0)
        {
            text.AppendLine(Vietnamese, $"- Còn {Number(input.OpenLate)} hồ sơ quá hạn: đã/đang gửi phiếu xin lỗi và hẹn lại ngày trả kết quả.");
        }

        if (input.StaffToSupport.Count > 0)
        {
            text.AppendLine(Vietnamese, $"- Cá nhân cần hỗ trợ, đôn đốc: {string.Join(", ", input.StaffToSupport.Select(s => $"{s.Name} ({s.Value})"))}.");
        }

        text.AppendLine("- Nguyên nhân: ……………………………………");
        text.AppendLine();
        text.AppendLine("III. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG TỚI");
        text.AppendLine(missed.Count == 0
            ? "- Duy trì kết quả, tiếp tục nâng cao tỷ lệ hồ sơ trực tuyến và mức độ hài lòng của người dân."
            : $"- Tập trung cải thiện {string.Join(", ", missed.Select(k => k.Name.ToLower(Vietnamese)))}.");
        text.AppendLine("- ……………………………………");
        text.AppendLine();
        Signature(text, "THỦ TRƯỞNG ĐƠN VỊ");
        return text.ToString();
    }

    public static string DelegatedTaskSummary(DelegatedTaskSummaryInput input)
    {
        var (task, progress) = (input.Task, input.Progress);
        var text = new StringBuilder();
        Heading(text, input.ProvinceName, input.UnitName, "……/BC", input.Place, input.Today);
        text.AppendLine("BÁO CÁO");
        text.AppendLine(Vietnamese, $"Tiến độ thực hiện nhiệm vụ: {task.Title}");
        text.AppendLine();
        text.AppendLine("I. THÔNG TIN NHIỆM VỤ");
        text.AppendLine(Vietnamese, $"- Mã nhiệm vụ: {task.Code}.");
        text.AppendLine(Vietnamese, $"- Cơ quan giao: {task.SourceAgency}.");
        text.AppendLine(Vietnamese, $"- Căn cứ pháp lý: {task.LegalBasis}.");
        text.AppendLine(Vietnamese, $"- Đơn vị thực hiện: {input.UnitName}.");
        text.AppendLine(Vietnamese, $"- Ngày giao: {Day(task.AssignedOn)}; thời hạn hoàn thành: {Day(task.DueOn)}.");
        text.AppendLine();
        text.AppendLine("II. KẾT QUẢ THỰC HIỆN");
        var reports = input.Reports.Select((r, i) => (r, i)).OrderBy(x => x.r.ReportedOn).ThenBy(x => x.i).Select(x => x.r).ToList();
        if (reports.Count == 0)
        {
            text.AppendLine("- Đơn vị chưa có báo cáo thực hiện nào.");
        }

        for (var i = 0; i < reports.Count; i++)
        {
            var report = reports[i];
            text.AppendLine(Vietnamese, $"{i + 1}. Ngày {Day(report.ReportedOn)} ({report.Reporter}): đạt {report.PercentDone} % — {report.Text.Trim()}");
        }

        text.AppendLine(Vietnamese, $"- Đến ngày {Day(input.Today)}, nhiệm vụ đạt {progress.PercentDone} % khối lượng; đã qua {progress.WorkingDaysElapsed}/{progress.WorkingDaysTotal} "
            + $"ngày làm việc của thời hạn ({Percent(progress.ExpectedPercent)} thời gian).");
        text.AppendLine(Vietnamese, $"- Đánh giá: {Verdict(progress)}.");
        text.AppendLine();
        text.AppendLine("III. NỘI DUNG CÒN LẠI, KHÓ KHĂN VÀ KIẾN NGHỊ");
        text.AppendLine(progress.Status == ProgressStatus.Completed
            ? "- Nhiệm vụ đã hoàn thành; không còn khối lượng phải thực hiện."
            : $"- Khối lượng còn lại: {100 - progress.PercentDone} %; " + (progress.Status == ProgressStatus.Overdue
                ? $"đã quá hạn {progress.WorkingDaysOverdue} ngày làm việc, đề nghị cơ quan giao nhiệm vụ cho gia hạn đến ngày ……/……/………."
                : $"còn {progress.WorkingDaysLeft} ngày làm việc đến hạn."));
        text.AppendLine("- Việc cần làm tiếp: ……………………………………");
        text.AppendLine("- Khó khăn, vướng mắc: ……………………………………");
        text.AppendLine("- Kiến nghị, đề xuất: ……………………………………");
        text.AppendLine();
        Signature(text, "THỦ TRƯỞNG ĐƠN VỊ");
        return text.ToString();
    }

    private static string Verdict(ProgressAssessment progress) => progress.Status switch
    {
        ProgressStatus.Completed => "đã hoàn thành",
        ProgressStatus.Overdue => $"quá hạn, chưa hoàn thành (quá {progress.WorkingDaysOverdue} ngày làm việc)",
        ProgressStatus.AtRisk => $"có nguy cơ chậm tiến độ: khối lượng đạt thấp hơn {Points(progress.PointsBehind)} so với thời gian đã qua "
            + $"(ngưỡng cảnh báo {TaskProgress.AtRiskMargin} điểm phần trăm)",
        _ => progress.PointsBehind > 0
            ? $"đúng tiến độ: khối lượng đạt thấp hơn {Points(progress.PointsBehind)} so với thời gian đã qua, trong ngưỡng {TaskProgress.AtRiskMargin} điểm phần trăm"
            : "đúng tiến độ: khối lượng đạt không thấp hơn thời gian đã qua",
    };

    private static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", Vietnamese);

    private static string Percent(double value) => value.ToString("0.0", Vietnamese) + " %";

    private static string Points(double value) => value.ToString("0.0", Vietnamese) + " điểm phần trăm";

    private static void Heading(StringBuilder text, string province, string unit, string number, string place, DateOnly today)
    {
        text.AppendLine(province.ToUpper(Vietnamese));
        text.AppendLine(unit.ToUpper(Vietnamese));
        text.AppendLine("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        text.AppendLine("Độc lập - Tự do - Hạnh phúc");
        text.AppendLine(Vietnamese, $"Số: {number}");
        text.AppendLine(Vietnamese, $"{place}, ngày {today.Day:00} tháng {today.Month:00} năm {today.Year}");
        text.AppendLine();
    }

    private static void Signature(StringBuilder text, string title)
    {
        text.AppendLine(title);
        text.AppendLine("(Ký, ghi rõ họ tên)");
    }

    private static string List(IEnumerable<DraftKpi> kpis) => string.Join("; ", kpis.Select(k => $"{k.Name.ToLower(Vietnamese)} {k.Value} (chỉ tiêu {k.Target})"));

    private static string Time(DateTimeOffset instant) => instant.ToOffset(VietnamTime.Offset).ToString("HH 'giờ' mm 'phút, ngày' dd/MM/yyyy", Vietnamese);

    private static string Date(DateTimeOffset instant) => instant.ToOffset(VietnamTime.Offset).ToString("dd/MM/yyyy", Vietnamese);

    private static string Number(long n) => n.ToString("N0", Vietnamese);

    private static string Share(long part, long whole) => whole == 0 ? "—" : (100.0 * part / whole).ToString("0.0", Vietnamese) + " %";
}
