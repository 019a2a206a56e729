namespace GovKpi.Core.Measurement;

/// <summary>One KPI value: the formula's numerator and denominator; no value when the denominator is zero.</summary>
public readonly record struct KpiValue(decimal Numerator, decimal Denominator)
{
    public double? Value => Denominator == 0 ? null : (double)Numerator / (double)Denominator;
}

/// <summary>
/// The KPI formulas of CONTRACTS.md over a <see cref="KpiTally"/>. <see cref="HasRecords"/> says
/// whether any record counts for the KPI in the scope, which decides whether it is reported.
/// </summary>
public sealed record KpiFormula(string Code, Func<KpiTally, int, KpiValue> Evaluate, Func<KpiTally, bool> HasRecords)
{
    public const string OnTimeRate = "on_time_rate";
    public const string PerWorkingDay = "per_working_day";
    public const string ErrorReturnRate = "error_return_rate";
    public const string SatisfactionAvg = "satisfaction_avg";
    public const string ComplaintRate = "complaint_rate";
    public const string OnlineShare = "online_share";
    public const string CompletionRate = "completion_rate";

    /// <summary>All formulas, in ordinal order of their codes (the order of the compute output).</summary>
    public static IReadOnlyList<KpiFormula> All { get; } = SortedByCode(
    [
        new(ComplaintRate, (t, _) => new(t.UpheldComplaints, t.Finished), t => t.UpheldComplaints + t.Finished > 0),
        new(CompletionRate, (t, _) => new(t.Completed, t.Finished + t.Withdrawn), t => t.Finished + t.Withdrawn > 0),
        new(ErrorReturnRate, (t, _) => new(t.FinishedWithStaffError, t.Finished), t => t.Finished > 0),
        new(OnTimeRate, (t, _) => new(t.FinishedOnTime, t.Finished + t.OpenLate), t => t.Finished + t.OpenLate > 0),
        new(OnlineShare, (t, _) => new(t.ReceivedOnline, t.Received), t => t.Received > 0),
        new(PerWorkingDay, (t, days) => new(t.Finished, days), t => t.Finished > 0),
        new(SatisfactionAvg, (t, _) => new(t.SurveyScoreSum, t.Surveys), t => t.Surveys > 0),
    ]);

    private static KpiFormula[] SortedByCode(KpiFormula[] formulas) => [.. formulas.OrderBy(f => f.Code, StringComparer.Ordinal)];

    public static KpiFormula? Find(string code) => All.FirstOrDefault(f => f.Code == code);
}
