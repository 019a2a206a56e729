using CsCheck;
using GovKpi.Core.Measurement;

namespace GovKpi.Core.Tests.Measurement;

/// <summary>
/// Incremental aggregates must always equal a full recompute: for any stream of dossier
/// versions (in any order, with replacements and stale versions), surveys and complaints
/// (also replaced), the summed deltas equal <see cref="KpiComputation"/> over the final state.
/// </summary>
public class KpiAggregatesPropertyTests
{
    private abstract record Event;
    private sealed record DossierEvent(DossierVersion Version) : Event;
    private sealed record SurveyEvent(SurveyResponse Survey) : Event;
    private sealed record ComplaintEvent(Complaint Complaint) : Event;

    private static readonly DateTimeOffset Origin = new(2025, 6, 15, 0, 0, 0, TimeSpan.FromHours(7));
    private static readonly string[] Units = ["U1", "U2", "U3"];
    private static readonly string?[] Handlers = ["H1", "H2", "H3", null];

    private static readonly Gen<DateTimeOffset> Time = TimeFrom(Origin, 130);

    /// <summary>Local hours from <paramref name="origin"/> over <paramref name="days"/> days, month boundaries (local midnight) included.</summary>
    private static Gen<DateTimeOffset> TimeFrom(DateTimeOffset origin, int days) => Gen.Select(Gen.Int[0, days], Gen.Int[0, 23], (d, h) => origin.AddDays(d).AddHours(h));

    private static Gen<Event> DossierOf(Gen<DateTimeOffset> time) =>
        Gen.Select(Gen.Int[1, 8], Gen.Int[0, 2], Gen.Int[0, 3], time, Gen.Int[-5, 30], Gen.Int[-1, 40], Gen.Int[0, 7], Gen.Select(Gen.Bool, Gen.Bool, Gen.Int[0, 50], (online, error, updated) => (online, error, updated)))
            .Select(x =>
            {
                var (id, unit, handler, received, dueDays, finishDays, status, rest) = x;
                var s = (DossierStatus)status;
                DateTimeOffset? finished = s.IsFinished() ? received.AddDays(Math.Max(0, finishDays)).AddHours(3) : null;
                return (Event)new DossierEvent(new DossierVersion($"D{id}", "1.0", Units[unit], Handlers[handler],
                    rest.online ? DossierChannel.Online : DossierChannel.InPerson, received, received.AddDays(dueDays), finished, s, 0, rest.error,
                    Origin.AddHours(rest.updated)));
            });

    private static Gen<Event> SurveyOf(Gen<DateTimeOffset> time) =>
        Gen.Select(Gen.Int[1, 6], Gen.Int[1, 10], time, Gen.Int[1, 5], (id, dossier, at, score) =>
            (Event)new SurveyEvent(new SurveyResponse($"S{id}", $"D{dossier}", at, score)));

    private static Gen<Event> ComplaintOf(Gen<DateTimeOffset> time) =>
        Gen.Select(Gen.Int[1, 5], Gen.Int[0, 2], Gen.Int[0, 3], time, Gen.Bool, (id, unit, staff, at, upheld) =>
            (Event)new ComplaintEvent(new Complaint($"K{id}", Units[unit], Handlers[staff], null, at, ComplaintCategory.Attitude, upheld)));

    private static Gen<Event[]> EventsOf(Gen<DateTimeOffset> time) =>
        Gen.Frequency((5, DossierOf(time)), (2, SurveyOf(time)), (1, ComplaintOf(time))).Array[0, 40];

    private static readonly Gen<Event[]> Events = EventsOf(Time);

    [Fact]
    public void Incremental_aggregates_always_equal_a_full_recompute()
    {
        var periods = KpiAggregates.CalendarPeriods(2025, 2025).Append(new ReportingPeriod(new(2025, 7, 10), new(2025, 8, 20))).ToList();

        Events.Sample(events =>
        {
            var aggregates = new KpiAggregates(periods);
            var store = new Dictionary<AggregateKey, KpiTally>();
            var dossiers = new Dictionary<string, DossierVersion>();
            var surveys = new Dictionary<string, SurveyResponse>();
            var complaints = new Dictionary<string, Complaint>();

            void Merge(Dictionary<AggregateKey, KpiTally> deltas)
            {
                foreach (var (key, delta) in deltas)
                {
                    var tally = store.GetValueOrDefault(key);
                    tally.Add(delta);
                    store[key] = tally;
                }
            }

            foreach (var e in events)
            {
                switch (e)
                {
                    case DossierEvent { Version: var v }:
                        var before = dossiers.GetValueOrDefault(v.DossierId);
                        if (before is not null && v.UpdatedAt <= before.UpdatedAt)
                        {
                            break; // stale or conflicting version: the current one stays
                        }

                        Merge(aggregates.DossierChanged(before, v, surveys.Values.Where(s => s.DossierId == v.DossierId).ToList()));
                        dossiers[v.DossierId] = v;
                        break;
                    case SurveyEvent { Survey: var s }:
                        var old = surveys.GetValueOrDefault(s.ResponseId);
                        Merge(aggregates.SurveyChanged(old, old is null ? null : dossiers.GetValueOrDefault(old.DossierId), s, dossiers.GetValueOrDefault(s.DossierId)));
                        surveys[s.ResponseId] = s;
                        break;
                    case ComplaintEvent { Complaint: var c }:
                        Merge(aggregates.ComplaintChanged(complaints.GetValueOrDefault(c.ComplaintId), c));
                        complaints[c.ComplaintId] = c;
                        break;
                }
            }

            foreach (var period in periods)
            {
                var full = new KpiComputation(period, 20);
                foreach (var d in dossiers.Values) full.AddDossier(d);
                foreach (var s in surveys.Values) full.AddSurvey(s, dossiers.GetValueOrDefault(s.DossierId));
                foreach (var c in complaints.Values) full.AddComplaint(c);

                var expected = new Dictionary<AggregateKey, KpiTally> { [new(period, KpiScope.All, "")] = full.TallyOfAll };
                foreach (var (code, t) in full.Units) expected[new(period, KpiScope.Unit, code)] = t;
                foreach (var (code, t) in full.Staff) expected[new(period, KpiScope.Staff, code)] = t;
                var actual = store.Where(s => s.Key.Period == period).ToDictionary();

                foreach (var key in expected.Keys.Union(actual.Keys))
                {
                    Assert.Equal(expected.GetValueOrDefault(key), actual.GetValueOrDefault(key));
                }
            }
        }, iter: 500, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Calendar_tallies_kept_along_a_stream_of_versions_equal_a_full_recompute_of_every_stored_period()
    {
        // Records over the turn of a year, so that the stored years and the open-late runs cross it.
        var events = EventsOf(TimeFrom(new DateTimeOffset(2025, 11, 20, 0, 0, 0, TimeSpan.FromHours(7)), 120));

        events.Sample(events =>
        {
            // As an import into empty tables lands them: the newest version of a dossier wins and
            // replaces the one counted before; the first row of a survey or complaint id wins.
            var tallies = new CalendarTallies();
            var dossiers = new Dictionary<string, DossierVersion>();
            foreach (var v in events.OfType<DossierEvent>().Select(e => e.Version))
            {
                if (dossiers.GetValueOrDefault(v.DossierId) is { } current)
                {
                    if (v.UpdatedAt <= current.UpdatedAt)
                    {
                        continue;
                    }

                    tallies.RemoveDossier(current);
                }

                tallies.AddDossier(v);
                dossiers[v.DossierId] = v;
            }

            var surveys = events.OfType<SurveyEvent>().Select(e => e.Survey).DistinctBy(s => s.ResponseId).ToList();
            var complaints = events.OfType<ComplaintEvent>().Select(e => e.Complaint).DistinctBy(c => c.ComplaintId).ToList();
            surveys.ForEach(s => tallies.AddSurvey(s, dossiers.GetValueOrDefault(s.DossierId)));
            complaints.ForEach(tallies.AddComplaint);

            var actual = tallies.Tallies();

            var times = dossiers.Values.SelectMany(d => new[] { d.ReceivedAt, d.FinishedAt ?? d.ReceivedAt })
                .Concat(surveys.Select(s => s.SubmittedAt)).Concat(complaints.Select(c => c.ReceivedAt))
                .Select(t => t.ToOffset(VietnamTime.Offset).Year).ToList();
            var expected = new Dictionary<AggregateKey, KpiTally>();
            var periods = times.Count == 0 ? [] : KpiAggregates.CalendarPeriods(times.Min(), times.Max());
            foreach (var period in periods)
            {
                var full = new KpiComputation(period, 0);
                foreach (var d in dossiers.Values) full.AddDossier(d);
                surveys.ForEach(s => full.AddSurvey(s, dossiers.GetValueOrDefault(s.DossierId)));
                complaints.ForEach(full.AddComplaint);
                expected[new(period, KpiScope.All, "")] = full.TallyOfAll;
                foreach (var (code, t) in full.Units) expected[new(period, KpiScope.Unit, code)] = t;
                foreach (var (code, t) in full.Staff) expected[new(period, KpiScope.Staff, code)] = t;
            }

            Assert.Equal(expected.Keys.Order(KeyOrder.Instance), actual.Keys.Order(KeyOrder.Instance));
            foreach (var (key, tally) in expected)
            {
                Assert.True(tally.Equals(actual[key]), $"{key}: kept along {Show(actual[key])}, recomputed {Show(tally)}");
            }
        }, iter: 500, seed: "0N0XIzNsQ0O2");
    }

    private static string Show(KpiTally t) => string.Join(",", t.Finished, t.FinishedOnTime, t.OpenLate, t.FinishedWithStaffError, t.Completed,
        t.Withdrawn, t.Received, t.ReceivedOnline, t.Surveys, t.SurveyScoreSum, t.UpheldComplaints);

    private sealed class KeyOrder : IComparer<AggregateKey>
    {
        public static readonly KeyOrder Instance = new();

        public int Compare(AggregateKey a, AggregateKey b) =>
            (a.Period.From, a.Period.To, a.Scope, a.Code).CompareTo((b.Period.From, b.Period.To, b.Scope, b.Code));
    }

    [Fact]
    public void A_quarter_or_a_year_is_made_of_its_months_with_the_last_months_open_late()
    {
        Events.Sample(events =>
        {
            var dossiers = events.OfType<DossierEvent>().Select(e => e.Version).GroupBy(d => d.DossierId).Select(g => g.MaxBy(d => d.UpdatedAt)!).ToList();
            KpiTally TallyOf(ReportingPeriod period)
            {
                var computation = new KpiComputation(period, 0);
                dossiers.ForEach(computation.AddDossier);
                foreach (var survey in events.OfType<SurveyEvent>().Select(e => e.Survey))
                {
                    computation.AddSurvey(survey, dossiers.FirstOrDefault(d => d.DossierId == survey.DossierId));
                }

                events.OfType<ComplaintEvent>().Select(e => e.Complaint).ToList().ForEach(computation.AddComplaint);
                return computation.TallyOfAll;
            }

            var months = Enumerable.Range(1, 12).Select(m => TallyOf(ReportingPeriod.Month(2025, m))).ToArray();
            Assert.Equal(TallyOf(ReportingPeriod.Quarter(2025, 3)), KpiTally.OfConsecutive(months.AsSpan(6, 3)));
            Assert.Equal(TallyOf(ReportingPeriod.Year(2025)), KpiTally.OfConsecutive(months));
        }, iter: 300);
    }
}
