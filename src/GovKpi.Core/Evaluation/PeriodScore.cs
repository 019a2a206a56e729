namespace GovKpi.Core.Evaluation;

/// <summary>
/// One person's score for a month or quarter: general criteria + task results (out of 100), and
/// the level its band gives (indicative: the year's classification decides).
/// </summary>
public sealed record PeriodScore(decimal GeneralCriteria, decimal TaskResults, decimal Total, ClassificationLevel BandLevel, IReadOnlyList<Explanation> Explanations)
{
    public static PeriodScore Of(GeneralCriteriaScore general, TaskResultScore tasks, EvaluationPolicy policy) =>
        Of(general, tasks.Points, tasks.Explanations, policy);

    public static PeriodScore Of(GeneralCriteriaScore general, LeaderTaskResultScore tasks, EvaluationPolicy policy) =>
        Of(general, tasks.Points, tasks.Explanations, policy);

    private static PeriodScore Of(GeneralCriteriaScore general, decimal taskPoints, IReadOnlyList<Explanation> taskExplanations, EvaluationPolicy policy)
    {
        var total = general.Points + taskPoints;
        var level = policy.Bands.LevelOf(total);
        return new(general.Points, taskPoints, total, level,
        [
            general.Explanation,
            .. taskExplanations,
            Explanation.Of("PeriodTotal", $"{Show.N(general.Points)} + {Show.N(taskPoints)} = {Show.N(total)} → {level.ToString().ToUpperInvariant()}",
                Show.N(general.Points), Show.N(taskPoints), Show.N(total), level.ToString().ToUpperInvariant()),
        ]);
    }
}
