using GovKpi.Core.Measurement;

namespace GovKpi.Data.Measurement;

/// <summary>
/// One row of <c>kpi_aggregates</c>: the <see cref="KpiTally"/> of one scope in one stored
/// calendar period (month, quarter or year). Kept equal to a full recompute over the current
/// records by <see cref="KpiAggregateStore"/>, inside each import's transaction.
/// </summary>
public sealed class StoredKpiTally
{
    public DateOnly PeriodFrom { get; set; }
    public DateOnly PeriodTo { get; set; }
    /// <summary><see cref="KpiScope"/>: <c>all</c>, <c>unit</c> or <c>staff</c>.</summary>
    public required string Scope { get; set; }
    /// <summary>unit_code or staff code; empty for <c>all</c>.</summary>
    public required string Code { get; set; }
    public long Finished { get; set; }
    public long FinishedOnTime { get; set; }
    public long OpenLate { get; set; }
    public long FinishedWithStaffError { get; set; }
    public long Completed { get; set; }
    public long Withdrawn { get; set; }
    public long Received { get; set; }
    public long ReceivedOnline { get; set; }
    public long Surveys { get; set; }
    public long SurveyScoreSum { get; set; }
    public long UpheldComplaints { get; set; }

    public ReportingPeriod Period => new(PeriodFrom, PeriodTo);

    public KpiTally ToTally() => new()
    {
        Finished = Finished, FinishedOnTime = FinishedOnTime, OpenLate = OpenLate, FinishedWithStaffError = FinishedWithStaffError,
        Completed = Completed, Withdrawn = Withdrawn, Received = Received, ReceivedOnline = ReceivedOnline,
        Surveys = Surveys, SurveyScoreSum = SurveyScoreSum, UpheldComplaints = UpheldComplaints,
    };

    /// <summary>The tally's counts in column order of <see cref="CountColumns"/>.</summary>
    internal static long[] Counts(in KpiTally t) =>
    [
        t.Finished, t.FinishedOnTime, t.OpenLate, t.FinishedWithStaffError, t.Completed, t.Withdrawn,
        t.Received, t.ReceivedOnline, t.Surveys, t.SurveyScoreSum, t.UpheldComplaints,
    ];

    /// <summary>The count columns, in the order of <see cref="Counts"/>.</summary>
    internal static readonly string[] CountColumns =
    [
        "finished", "finished_on_time", "open_late", "finished_with_staff_error", "completed", "withdrawn",
        "received", "received_online", "surveys", "survey_score_sum", "upheld_complaints",
    ];
}
