namespace GovKpi.Core.Measurement;

/// <summary>Where a stored aggregate belongs: one period, one scope (<see cref="KpiScope"/>), one code ("" for all).</summary>
public readonly record struct AggregateKey(ReportingPeriod Period, string Scope, string Code);

/// <summary>
/// Keeps per-period KPI tallies up to date as records arrive, without recomputing: each change
/// of a record becomes a set of signed deltas (what the old version contributed, taken away;
/// what the new one contributes, added) for every stored period. Deltas add up to exactly what
/// <see cref="KpiComputation"/> computes from scratch, which a property test checks.
/// </summary>
public sealed class KpiAggregates(IReadOnlyList<ReportingPeriod> periods)
{
    public IReadOnlyList<ReportingPeriod> Periods => periods;

    /// <summary>Every month, quarter and year of the given years: the periods the app stores.</summary>
    public static IReadOnlyList<ReportingPeriod> CalendarPeriods(int firstYear, int lastYear) =>
        Enumerable.Range(firstYear, lastYear - firstYear + 1).SelectMany(year =>
            Enumerable.Range(1, 12).Select(m => ReportingPeriod.Month(year, m))
                .Concat(Enumerable.Range(1, 4).Select(q => ReportingPeriod.Quarter(year, q)))
                .Append(ReportingPeriod.Year(year)))
            .ToList();

    /// <summary>
    /// The current version of a dossier changes from <paramref name="before"/> (null when new)
    /// to <paramref name="after"/>. <paramref name="surveys"/> are the surveys of that dossier:
    /// they follow it to its new unit and handler.
    /// </summary>
    public Dictionary<AggregateKey, KpiTally> DossierChanged(DossierVersion? before, DossierVersion after, IReadOnlyCollection<SurveyResponse> surveys)
    {
        var deltas = new Dictionary<AggregateKey, KpiTally>();
        foreach (var period in periods)
        {
            if (before is not null)
            {
                var facts = DossierClassification.Classify(before, period);
                Apply(deltas, period, before.UnitCode, before.HandlerCode, (ref KpiTally t) => t.Subtract(facts), facts != DossierFacts.None);
                foreach (var survey in surveys.Where(s => period.Contains(s.SubmittedAt)))
                {
                    Apply(deltas, period, before.UnitCode, before.HandlerCode, (ref KpiTally t) => { t.Surveys--; t.SurveyScoreSum -= survey.Score; }, true);
                }
            }

            var newFacts = DossierClassification.Classify(after, period);
            Apply(deltas, period, after.UnitCode, after.HandlerCode, (ref KpiTally t) => t.Add(newFacts), newFacts != DossierFacts.None);
            foreach (var survey in surveys.Where(s => period.Contains(s.SubmittedAt)))
            {
                Apply(deltas, period, after.UnitCode, after.HandlerCode, (ref KpiTally t) => t.AddSurvey(survey.Score), true);
            }
        }

        return WithoutZeros(deltas);
    }

    /// <summary>
    /// A survey arrives or changes. Each version counts for the scopes of the dossier it rates,
    /// once that dossier is known (<paramref name="beforeDossier"/>, <paramref name="afterDossier"/>: null when unknown).
    /// </summary>
    public Dictionary<AggregateKey, KpiTally> SurveyChanged(SurveyResponse? before, DossierVersion? beforeDossier, SurveyResponse after, DossierVersion? afterDossier)
    {
        var deltas = new Dictionary<AggregateKey, KpiTally>();
        foreach (var period in periods)
        {
            if (before is not null && beforeDossier is not null && period.Contains(before.SubmittedAt))
            {
                Apply(deltas, period, beforeDossier.UnitCode, beforeDossier.HandlerCode, (ref KpiTally t) => { t.Surveys--; t.SurveyScoreSum -= before.Score; }, true);
            }

            if (afterDossier is not null && period.Contains(after.SubmittedAt))
            {
                Apply(deltas, period, afterDossier.UnitCode, afterDossier.HandlerCode, (ref KpiTally t) => t.AddSurvey(after.Score), true);
            }
        }

        return WithoutZeros(deltas);
    }

    /// <summary>A complaint arrives or changes (e.g. found justified later).</summary>
    public Dictionary<AggregateKey, KpiTally> ComplaintChanged(Complaint? before, Complaint after)
    {
        var deltas = new Dictionary<AggregateKey, KpiTally>();
        foreach (var period in periods)
        {
            if (before is { Upheld: true } && period.Contains(before.ReceivedAt))
            {
                Apply(deltas, period, before.UnitCode, before.StaffCode, (ref KpiTally t) => t.UpheldComplaints--, true);
            }

            if (after.Upheld && period.Contains(after.ReceivedAt))
            {
                Apply(deltas, period, after.UnitCode, after.StaffCode, (ref KpiTally t) => t.UpheldComplaints++, true);
            }
        }

        return WithoutZeros(deltas);
    }

    private delegate void Change(ref KpiTally tally);

    private static void Apply(Dictionary<AggregateKey, KpiTally> deltas, ReportingPeriod period, string unit, string? staff, Change change, bool applies)
    {
        if (!applies)
        {
            return;
        }

        ApplyTo(deltas, new AggregateKey(period, KpiScope.All, ""), change);
        ApplyTo(deltas, new AggregateKey(period, KpiScope.Unit, unit), change);
        if (!string.IsNullOrEmpty(staff))
        {
            ApplyTo(deltas, new AggregateKey(period, KpiScope.Staff, staff), change);
        }
    }

    private static void ApplyTo(Dictionary<AggregateKey, KpiTally> deltas, AggregateKey key, Change change)
    {
        ref var tally = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(deltas, key, out _);
        change(ref tally);
    }

    private static Dictionary<AggregateKey, KpiTally> WithoutZeros(Dictionary<AggregateKey, KpiTally> deltas)
    {
        foreach (var key in deltas.Where(d => d.Value.Equals(default(KpiTally))).Select(d => d.Key).ToList())
        {
            deltas.Remove(key);
        }

        return deltas;
    }
}
