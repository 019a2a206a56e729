namespace GovKpi.Core.Evaluation;

/// <summary>The four legal classification levels (Decree 335/2025, Law 80/2025/QH15).</summary>
public enum ClassificationLevel
{
    /// <summary>Hoàn thành xuất sắc nhiệm vụ — excellent.</summary>
    Htxs,
    /// <summary>Hoàn thành tốt nhiệm vụ — good.</summary>
    Htt,
    /// <summary>Hoàn thành nhiệm vụ — completed.</summary>
    Ht,
    /// <summary>Không hoàn thành nhiệm vụ — not completed.</summary>
    Kht,
}

/// <summary>Why a person got their level.</summary>
public enum ClassificationReason
{
    /// <summary>The score band.</summary>
    Band,
    /// <summary>Eligible for HTXS by score but moved to HTT by the HTXS quota.</summary>
    Quota,
    /// <summary>KHT whatever the score (degradation, discipline, corruption or waste under a leader).</summary>
    Forced,
}

/// <summary>What the HTXS quota is counted over.</summary>
public enum QuotaGrouping
{
    /// <summary>Each agency and group with similar tasks separately (Decree 335 default).</summary>
    AgencyAndGroup,
    Agency,
    Group,
    /// <summary>Everyone in the file together.</summary>
    Everyone,
}

/// <summary>Lowest scores of each level; a score at the bound belongs to the higher level.</summary>
public sealed record ScoreBands(decimal Htxs, decimal Htt, decimal Ht)
{
    public ClassificationLevel LevelOf(decimal score) =>
        score >= Htxs ? ClassificationLevel.Htxs : score >= Htt ? ClassificationLevel.Htt : score >= Ht ? ClassificationLevel.Ht : ClassificationLevel.Kht;
}

/// <summary>
/// HTXS may not exceed <see cref="Share"/> of the final number of HTT in each group of
/// <see cref="Grouping"/>. A null share means no quota.
/// </summary>
public sealed record HtxsQuota(decimal? Share, QuotaGrouping Grouping);

/// <summary>
/// How a province turns scores into levels. Policies are data: the Decree 335 default, the
/// Khánh Hòa variant, or a JSON file — never constants in code.
/// </summary>
public sealed record EvaluationPolicy(string Code, string Name, ScoreBands Bands, HtxsQuota Quota, decimal GeneralCriteriaMax, decimal TaskResultsMax)
{
    /// <summary>Decree 335/2025/NĐ-CP: 30 + 70 points; bands 90 / 70 / 50; HTXS ≤ 20% of HTT per agency and group.</summary>
    public static EvaluationPolicy Decree335 { get; } = new("decree-335", "Nghị định 335/2025/NĐ-CP",
        new ScoreBands(90, 70, 50), new HtxsQuota(0.2m, QuotaGrouping.AgencyAndGroup), 30, 70);

    /// <summary>Khánh Hòa (from 2025-04-01): 20 + 10 + 70 points; bands 90 / 80 / 50.</summary>
    public static EvaluationPolicy KhanhHoa { get; } = new("khanh-hoa", "Tỉnh Khánh Hòa (KPI từ 01/4/2025)",
        new ScoreBands(90, 80, 50), new HtxsQuota(0.2m, QuotaGrouping.AgencyAndGroup), 30, 70);

    public static IReadOnlyList<EvaluationPolicy> BuiltIn { get; } = [Decree335, KhanhHoa];
}
