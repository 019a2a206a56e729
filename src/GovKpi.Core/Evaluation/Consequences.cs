using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Organisation;

namespace GovKpi.Core.Evaluation;

/// <summary>A commendation a person may be proposed for: at least <see cref="AtLeast"/> in each of the last <see cref="ConsecutiveYears"/> years.</summary>
public sealed record CommendationRule(string Code, string NameVi, string NameEn, ClassificationLevel AtLeast, int ConsecutiveYears);

/// <summary>
/// A list the law requires: people of <see cref="StaffTypes"/> (leaders only when
/// <see cref="LeadersOnly"/>) at <see cref="AtOrBelow"/> or worse in each of the last
/// <see cref="ConsecutiveYears"/> years.
/// </summary>
public sealed record RequiredListRule(string Code, string NameVi, string NameEn, ClassificationLevel AtOrBelow, int ConsecutiveYears, IReadOnlyList<StaffType> StaffTypes, bool LeadersOnly = false);

/// <summary>Training is needed at <see cref="LevelAtOrBelow"/> or worse, and for each general criterion rated <see cref="RatingAtOrBelow"/> or worse in any period.</summary>
public sealed record TrainingRule(ClassificationLevel LevelAtOrBelow, RatingLevel RatingAtOrBelow);

/// <summary>What a classification leads to (Law 80/2025 art. 27: training, placement, bonus, commendation, dismissal).</summary>
public sealed record ConsequencePolicy(IReadOnlyDictionary<ClassificationLevel, decimal> BonusCoefficients, IReadOnlyList<CommendationRule> Commendations,
    TrainingRule Training, IReadOnlyList<RequiredListRule> Lists)
{
    /// <summary>
    /// Defaults. The lists follow Law 80/2025: KHT → lower position or dismissal considered; KHT two
    /// years running → dismissal of civil servants and public employees, removal of cadres and of
    /// leaders. The bonus coefficients and commendation thresholds are proposals each province sets.
    /// </summary>
    public static ConsequencePolicy Decree335 { get; } = new(
        new Dictionary<ClassificationLevel, decimal>
        {
            [ClassificationLevel.Htxs] = 1.2m,
            [ClassificationLevel.Htt] = 1.0m,
            [ClassificationLevel.Ht] = 0.8m,
            [ClassificationLevel.Kht] = 0m,
        },
        [
            new("lao-dong-tien-tien", "Danh hiệu Lao động tiên tiến", "Advanced worker title", ClassificationLevel.Htt, 1),
            new("chien-si-thi-dua-co-so", "Danh hiệu Chiến sĩ thi đua cơ sở", "Grassroots emulation fighter title", ClassificationLevel.Htxs, 1),
            new("bang-khen-tinh", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Certificate of merit of the provincial chairman", ClassificationLevel.Htxs, 2),
        ],
        new TrainingRule(ClassificationLevel.Ht, RatingLevel.Fair),
        [
            new("bo-tri-thap-hon", "Xem xét bố trí vị trí việc làm thấp hơn hoặc cho thôi việc", "To consider for a lower position or dismissal",
                ClassificationLevel.Kht, 1, [StaffType.CongChuc, StaffType.VienChuc]),
            new("thoi-viec", "Giải quyết thôi việc (2 năm liên tiếp không hoàn thành nhiệm vụ)", "Dismissal (KHT two years running)",
                ClassificationLevel.Kht, 2, [StaffType.CongChuc, StaffType.VienChuc]),
            new("mien-nhiem-can-bo", "Miễn nhiệm, cho thôi làm nhiệm vụ (2 năm liên tiếp không hoàn thành nhiệm vụ)", "Removal of a cadre (KHT two years running)",
                ClassificationLevel.Kht, 2, [StaffType.CanBo]),
            new("mien-nhiem-lanh-dao", "Xem xét miễn nhiệm chức vụ lãnh đạo, quản lý (2 năm liên tiếp không hoàn thành nhiệm vụ)", "Removal from a leadership post (KHT two years running)",
                ClassificationLevel.Kht, 2, [StaffType.CanBo, StaffType.CongChuc, StaffType.VienChuc], LeadersOnly: true),
        ]);
}

public enum TrainingReason
{
    /// <summary>The year's level is at or below the rule's level.</summary>
    Level,
    /// <summary>A general criterion was rated at or below the rule's rating.</summary>
    Criterion,
}

public sealed record TrainingNeed(TrainingReason Reason, string? CriterionCode, Explanation Explanation);

/// <summary>Levels are ordered from HTXS (best) to KHT (worst).</summary>
internal static class LevelOrder
{
    public static bool IsAtLeast(this ClassificationLevel level, ClassificationLevel floor) => level <= floor;

    public static bool IsAtOrBelow(this ClassificationLevel level, ClassificationLevel ceiling) => level >= ceiling;

    public static string Code(this ClassificationLevel level) => level.ToString().ToUpperInvariant();

    /// <summary>Whether this year and the <paramref name="years"/> − 1 calendar years before it all satisfy <paramref name="test"/>; a year without a level breaks the run.</summary>
    public static bool Run(int year, ClassificationLevel current, IReadOnlyDictionary<int, ClassificationLevel> previous, int years, Func<ClassificationLevel, bool> test) =>
        test(current) && Enumerable.Range(1, Math.Max(0, years - 1)).All(k => previous.TryGetValue(year - k, out var level) && test(level));
}
