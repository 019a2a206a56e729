namespace GovKpi.Core.ServiceQuality;

/// <summary>
/// One indicator of a service index: its points, and how it is scored from a KPI value. An
/// indicator without a <see cref="Kpi"/> measures something this system holds no records of
/// (published procedures, online payments, digitised results): it scores nothing and is reported
/// as not recorded rather than guessed.
/// </summary>
/// <param name="FullAt">
/// The value (in the KPI's own scale: a rate 0–1, an average score 1–5) at or beyond which the
/// indicator earns its full points; below it the points are <c>value × max ÷ FullAt</c>, as
/// Decision 766 scores its shares ("≥ 50 % full, else rate × max ÷ 50 %").
/// </param>
public sealed record IndexIndicator(string Code, decimal MaxPoints, string? Kpi = null, double FullAt = 1)
{
    public bool Recorded => Kpi is not null;
}

/// <summary>A group of indicators; its points are the sum of its indicators' points.</summary>
public sealed record IndexGroup(string Code, IReadOnlyList<IndexIndicator> Indicators)
{
    public decimal MaxPoints => Indicators.Sum(i => i.MaxPoints);
}

/// <summary>A service index made of groups of indicators: which groups, which points, mapped from which KPI values.</summary>
public sealed record ServiceIndexDefinition(string Code, IReadOnlyList<IndexGroup> Groups)
{
    public decimal MaxPoints => Groups.Sum(g => g.MaxPoints);

    /// <summary>The definition's own mistakes: empty when every code is unique, every point positive and every threshold positive.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var indicators = Groups.SelectMany(g => g.Indicators).ToList();
        problems.AddRange(Groups.GroupBy(g => g.Code).Where(g => g.Count() > 1).Select(g => $"group {g.Key} appears {g.Count()} times"));
        problems.AddRange(indicators.GroupBy(i => i.Code).Where(g => g.Count() > 1).Select(g => $"indicator {g.Key} appears {g.Count()} times"));
        problems.AddRange(indicators.Where(i => i.MaxPoints <= 0).Select(i => $"indicator {i.Code} has no points"));
        problems.AddRange(indicators.Where(i => i.Recorded && !(i.FullAt > 0)).Select(i => $"indicator {i.Code} needs a positive full-points value"));
        problems.AddRange(Groups.Where(g => g.Indicators.Count == 0).Select(g => $"group {g.Code} has no indicator"));
        return problems;
    }
}

/// <summary>An indicator's score: no points when it is not recorded or its KPI has no value in the period.</summary>
public sealed record IndicatorScore(IndexIndicator Indicator, double? Value, decimal? Points);

public sealed record GroupScore(IndexGroup Group, IReadOnlyList<IndicatorScore> Indicators)
{
    public decimal Points => Indicators.Sum(i => i.Points ?? 0);

    /// <summary>The points of the indicators that could be scored: the most this group could have earned on what is measured.</summary>
    public decimal MeasuredMax => Indicators.Where(i => i.Points is not null).Sum(i => i.Indicator.MaxPoints);
}

/// <summary>
/// A subject's index: the points earned, the points of what could be measured and the definition's
/// full points. <see cref="Share"/> is the points over the measurable points, so a unit is not
/// marked down for what the system does not record.
/// </summary>
public sealed record IndexScore(ServiceIndexDefinition Definition, IReadOnlyList<GroupScore> Groups)
{
    public decimal Points => Groups.Sum(g => g.Points);
    public decimal MeasuredMax => Groups.Sum(g => g.MeasuredMax);
    public decimal MaxPoints => Definition.MaxPoints;
    public decimal NotRecordedPoints => Groups.SelectMany(g => g.Indicators).Where(i => !i.Indicator.Recorded).Sum(i => i.Indicator.MaxPoints);
    public double? Share => MeasuredMax == 0 ? null : (double)(Points / MeasuredMax);
}

/// <summary>Scores a subject on a <see cref="ServiceIndexDefinition"/> from its KPI values.</summary>
public static class ServiceIndex
{
    /// <param name="values">The subject's KPI values by formula code (a missing code or null: no value in the period).</param>
    public static IndexScore Score(ServiceIndexDefinition definition, IReadOnlyDictionary<string, double?> values) =>
        new(definition, [.. definition.Groups.Select(g => new GroupScore(g, [.. g.Indicators.Select(i => Indicator(i, values))]))]);

    private static IndicatorScore Indicator(IndexIndicator indicator, IReadOnlyDictionary<string, double?> values)
    {
        if (indicator.Kpi is not { } kpi || values.GetValueOrDefault(kpi) is not { } value)
        {
            return new IndicatorScore(indicator, null, null);
        }

        var earned = Math.Clamp(value / indicator.FullAt, 0, 1);
        return new IndicatorScore(indicator, value, Math.Round((decimal)earned * indicator.MaxPoints, 2, MidpointRounding.AwayFromZero));
    }
}
