namespace GovKpi.Core.Measurement;

/// <summary>
/// The counts behind every KPI of one scope (the province, a unit or a staff member) in one
/// period. Tallies add up: the tally of a subtree is the sum of its units' tallies, and an
/// aggregate updated record by record equals the one computed from scratch.
/// </summary>
public struct KpiTally : IEquatable<KpiTally>
{
    public long Finished;
    public long FinishedOnTime;
    public long OpenLate;
    public long FinishedWithStaffError;
    public long Completed;
    public long Withdrawn;
    public long Received;
    public long ReceivedOnline;
    public long Surveys;
    public long SurveyScoreSum;
    public long UpheldComplaints;
    /// <summary>People of the scope on the period's last day; not kept in the stored aggregates (read from the staff and training records).</summary>
    public long Staff;
    /// <summary>Those of <see cref="Staff"/> with a valid digital or AI training completion that day.</summary>
    public long TrainedStaff;

    public void Add(DossierFacts facts)
    {
        if ((facts & DossierFacts.Finished) != 0) Finished++;
        if ((facts & DossierFacts.FinishedOnTime) != 0) FinishedOnTime++;
        if ((facts & DossierFacts.OpenLate) != 0) OpenLate++;
        if ((facts & DossierFacts.FinishedWithStaffError) != 0) FinishedWithStaffError++;
        if ((facts & DossierFacts.Completed) != 0) Completed++;
        if ((facts & DossierFacts.Withdrawn) != 0) Withdrawn++;
        if ((facts & DossierFacts.Received) != 0) Received++;
        if ((facts & DossierFacts.ReceivedOnline) != 0) ReceivedOnline++;
    }

    public void Subtract(DossierFacts facts)
    {
        if ((facts & DossierFacts.Finished) != 0) Finished--;
        if ((facts & DossierFacts.FinishedOnTime) != 0) FinishedOnTime--;
        if ((facts & DossierFacts.OpenLate) != 0) OpenLate--;
        if ((facts & DossierFacts.FinishedWithStaffError) != 0) FinishedWithStaffError--;
        if ((facts & DossierFacts.Completed) != 0) Completed--;
        if ((facts & DossierFacts.Withdrawn) != 0) Withdrawn--;
        if ((facts & DossierFacts.Received) != 0) Received--;
        if ((facts & DossierFacts.ReceivedOnline) != 0) ReceivedOnline--;
    }

    public void AddSurvey(int score)
    {
        Surveys++;
        SurveyScoreSum += score;
    }

    public void Add(in KpiTally other)
    {
        Finished += other.Finished;
        FinishedOnTime += other.FinishedOnTime;
        OpenLate += other.OpenLate;
        FinishedWithStaffError += other.FinishedWithStaffError;
        Completed += other.Completed;
        Withdrawn += other.Withdrawn;
        Received += other.Received;
        ReceivedOnline += other.ReceivedOnline;
        Surveys += other.Surveys;
        SurveyScoreSum += other.SurveyScoreSum;
        UpheldComplaints += other.UpheldComplaints;
        Staff += other.Staff;
        TrainedStaff += other.TrainedStaff;
    }

    /// <summary>
    /// The tally of a period made of consecutive parts (a quarter of its months): every count is a
    /// sum, since each counts records whose time falls in the period, except <see cref="OpenLate"/>,
    /// a state at the end of the period, which is that of the last part.
    /// </summary>
    public static KpiTally OfConsecutive(ReadOnlySpan<KpiTally> parts)
    {
        var whole = new KpiTally();
        foreach (ref readonly var part in parts)
        {
            whole.Add(part);
        }

        whole.OpenLate = parts.IsEmpty ? 0 : parts[^1].OpenLate;
        whole.Staff = parts.IsEmpty ? 0 : parts[^1].Staff;
        whole.TrainedStaff = parts.IsEmpty ? 0 : parts[^1].TrainedStaff;
        return whole;
    }

    public readonly bool Equals(KpiTally o) =>
        Finished == o.Finished && FinishedOnTime == o.FinishedOnTime && OpenLate == o.OpenLate
        && FinishedWithStaffError == o.FinishedWithStaffError && Completed == o.Completed && Withdrawn == o.Withdrawn
        && Received == o.Received && ReceivedOnline == o.ReceivedOnline && Surveys == o.Surveys
        && SurveyScoreSum == o.SurveyScoreSum && UpheldComplaints == o.UpheldComplaints
        && Staff == o.Staff && TrainedStaff == o.TrainedStaff;

    public override readonly bool Equals(object? obj) => obj is KpiTally o && Equals(o);

    public override readonly int GetHashCode() => HashCode.Combine(Finished, OpenLate, Received, Surveys, UpheldComplaints);
}
