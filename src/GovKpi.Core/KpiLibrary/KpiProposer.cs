using GovKpi.Core.Measurement;

namespace GovKpi.Core.KpiLibrary;

/// <summary>One KPI of a proposed set, with the words of the job description that led to it.</summary>
public sealed record KpiProposalItem(KpiDefinition Definition, decimal WeightPercent, IReadOnlyList<string> MatchedPhrases, bool Baseline);

/// <summary>
/// A KPI set proposed for a job position, with the SMART check's verdict on it. Nothing is saved:
/// a person reviews it and saves it as a KPI set version, which runs the same check again.
/// </summary>
public sealed record KpiProposal(IReadOnlyList<KpiProposalItem> Items, IReadOnlyList<SmartViolation> Violations, bool NoMeasuredKpiMatched);

/// <summary>
/// Proposes a KPI set from a job position's description (issue 5, item 3): each KPI of the library
/// is scored by the phrases of the description that point to it — the built-in KPIs by the work
/// they measure (<see cref="Signals"/>), any other KPI by the word pairs its own name and
/// description share with the job description. Quantitative KPIs share 70% of the weight in
/// proportion to their scores and the three behavioural ratings 30%, as in the one-stop template
/// (DOMAIN.md), in steps of 5%.
/// </summary>
public static class KpiProposer
{
    public const decimal MeasuredShare = 70m;
    public const decimal WeightStep = 5m;
    public const int MaximumMeasured = 6;

    /// <summary>Folded phrases of job descriptions that the work each built-in KPI measures shows in.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Signals = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [KpiFormula.OnTimeRate] = ["tra ket qua", "giai quyet", "thu tuc hanh chinh", "dung han", "han xu ly", "xu ly ho so"],
        [KpiFormula.PerWorkingDay] = ["tiep nhan", "xu ly ho so", "ho so", "mot cua"],
        [KpiFormula.ErrorReturnRate] = ["tham dinh", "kiem tra", "huong dan bo sung", "bo sung ho so", "xu ly ho so"],
        [KpiFormula.SatisfactionAvg] = ["nguoi dan", "doanh nghiep", "phuc vu", "tiep dan", "cong dan", "to chuc ca nhan"],
        [KpiFormula.ComplaintRate] = ["phan anh", "kien nghi", "khieu nai", "tiep dan", "nguoi dan"],
        [KpiFormula.OnlineShare] = ["truc tuyen", "dich vu cong", "so hoa", "dien tu", "chuyen doi so"],
        [KpiFormula.CompletionRate] = ["giai quyet", "tra ket qua", "hoan thanh", "ket qua giai quyet"],
        [KpiFormula.TrainedStaffShare] = ["dao tao", "boi duong", "ky nang so", "tri tue nhan tao"],
        ["coordination"] = ["phoi hop", "lien thong", "dong nghiep", "cac phong"],
    };

    /// <summary>The behavioural ratings every set carries: how work is done matters for every position (DOMAIN.md).</summary>
    public static readonly IReadOnlyList<string> Baseline = ["rule_compliance", "coordination", "initiative"];

    public static KpiProposal Propose(string jobDescription, IReadOnlyList<KpiDefinition> library, DateOnly on)
    {
        var text = " " + Words(VietnameseText.Fold(jobDescription)) + " ";
        var active = KpiVersions.DefinitionsAt(library, d => d.Code, on).Values
            .OrderBy(d => d.Code, StringComparer.Ordinal)
            .ToList();

        var measured = active
            .Where(d => d.Kind == KpiKind.Quantitative)
            .Select(d => (Definition: d, Matched: Matches(text, d)))
            .Where(m => m.Matched.Count > 0)
            .OrderByDescending(m => m.Matched.Count)
            .ThenBy(m => m.Definition.Code, StringComparer.Ordinal)
            .Take(MaximumMeasured)
            .ToList();
        var ratings = active
            .Where(d => d.Kind == KpiKind.Qualitative && Baseline.Contains(d.Code))
            .Select(d => (Definition: d, Matched: Matches(text, d)))
            .ToList();

        var measuredShare = measured.Count == 0 ? 0m : ratings.Count == 0 ? 100m : MeasuredShare;
        var measuredWeights = Apportion(measuredShare, [.. measured.Select(m => (decimal)m.Matched.Count)]);
        var ratingWeights = Apportion(100m - measuredShare, [.. ratings.Select(r => 1m + r.Matched.Count)]);

        var items = measured.Select((m, i) => new KpiProposalItem(m.Definition, measuredWeights[i], m.Matched, Baseline: false))
            .Concat(ratings.Select((r, i) => new KpiProposalItem(r.Definition, ratingWeights[i], r.Matched, Baseline: true)))
            .Where(i => i.WeightPercent > 0)
            .ToList();
        var violations = SmartCheck.Check(
            [.. items.Select(i => new KpiSetItem { KpiCode = i.Definition.Code, WeightPercent = i.WeightPercent })],
            code => active.FirstOrDefault(d => d.Code == code));
        return new KpiProposal(items, violations, measured.Count == 0);
    }

    /// <summary>The phrases of the description that point to the KPI, each once, in the order of the KPI's signals.</summary>
    private static List<string> Matches(string text, KpiDefinition definition)
    {
        var phrases = Signals.TryGetValue(definition.Code, out var signals)
            ? signals
            : WordPairs(VietnameseText.Fold(definition.NameVi + " " + definition.Description));
        return [.. phrases.Where(p => text.Contains(" " + p + " ", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Consecutive word pairs: Vietnamese words are mostly two syllables ("hồ sơ", "thẩm định"), so pairs carry the meaning.</summary>
    private static string[] WordPairs(string folded)
    {
        var words = Words(folded).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return [.. words.Zip(words.Skip(1), (a, b) => a + " " + b).Where(p => !CommonPairs.Contains(p)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Pairs that every description has and that say nothing about the work.</summary>
    private static readonly HashSet<string> CommonPairs = new(StringComparer.Ordinal) { "cua cac", "va cac", "trong ky", "tren so", "so ho", "cho nguoi" };

    private static string Words(string folded) => string.Join(' ', folded.Split(
        [.. folded.Where(c => !char.IsLetterOrDigit(c)).Distinct()], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// <paramref name="total"/> shared in proportion to <paramref name="scores"/> in multiples of
    /// <see cref="WeightStep"/>, by largest remainder so that the shares add up to the total exactly.
    /// </summary>
    public static decimal[] Apportion(decimal total, IReadOnlyList<decimal> scores)
    {
        if (scores.Count == 0 || total <= 0)
        {
            return new decimal[scores.Count];
        }

        var steps = (int)(total / WeightStep);
        var sum = scores.Sum();
        var exact = scores.Select(s => s / sum * steps).ToArray();
        var whole = exact.Select(e => (int)decimal.Floor(e)).ToArray();
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => exact[i] - whole[i]).ThenBy(i => i).ToList();
        var left = steps - whole.Sum();
        for (var k = 0; k < left; k++)
        {
            whole[order[k % order.Count]]++;
        }

        return [.. whole.Select(w => w * WeightStep)];
    }
}
