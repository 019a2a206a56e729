using System.Globalization;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Measurement;
using GovKpi.Core.Organisation;

namespace GovKpi.Core.Evaluation;

/// <summary>One level of the behavioural KPI scale (1–5) and what the manager must have seen to give it.</summary>
public sealed record BehaviouralAnchor(int Score, string LabelVi, string LabelEn, string MeaningVi, string MeaningEn);

/// <summary>
/// The KPI share k of a position (by <see cref="PositionCode"/>) or of a position group: a province
/// may set k = 1 where the work is fully measured (one-stop dossier specialists). Exactly one of the
/// two is given; a position's override wins over its group's.
/// </summary>
public sealed record KpiShareOverride(string? PositionCode, PositionGroup? Group, decimal Share);

/// <summary>
/// How the position's KPI set makes the task-result points (DOMAIN.md "KPIs into the 70 task-result
/// points"): each KPI's achievement is capped at <see cref="Cap"/> (1.0: over-achieving one KPI does
/// not make up for another); <see cref="Share"/> is k, the KPI share of the task results when the
/// person has both KPI values and assigned tasks (1 with KPIs only, 0 with tasks only, whatever the
/// policy says); behavioural KPIs are rated on <see cref="BehaviouralScale"/>, achievement = rating ÷
/// its top score.
/// </summary>
public sealed record KpiScoringPolicy(decimal Cap, decimal Share, IReadOnlyList<KpiShareOverride> Overrides, IReadOnlyList<BehaviouralAnchor> BehaviouralScale)
{
    public int BehaviouralMax => BehaviouralScale.Count == 0 ? 0 : BehaviouralScale.Max(a => a.Score);

    /// <summary>k for a person who has both KPI values and assigned tasks.</summary>
    public decimal ShareFor(string positionCode, PositionGroup group) =>
        Overrides.FirstOrDefault(o => o.PositionCode == positionCode)?.Share
        ?? Overrides.FirstOrDefault(o => o.PositionCode is null && o.Group == group)?.Share
        ?? Share;

    /// <summary>
    /// The 1–5 anchors. A proposal (no national text fixes a behavioural scale): 3 is what the
    /// position asks for, 4 and 5 go beyond it, 1 and 2 fall short.
    /// </summary>
    public static IReadOnlyList<BehaviouralAnchor> DefaultScale { get; } =
    [
        new(1, "Kém", "Poor",
            "Nhiều lần không thực hiện đúng yêu cầu; đã bị nhắc nhở mà không khắc phục; gây ảnh hưởng đến người dân, doanh nghiệp hoặc đơn vị.",
            "Repeatedly fails what is required; reminded without improving; harmed citizens, businesses or the unit."),
        new(2, "Chưa đạt", "Below expectations",
            "Có lúc không đáp ứng yêu cầu; phải nhắc nhở, hướng dẫn lại; sai sót đã được khắc phục.",
            "Sometimes falls short; needed reminders or renewed guidance; errors were corrected."),
        new(3, "Đạt", "Meets expectations",
            "Thực hiện đầy đủ, đúng yêu cầu của vị trí; không bị nhắc nhở trong kỳ.",
            "Does everything the position requires, correctly; no reminder in the period."),
        new(4, "Tốt", "Good",
            "Chủ động, thực hiện tốt hơn yêu cầu; hỗ trợ đồng nghiệp; sai sót nhỏ tự phát hiện và khắc phục kịp thời.",
            "Takes the initiative and does better than required; helps colleagues; finds and fixes small errors in time."),
        new(5, "Xuất sắc", "Excellent",
            "Luôn vượt yêu cầu; là tấm gương cho đồng nghiệp; có sáng kiến hoặc cách làm mới được đơn vị ghi nhận.",
            "Always beyond what is required; an example to colleagues; an initiative the unit recognised."),
    ];

    /// <summary>Decree 335 default: cap 1.0, k = 0.5 when both KPIs and tasks exist, no override.</summary>
    public static KpiScoringPolicy Decree335 { get; } = new(1.0m, 0.5m, [], DefaultScale);

    /// <summary>Khánh Hòa: the one-stop dossier specialist's work is fully measured, so k = 1 for that position.</summary>
    public static KpiScoringPolicy KhanhHoa { get; } = Decree335 with
    {
        Overrides = [new KpiShareOverride(BuiltInKpis.DossierSpecialistPosition, null, 1m)],
    };

    /// <summary>What makes these rules unusable, each as <c>kpi_scoring…: reason</c>.</summary>
    public IEnumerable<string> Problems()
    {
        if (Cap is < 1 or > 2)
        {
            yield return "kpi_scoring.cap: between 1 and 2";
        }

        if (Share is < 0 or > 1 || Overrides.Any(o => o.Share is < 0 or > 1))
        {
            yield return "kpi_scoring.share: between 0 and 1";
        }

        if (Overrides.Any(o => (o.PositionCode is null) == (o.Group is null)))
        {
            yield return "kpi_scoring.overrides: each names either a position_code or a group";
        }

        var scores = BehaviouralScale.Select(a => a.Score).Order().ToList();
        if (scores.Count < 2 || !scores.SequenceEqual(Enumerable.Range(1, scores.Count)))
        {
            yield return "kpi_scoring.behavioural_scale: scores 1, 2, … n, each once (n ≥ 2)";
        }
    }
}

/// <summary>
/// One KPI of the person's set: its measured value (quantitative KPIs) or the manager's rating on
/// the behavioural scale (qualitative ones). Neither (no record in the period, not rated) leaves it out.
/// </summary>
public sealed record KpiInput(KpiSetItem Item, KpiDefinition Definition, KpiValue? Value = null, int? Rating = null);

/// <summary>
/// How far one KPI reached its target. <see cref="Value"/> is what was compared (a percentage for %
/// KPIs, rounded to 4 decimals; the rating for behavioural ones); <see cref="Achievement"/> is null
/// when the KPI was left out (no value, not rated, no target). <see cref="Points"/>, the task-result
/// points it brought, is filled by <see cref="TaskResultScoring"/>.
/// </summary>
public sealed record KpiAchievementLine(
    string KpiCode, string NameVi, string NameEn, KpiKind Kind, KpiDirection Direction, decimal WeightPercent,
    decimal? Numerator, decimal? Denominator, decimal? Value, decimal? Target, decimal? Achievement, Explanation Explanation)
{
    public decimal? Points { get; init; }
}

/// <summary>
/// The person's KPIs against their targets as one ratio (0 – cap): Σ weight × achievement ÷ Σ weight
/// over the KPIs that have a value, so a KPI left out has its weight shared over the others in
/// proportion. Higher-is-better KPIs earn value ÷ target, lower-is-better ones target ÷ value (a value
/// of 0 is the best there is and earns the cap), behavioural ones rating ÷ top of the scale; each at
/// most the policy's cap. × 100 it is also the objective score calibration compares managers' ratings with.
/// </summary>
public sealed record KpiAchievement(IReadOnlyList<KpiAchievementLine> Lines, decimal? Ratio, Explanation Explanation)
{
    public decimal CountedWeight => Lines.Where(l => l.Achievement is not null).Sum(l => l.WeightPercent);

    public static KpiAchievement Of(IReadOnlyList<KpiInput> kpis, KpiScoringPolicy rules)
    {
        var lines = kpis.Select(k => Line(k, rules)).ToList();
        var counted = lines.Where(l => l.Achievement is not null).ToList();
        var weight = counted.Sum(l => l.WeightPercent);
        if (weight <= 0)
        {
            return new(lines, null, Explanation.Of("KpiNone", "—"));
        }

        var ratio = counted.Sum(l => l.WeightPercent * l.Achievement!.Value) / weight;
        var terms = string.Join(" + ", counted.Select(l => $"{Show.N(l.WeightPercent)} × {Show.Pct(l.Achievement!.Value)}"));
        var left = lines.Count - counted.Count;
        return new(lines, ratio, Explanation.Of("Kpi", $"({terms}) ÷ {Show.N(weight)} = {Show.Pct(ratio)}",
            Show.Pct(ratio), Count(counted.Count), Count(left), Show.N(weight)));
    }

    private static KpiAchievementLine Line(KpiInput kpi, KpiScoringPolicy rules)
    {
        var d = kpi.Definition;
        var code = d.Code;
        KpiAchievementLine Make(decimal? value, decimal? target, decimal? achievement, Explanation explanation) =>
            new(code, d.NameVi, d.NameEn, d.Kind, d.Direction, kpi.Item.WeightPercent,
                kpi.Value?.Numerator, kpi.Value?.Denominator, value, target, achievement, explanation);

        if (d.Kind == KpiKind.Qualitative)
        {
            if (kpi.Rating is not { } rating)
            {
                return Make(null, null, null, Explanation.Of("KpiNotRated", $"{code}: —", code));
            }

            if (rating < 1 || rating > rules.BehaviouralMax)
            {
                throw new ArgumentOutOfRangeException(nameof(kpi), $"The KPI {code} is rated {rating}, outside 1–{rules.BehaviouralMax}.");
            }

            var share = Math.Min(rules.Cap, (decimal)rating / rules.BehaviouralMax);
            return Make(rating, rules.BehaviouralMax, share, Explanation.Of("KpiBehavioural",
                $"{code}: {Count(rating)} ÷ {Count(rules.BehaviouralMax)} = {Show.Pct(share)}", code, Count(rating), Count(rules.BehaviouralMax), Show.Pct(share)));
        }

        var target = kpi.Item.TargetOverride ?? d.Target;
        if (kpi.Value is not { Denominator: not 0 } v)
        {
            return Make(null, target, null, Explanation.Of("KpiNoValue", $"{code}: —", code));
        }

        if (target is not { } t)
        {
            return Make(null, null, null, Explanation.Of("KpiNoTarget", $"{code}: —", code));
        }

        var x = Math.Round(v.Numerator / v.Denominator * (d.UnitOfMeasure.Trim() == "%" ? 100 : 1), 4, MidpointRounding.AwayFromZero);
        var higher = d.Direction == KpiDirection.HigherIsBetter;
        var (raw, formula) = higher
            ? (t <= 0 ? rules.Cap : x / t, $"{Show.N(x)} ÷ {Show.N(t)}")
            : (x == 0 ? rules.Cap : t / x, x == 0 ? "0" : $"{Show.N(t)} ÷ {Show.N(x)}");
        var achievement = Math.Min(rules.Cap, raw);
        var capped = raw > rules.Cap ? $"min({Show.Pct(rules.Cap)}, {formula})" : formula;
        return Make(x, t, achievement,
            Explanation.Of(higher ? "KpiHigher" : "KpiLower", $"{code}: {capped} = {Show.Pct(achievement)}", code, Show.N(x), Show.N(t), Show.Pct(achievement)));
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
