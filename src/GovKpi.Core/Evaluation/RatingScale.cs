using GovKpi.Core.KpiLibrary;

namespace GovKpi.Core.Evaluation;

/// <summary>
/// One level of the rating scale with its behavioural anchor: what a manager must have seen to
/// give it (<see cref="MeaningVi"/>), and the share of a criterion's points it earns.
/// </summary>
public sealed record RatingAnchor(RatingLevel Level, string LabelVi, string LabelEn, decimal Share, string MeaningVi, string MeaningEn);

/// <summary>The scale qualitative criteria are rated on; every <see cref="RatingLevel"/> has one anchor.</summary>
public sealed record RatingScale(IReadOnlyList<RatingAnchor> Anchors)
{
    public RatingAnchor this[RatingLevel level] =>
        Anchors.FirstOrDefault(a => a.Level == level) ?? throw new ArgumentOutOfRangeException(nameof(level), $"The rating scale has no anchor for {level}.");

    /// <summary>
    /// Default anchors. The shares are a proposal (no national text fixes them): a whole team rated
    /// "Tốt" on every criterion keeps 80% of the general-criteria points.
    /// </summary>
    public static RatingScale Default { get; } = new(
    [
        new(RatingLevel.Excellent, "Xuất sắc", "Excellent", 1.00m,
            "Luôn thực hiện vượt yêu cầu; là tấm gương cho đồng nghiệp; có sáng kiến hoặc cách làm mới được đơn vị ghi nhận và áp dụng; không có sai sót, không bị nhắc nhở trong kỳ.",
            "Always goes beyond what is required; an example to colleagues; an initiative or new way of working that the unit recognised and adopted; no error and no reminder in the period."),
        new(RatingLevel.Good, "Tốt", "Good", 0.80m,
            "Thực hiện đầy đủ, đúng yêu cầu; chủ động trong phạm vi được giao; không bị nhắc nhở; sai sót nhỏ (nếu có) tự phát hiện và khắc phục kịp thời, không ảnh hưởng đến người dân, doanh nghiệp.",
            "Does everything required, correctly; takes the initiative within the assigned scope; no reminder; any small error found and corrected in time by themselves, without effect on citizens or businesses."),
        new(RatingLevel.Fair, "Đạt", "Fair", 0.60m,
            "Cơ bản đáp ứng yêu cầu; có lúc phải nhắc nhở hoặc hướng dẫn lại; sai sót đã được khắc phục và không gây hậu quả.",
            "Broadly meets what is required; sometimes needs a reminder or renewed guidance; errors were corrected and caused no harm."),
        new(RatingLevel.Weak, "Chưa đạt", "Weak", 0.30m,
            "Chưa đáp ứng yêu cầu; bị nhắc nhở nhiều lần hoặc có vi phạm; sai sót gây ảnh hưởng đến người dân, doanh nghiệp hoặc đơn vị.",
            "Does not meet what is required; reminded repeatedly or broke a rule; errors affected citizens, businesses or the unit."),
    ]);
}
