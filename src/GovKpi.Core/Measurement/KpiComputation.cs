using System.Runtime.InteropServices;

namespace GovKpi.Core.Measurement;

/// <summary>Scopes of a KPI row, named as in the compute output.</summary>
public static class KpiScope
{
    public const string All = "all";
    public const string Staff = "staff";
    public const string Unit = "unit";
}

/// <summary>One line of the compute output.</summary>
public sealed record KpiRow(string Scope, string ScopeCode, string Kpi, KpiValue Value);

/// <summary>
/// Computes every KPI of CONTRACTS.md for the province (<c>all</c>), each unit (unit_code) and
/// each staff member (handler_code) in one period, in one pass over the records. Feed it the
/// latest version of each dossier (see <see cref="LatestDossiers"/>), the surveys with the
/// dossier they rate, and the complaints.
/// </summary>
public sealed class KpiComputation(ReportingPeriod period, int workingDays)
{
    private KpiTally _all;
    private readonly Dictionary<string, KpiTally> _units = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KpiTally> _staff = new(StringComparer.Ordinal);

    public ReportingPeriod Period => period;
    public int WorkingDays => workingDays;

    public void AddDossier(DossierVersion latest)
    {
        var facts = DossierClassification.Classify(latest, period);
        if (facts == DossierFacts.None)
        {
            return;
        }

        _all.Add(facts);
        Tally(_units, latest.UnitCode).Add(facts);
        if (!string.IsNullOrEmpty(latest.HandlerCode))
        {
            Tally(_staff, latest.HandlerCode).Add(facts);
        }
    }

    /// <summary>
    /// Takes back what <see cref="AddDossier"/> counted for a version that a newer one replaced,
    /// so the counts can follow the latest versions as rows arrive (tallies add and subtract).
    /// A scope left with nothing reports no rows.
    /// </summary>
    public void RemoveDossier(DossierVersion replaced)
    {
        var facts = DossierClassification.Classify(replaced, period);
        if (facts == DossierFacts.None)
        {
            return;
        }

        _all.Subtract(facts);
        Tally(_units, replaced.UnitCode).Subtract(facts);
        if (!string.IsNullOrEmpty(replaced.HandlerCode))
        {
            Tally(_staff, replaced.HandlerCode).Subtract(facts);
        }
    }

    /// <summary>Counts a survey submitted in the period for the scopes its dossier belongs to; a survey of an unknown dossier belongs to none.</summary>
    public void AddSurvey(SurveyResponse survey, DossierVersion? dossier)
    {
        if (dossier is null || !period.Contains(survey.SubmittedAt))
        {
            return;
        }

        _all.AddSurvey(survey.Score);
        Tally(_units, dossier.UnitCode).AddSurvey(survey.Score);
        if (!string.IsNullOrEmpty(dossier.HandlerCode))
        {
            Tally(_staff, dossier.HandlerCode).AddSurvey(survey.Score);
        }
    }

    /// <summary>Counts an upheld complaint received in the period against its unit and, if named, its staff member.</summary>
    public void AddComplaint(Complaint complaint)
    {
        if (!complaint.Upheld || !period.Contains(complaint.ReceivedAt))
        {
            return;
        }

        _all.UpheldComplaints++;
        Tally(_units, complaint.UnitCode).UpheldComplaints++;
        if (!string.IsNullOrEmpty(complaint.StaffCode))
        {
            Tally(_staff, complaint.StaffCode).UpheldComplaints++;
        }
    }

    /// <summary>
    /// Adds the counts of a computation of the same period over other records (tallies add up),
    /// so that parts of the input can be counted at the same time. The working days stay this
    /// computation's: they are not a count.
    /// </summary>
    public void Add(KpiComputation other)
    {
        if (other.Period != period)
        {
            throw new ArgumentException($"Only computations of the same period add up ({other.Period} is not {period}).", nameof(other));
        }

        _all.Add(other._all);
        foreach (var (code, tally) in other._units)
        {
            Tally(_units, code).Add(tally);
        }

        foreach (var (code, tally) in other._staff)
        {
            Tally(_staff, code).Add(tally);
        }
    }

    public KpiTally TallyOfAll => _all;
    public IReadOnlyDictionary<string, KpiTally> Units => _units;
    public IReadOnlyDictionary<string, KpiTally> Staff => _staff;

    /// <summary>Every (scope, KPI) with a record in the period, sorted by scope, scope_code, kpi (ordinal).</summary>
    public IEnumerable<KpiRow> Rows()
    {
        // "all" < "staff" < "unit" in ordinal order, and KpiFormula.All is sorted by code.
        foreach (var row in RowsOf(KpiScope.All, "", _all))
        {
            yield return row;
        }

        foreach (var (scope, tallies) in new[] { (KpiScope.Staff, _staff), (KpiScope.Unit, _units) })
        {
            foreach (var code in tallies.Keys.Order(StringComparer.Ordinal))
            {
                foreach (var row in RowsOf(scope, code, tallies[code]))
                {
                    yield return row;
                }
            }
        }
    }

    private IEnumerable<KpiRow> RowsOf(string scope, string code, KpiTally tally) =>
        KpiFormula.All.Where(f => f.HasRecords(tally)).Select(f => new KpiRow(scope, code, f.Code, f.Evaluate(tally, workingDays)));

    private static ref KpiTally Tally(Dictionary<string, KpiTally> tallies, string code) =>
        ref CollectionsMarshal.GetValueRefOrAddDefault(tallies, code, out _);
}
