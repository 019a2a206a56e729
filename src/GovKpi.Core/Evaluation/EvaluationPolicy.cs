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
    /// <summary>Held below the band by <see cref="ScoredPerson.AtMost"/> (e.g. long absence of a public employee).</summary>
    Capped,
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
/// Khánh Hòa variant, or a JSON file — never constants in code. The parts after the bands and quota
/// (criteria, rating anchors, task scoring, leaders, time worked, consequences, calibration) default
/// to Decree 335's, so a policy that only sets bands and quota keeps them.
/// </summary>
public sealed record EvaluationPolicy(string Code, string Name, ScoreBands Bands, HtxsQuota Quota, decimal GeneralCriteriaMax, decimal TaskResultsMax)
{
    /// <summary>General criteria in blocks; their points add up to <see cref="GeneralCriteriaMax"/>.</summary>
    public IReadOnlyList<CriteriaSection> GeneralCriteria { get; init; } = CriteriaSection.Decree335;

    public RatingScale RatingScale { get; init; } = RatingScale.Default;

    public TaskScoringPolicy TaskScoring { get; init; } = TaskScoringPolicy.Decree335;

    /// <summary>How the position's KPI set makes the task-result points: cap, KPI share k, behavioural scale.</summary>
    public KpiScoringPolicy KpiScoring { get; init; } = KpiScoringPolicy.Decree335;

    public LeaderScoringPolicy Leaders { get; init; } = LeaderScoringPolicy.Decree335;

    public AnnualPolicy Annual { get; init; } = AnnualPolicy.Decree335;

    public ConsequencePolicy Consequences { get; init; } = ConsequencePolicy.Decree335;

    public CalibrationPolicy Calibration { get; init; } = CalibrationPolicy.Decree335;

    /// <summary>Points are rounded (half away from zero) to this many decimals where they are shown, and classified as shown.</summary>
    public int ScoreDecimals { get; init; } = 2;

    /// <summary>Decree 335/2025/NĐ-CP: 30 + 70 points; bands 90 / 70 / 50; HTXS ≤ 20% of HTT per agency and group.</summary>
    public static EvaluationPolicy Decree335 { get; } = new("decree-335", "Nghị định 335/2025/NĐ-CP",
        new ScoreBands(90, 70, 50), new HtxsQuota(0.2m, QuotaGrouping.AgencyAndGroup), 30, 70);

    /// <summary>Khánh Hòa (from 2025-04-01): 20 + 10 + 70 points; bands 90 / 80 / 50; k = 1 for one-stop dossier specialists.</summary>
    public static EvaluationPolicy KhanhHoa { get; } = new("khanh-hoa", "Tỉnh Khánh Hòa (KPI từ 01/4/2025)",
        new ScoreBands(90, 80, 50), new HtxsQuota(0.2m, QuotaGrouping.AgencyAndGroup), 30, 70)
    {
        GeneralCriteria = CriteriaSection.KhanhHoa,
        KpiScoring = KpiScoringPolicy.KhanhHoa,
    };

    public static IReadOnlyList<EvaluationPolicy> BuiltIn { get; } = [Decree335, KhanhHoa];

    /// <summary>What makes the policy unusable, each as <c>field: reason</c>; empty when it is sound.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var criteria = GeneralCriteria.SelectMany(s => s.Criteria).ToList();
        if (GeneralCriteria.Sum(s => s.MaxPoints) != GeneralCriteriaMax)
        {
            problems.Add($"general_criteria: the criteria add up to {Show.N(GeneralCriteria.Sum(s => s.MaxPoints))} points, not {Show.N(GeneralCriteriaMax)}");
        }

        if (criteria.Any(c => c.MaxPoints <= 0))
        {
            problems.Add("general_criteria: every criterion needs positive points");
        }

        if (criteria.GroupBy(c => c.Code).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            problems.Add($"general_criteria: the criterion code {twice.Key} appears twice");
        }

        if (GeneralCriteriaMax + TaskResultsMax != 100)
        {
            problems.Add($"points: general criteria {Show.N(GeneralCriteriaMax)} + task results {Show.N(TaskResultsMax)} must make 100");
        }

        foreach (var level in Enum.GetValues<KpiLibrary.RatingLevel>())
        {
            if (RatingScale.Anchors.Count(a => a.Level == level) != 1)
            {
                problems.Add($"rating_scale: the level {level} needs exactly one anchor");
            }
        }

        if (RatingScale.Anchors.Any(a => a.Share is < 0 or > 1))
        {
            problems.Add("rating_scale: shares must be between 0 and 1");
        }

        var t = TaskScoring;
        if (new[] { t.QuantityWeight, t.QualityWeight, t.ProgressWeight }.Any(w => w < 0) || t.QuantityWeight + t.QualityWeight + t.ProgressWeight <= 0)
        {
            problems.Add("task_scoring: weights must be zero or positive, and not all zero");
        }

        if (t.DeductionShare is <= 0 or > 1)
        {
            problems.Add("task_scoring.deduction_share: must be above 0 and at most 1");
        }

        problems.AddRange(KpiScoring.Problems());

        var l = Leaders;
        if (new[] { l.OwnWorkWeight, l.UnitResultWeight, l.OrganisingWeight }.Any(w => w < 0) || l.OwnWorkWeight + l.UnitResultWeight + l.OrganisingWeight <= 0)
        {
            problems.Add("leaders: weights must be zero or positive, and not all zero");
        }

        if (ScoreDecimals is < 0 or > 4)
        {
            problems.Add("score_decimals: between 0 and 4");
        }

        return problems;
    }
}
