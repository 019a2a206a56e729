using System.Runtime.InteropServices;

namespace GovKpi.Core.Measurement;

/// <summary>
/// The KPI tallies of every month, quarter and year of the local years the records cover (their
/// received, finished, submitted and complaint times): the periods the app stores. Records are
/// added, and dossier versions taken back when a newer one replaces them, in any order; the
/// result is what <see cref="KpiComputation"/> gives for each of those periods over the final
/// records, with the province (<c>all</c>) always present and a unit or staff member only when
/// its tally is not zero.
/// </summary>
/// <remarks>
/// Months only: a quarter or a year is made of its months (<see cref="KpiTally.OfConsecutive"/>).
/// A dossier is classified only in the months where it can have a fact: from the month it was
/// received to the month it finished. An open dossier has facts in later months only by being
/// open and late, which it is in every month from the one it falls due: that run, whose end is
/// the last stored month, known only once every record is in, is counted once, as a count of
/// open-late dossiers starting in a month and carried to the later months at the end.
/// </remarks>
public sealed class CalendarTallies
{
    private readonly Dictionary<int, KpiComputation> _months = [];
    private readonly Dictionary<int, OpenLateFrom> _openLate = [];
    private readonly Dictionary<int, long> _timesInYear = [];

    public void AddDossier(DossierVersion dossier) => Dossier(dossier, +1);

    /// <summary>Takes back what <see cref="AddDossier"/> counted for a version that a newer one replaced.</summary>
    public void RemoveDossier(DossierVersion dossier) => Dossier(dossier, -1);

    /// <summary>A survey counts for the scopes of its dossier (none when the dossier is unknown); its time counts for the years either way.</summary>
    public void AddSurvey(SurveyResponse survey, DossierVersion? dossier)
    {
        Year(survey.SubmittedAt, +1);
        Month(MonthOf(survey.SubmittedAt)).AddSurvey(survey, dossier);
    }

    /// <summary>An upheld complaint counts against its unit and staff member; any complaint's time counts for the years.</summary>
    public void AddComplaint(Complaint complaint)
    {
        Year(complaint.ReceivedAt, +1);
        if (complaint.Upheld)
        {
            Month(MonthOf(complaint.ReceivedAt)).AddComplaint(complaint);
        }
    }

    /// <summary>The tallies of every month, quarter and year of the years the records cover; empty without records.</summary>
    public Dictionary<AggregateKey, KpiTally> Tallies()
    {
        var rows = new Dictionary<AggregateKey, KpiTally>();
        var years = _timesInYear.Where(y => y.Value != 0).Select(y => y.Key).ToList();
        if (years.Count == 0)
        {
            return rows;
        }

        var (first, last) = (years.Min(), years.Max());
        var openLate = new OpenLateFrom();
        var starts = _openLate.Keys.Order().ToList();
        var next = 0;
        for (var year = first; year <= last; year++)
        {
            var months = new MonthTallies[12];
            for (var m = 0; m < 12; m++)
            {
                var index = year * 12 + m;
                // Open-late runs that started in this month or before (even before the first stored
                // month: those are of replaced versions and add up to zero) are open and late in it.
                for (; next < starts.Count && starts[next] <= index; next++)
                {
                    openLate.Add(_openLate[starts[next]]);
                }

                months[m] = new MonthTallies(_months.GetValueOrDefault(index), openLate);
                Store(rows, ReportingPeriod.Month(year, m + 1), months.AsSpan(m, 1));
            }

            for (var quarter = 0; quarter < 4; quarter++)
            {
                Store(rows, ReportingPeriod.Quarter(year, quarter + 1), months.AsSpan(quarter * 3, 3));
            }

            Store(rows, ReportingPeriod.Year(year), months);
        }

        return rows;
    }

    private void Dossier(DossierVersion dossier, int sign)
    {
        Year(dossier.ReceivedAt, sign);
        var received = MonthOf(dossier.ReceivedAt);
        if (dossier.FinishedAt is { } finishedAt)
        {
            Year(finishedAt, sign);
            var finished = MonthOf(finishedAt);
            for (var m = Math.Min(received, finished); m <= Math.Max(received, finished); m++)
            {
                Count(Month(m), dossier, sign);
            }

            return;
        }

        Count(Month(received), dossier, sign);
        // After the month received, an open dossier has one fact: open and late, from the month it falls due.
        var from = Math.Max(received + 1, MonthOf(dossier.DueAt));
        ref var run = ref CollectionsMarshal.GetValueRefOrAddDefault(_openLate, from, out _);
        (run ??= new OpenLateFrom()).Add(dossier, sign);
    }

    private static void Count(KpiComputation month, DossierVersion dossier, int sign)
    {
        if (sign > 0)
        {
            month.AddDossier(dossier);
        }
        else
        {
            month.RemoveDossier(dossier);
        }
    }

    private KpiComputation Month(int index)
    {
        ref var month = ref CollectionsMarshal.GetValueRefOrAddDefault(_months, index, out _);
        return month ??= new KpiComputation(ReportingPeriod.Month(index / 12, index % 12 + 1), 0);
    }

    private void Year(DateTimeOffset instant, int sign) =>
        CollectionsMarshal.GetValueRefOrAddDefault(_timesInYear, instant.ToOffset(VietnamTime.Offset).Year, out _) += sign;

    /// <summary>The month of an instant in local time, as year × 12 + month − 1.</summary>
    private static int MonthOf(DateTimeOffset instant)
    {
        var local = instant.ToOffset(VietnamTime.Offset);
        return local.Year * 12 + local.Month - 1;
    }

    /// <summary>Rows of one period made of consecutive months: the province always, units and staff when not zero.</summary>
    private static void Store(Dictionary<AggregateKey, KpiTally> rows, ReportingPeriod period, ReadOnlySpan<MonthTallies> months)
    {
        var parts = new KpiTally[months.Length];
        for (var i = 0; i < months.Length; i++)
        {
            parts[i] = months[i].All;
        }

        rows[new AggregateKey(period, KpiScope.All, "")] = KpiTally.OfConsecutive(parts);
        foreach (var (scope, codesOf, tallyOf) in new (string, Func<MonthTallies, IEnumerable<string>>, Func<MonthTallies, string, KpiTally>)[]
        {
            (KpiScope.Unit, m => m.Units.Keys, (m, code) => m.Units.GetValueOrDefault(code)),
            (KpiScope.Staff, m => m.Staff.Keys, (m, code) => m.Staff.GetValueOrDefault(code)),
        })
        {
            var codes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var month in months)
            {
                codes.UnionWith(codesOf(month));
            }

            foreach (var code in codes)
            {
                for (var i = 0; i < months.Length; i++)
                {
                    parts[i] = tallyOf(months[i], code);
                }

                var tally = KpiTally.OfConsecutive(parts);
                if (!tally.Equals(default))
                {
                    rows[new AggregateKey(period, scope, code)] = tally;
                }
            }
        }
    }

    /// <summary>Open and late dossiers counted per scope (only <see cref="KpiTally.OpenLate"/>).</summary>
    private sealed class OpenLateFrom
    {
        public long All;
        public readonly Dictionary<string, long> Units = new(StringComparer.Ordinal);
        public readonly Dictionary<string, long> Staff = new(StringComparer.Ordinal);

        public void Add(DossierVersion dossier, int sign)
        {
            All += sign;
            CollectionsMarshal.GetValueRefOrAddDefault(Units, dossier.UnitCode, out _) += sign;
            if (!string.IsNullOrEmpty(dossier.HandlerCode))
            {
                CollectionsMarshal.GetValueRefOrAddDefault(Staff, dossier.HandlerCode, out _) += sign;
            }
        }

        public void Add(OpenLateFrom other)
        {
            All += other.All;
            foreach (var (code, n) in other.Units)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(Units, code, out _) += n;
            }

            foreach (var (code, n) in other.Staff)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(Staff, code, out _) += n;
            }
        }
    }

    /// <summary>The final tallies of one month: what was classified in it, plus the open-late runs that reach it; zero tallies left out.</summary>
    private readonly struct MonthTallies
    {
        public MonthTallies(KpiComputation? month, OpenLateFrom openLate)
        {
            var all = month?.TallyOfAll ?? default;
            all.OpenLate += openLate.All;
            All = all;
            Units = Combine(month?.Units, openLate.Units);
            Staff = Combine(month?.Staff, openLate.Staff);
        }

        public KpiTally All { get; }
        public Dictionary<string, KpiTally> Units { get; }
        public Dictionary<string, KpiTally> Staff { get; }

        private static Dictionary<string, KpiTally> Combine(IReadOnlyDictionary<string, KpiTally>? classified, Dictionary<string, long> openLate)
        {
            var tallies = new Dictionary<string, KpiTally>(StringComparer.Ordinal);
            foreach (var (code, tally) in classified ?? new Dictionary<string, KpiTally>())
            {
                tallies[code] = tally;
            }

            foreach (var (code, n) in openLate)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(tallies, code, out _).OpenLate += n;
            }

            foreach (var code in tallies.Where(t => t.Value.Equals(default)).Select(t => t.Key).ToList())
            {
                tallies.Remove(code);
            }

            return tallies;
        }
    }
}
