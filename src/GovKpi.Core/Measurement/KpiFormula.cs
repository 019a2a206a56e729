namespace GovKpi.Core.Measurement;

/// <summary>One KPI value: the formula's numerator and denominator; no value when the denominator is zero.</summary>
public readonly record struct KpiValue(decimal Numerator, decimal Denominator)
{
    public double? Value => Denominator == 0 ? null : (double)Numerator / (double)Denominator;
}

/// <summary>Which records a term of a formula counts.</summary>
public enum RecordSource
{
    Dossiers,
    /// <summary>Surveys submitted in the period whose dossier belongs to the scope (the numerator sums their scores).</summary>
    Surveys,
    /// <summary>Upheld complaints received in the period for the scope.</summary>
    Complaints,
    /// <summary>Working days of the period; no records.</summary>
    WorkingDays,
    /// <summary>The scope's staff on the period's last day holding a valid digital or AI training completion.</summary>
    TrainingCompletions,
    /// <summary>The scope's staff on the period's last day.</summary>
    StaffOnLastDay,
}

/// <summary>A numerator or denominator: its records, and for dossiers the facts any of which make a dossier count.</summary>
public sealed record KpiTerm(RecordSource Source, DossierFacts AnyOf = DossierFacts.None)
{
    public bool Counts(DossierFacts facts) => Source == RecordSource.Dossiers && (facts & AnyOf) != 0;
}

/// <summary>
/// The KPI formulas of CONTRACTS.md over a <see cref="KpiTally"/>. <see cref="HasRecords"/> says
/// whether any record counts for the KPI in the scope, which decides whether it is reported;
/// <see cref="Numerator"/> and <see cref="Denominator"/> say which records explain the value.
/// </summary>
public sealed record KpiFormula(string Code, KpiTerm Numerator, KpiTerm Denominator, Func<KpiTally, int, KpiValue> Evaluate, Func<KpiTally, bool> HasRecords)
{
    public const string OnTimeRate = "on_time_rate";
    public const string PerWorkingDay = "per_working_day";
    public const string ErrorReturnRate = "error_return_rate";
    public const string SatisfactionAvg = "satisfaction_avg";
    public const string ComplaintRate = "complaint_rate";
    public const string OnlineShare = "online_share";
    public const string CompletionRate = "completion_rate";
    public const string TrainedStaffShare = "trained_staff_share";

    private static KpiTerm Dossiers(DossierFacts anyOf) => new(RecordSource.Dossiers, anyOf);

    /// <summary>All formulas, in ordinal order of their codes (the order of the compute output).</summary>
    public static IReadOnlyList<KpiFormula> All { get; } = SortedByCode(
    [
        new(ComplaintRate, new(RecordSource.Complaints), Dossiers(DossierFacts.Finished),
            (t, _) => new(t.UpheldComplaints, t.Finished), t => t.UpheldComplaints + t.Finished > 0),
        new(CompletionRate, Dossiers(DossierFacts.Completed), Dossiers(DossierFacts.Finished | DossierFacts.Withdrawn),
            (t, _) => new(t.Completed, t.Finished + t.Withdrawn), t => t.Finished + t.Withdrawn > 0),
        new(ErrorReturnRate, Dossiers(DossierFacts.FinishedWithStaffError), Dossiers(DossierFacts.Finished),
            (t, _) => new(t.FinishedWithStaffError, t.Finished), t => t.Finished > 0),
        new(OnTimeRate, Dossiers(DossierFacts.FinishedOnTime), Dossiers(DossierFacts.Finished | DossierFacts.OpenLate),
            (t, _) => new(t.FinishedOnTime, t.Finished + t.OpenLate), t => t.Finished + t.OpenLate > 0),
        new(OnlineShare, Dossiers(DossierFacts.ReceivedOnline), Dossiers(DossierFacts.Received),
            (t, _) => new(t.ReceivedOnline, t.Received), t => t.Received > 0),
        new(PerWorkingDay, Dossiers(DossierFacts.Finished), new(RecordSource.WorkingDays),
            (t, days) => new(t.Finished, days), t => t.Finished > 0),
        new(TrainedStaffShare, new(RecordSource.TrainingCompletions), new(RecordSource.StaffOnLastDay),
            (t, _) => new(t.TrainedStaff, t.Staff), t => t.Staff > 0),
        new(SatisfactionAvg, new(RecordSource.Surveys), new(RecordSource.Surveys),
            (t, _) => new(t.SurveyScoreSum, t.Surveys), t => t.Surveys > 0),
    ]);

    private static KpiFormula[] SortedByCode(KpiFormula[] formulas) => [.. formulas.OrderBy(f => f.Code, StringComparer.Ordinal)];

    public static KpiFormula? Find(string code) => All.FirstOrDefault(f => f.Code == code);
}
