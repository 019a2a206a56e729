using GovKpi.Core.Measurement;
using static GovKpi.Core.Tests.Measurement.Dossiers;

namespace GovKpi.Core.Tests.Measurement;

public class KpiComputationTests
{
    private static readonly ReportingPeriod Q3 = ReportingPeriod.Quarter(2025, 3);

    private static Dictionary<(string, string, string), KpiValue> Compute(IEnumerable<DossierVersion> dossiers,
        IEnumerable<SurveyResponse>? surveys = null, IEnumerable<Complaint>? complaints = null, int workingDays = 64)
    {
        var latest = new LatestDossiers();
        foreach (var (d, i) in dossiers.Select((d, i) => (d, i)))
        {
            Assert.Null(latest.Offer(d, i + 2));
        }

        var computation = new KpiComputation(Q3, workingDays);
        foreach (var d in latest.Versions)
        {
            computation.AddDossier(d);
        }

        foreach (var s in surveys ?? [])
        {
            computation.AddSurvey(s, latest.Find(s.DossierId));
        }

        foreach (var c in complaints ?? [])
        {
            computation.AddComplaint(c);
        }

        return computation.Rows().ToDictionary(r => (r.Scope, r.ScopeCode, r.Kpi), r => r.Value);
    }

    [Fact]
    public void OnTimeRate_counts_open_late_dossiers_in_the_denominator()
    {
        var rows = Compute([
            Dossier("A", finished: At(7, 2), due: At(7, 5)),
            Dossier("B", finished: At(7, 9), due: At(7, 5)),
            Dossier("C", received: At(9, 1), due: At(9, 10), open: true),
            Dossier("D", received: At(9, 25), due: At(10, 5), open: true),
        ]);

        Assert.Equal(new KpiValue(1, 3), rows[("all", "", "on_time_rate")]);
    }

    [Fact]
    public void A_dossier_finished_after_the_period_but_late_at_its_end_is_open_late()
    {
        var rows = Compute([Dossier("A", received: At(9, 1), due: At(9, 10), finished: At(10, 3))]);

        Assert.Equal(new KpiValue(0, 1), rows[("all", "", "on_time_rate")]);
        Assert.False(rows.ContainsKey(("all", "", "error_return_rate")));
    }

    [Fact]
    public void Finishing_exactly_at_the_appointment_time_is_on_time()
    {
        var rows = Compute([Dossier("A", due: At(7, 3, 17), finished: At(7, 3, 17))]);

        Assert.Equal(new KpiValue(1, 1), rows[("all", "", "on_time_rate")]);
    }

    [Fact]
    public void Withdrawn_dossiers_count_only_in_the_completion_rate_denominator()
    {
        var rows = Compute([
            Dossier("A"),
            Dossier("B", status: DossierStatus.Withdrawn),
            Dossier("C", status: DossierStatus.Refused),
        ]);

        Assert.Equal(new KpiValue(1, 3), rows[("all", "", "completion_rate")]);
        Assert.Equal(new KpiValue(2, 2), rows[("all", "", "on_time_rate")]);
        Assert.Equal(new KpiValue(2, 64), rows[("all", "", "per_working_day")]);
    }

    [Fact]
    public void Complaint_rate_without_finished_dossiers_has_a_row_but_no_value()
    {
        var rows = Compute([Dossier("A", received: At(9, 29), open: true, due: At(10, 10))],
            complaints: [new Complaint("K1", "XA02", "CB009", null, At(8, 1), ComplaintCategory.Attitude, Upheld: true)]);

        var value = rows[("unit", "XA02", "complaint_rate")];
        Assert.Equal(new KpiValue(1, 0), value);
        Assert.Null(value.Value);
        Assert.Equal(new KpiValue(1, 0), rows[("staff", "CB009", "complaint_rate")]);
    }

    [Fact]
    public void Complaints_not_upheld_or_outside_the_period_do_not_count()
    {
        var rows = Compute([Dossier("A")], complaints:
        [
            new Complaint("K1", "XA01", "CB001", "A", At(8, 1), ComplaintCategory.Process, Upheld: false),
            new Complaint("K2", "XA01", "CB001", "A", At(6, 30), ComplaintCategory.Process, Upheld: true),
        ]);

        Assert.Equal(new KpiValue(0, 1), rows[("unit", "XA01", "complaint_rate")]);
    }

    [Fact]
    public void Satisfaction_follows_the_dossier_to_its_unit_and_handler()
    {
        var rows = Compute([Dossier("A", unit: "XA01", handler: "CB001"), Dossier("B", unit: "XA02", handler: "CB002")], surveys:
        [
            new SurveyResponse("S1", "A", At(7, 10), 5),
            new SurveyResponse("S2", "A", At(7, 11), 4),
            new SurveyResponse("S3", "B", At(7, 12), 2),
            new SurveyResponse("S4", "B", At(10, 1), 1),
        ]);

        Assert.Equal(new KpiValue(9, 2), rows[("staff", "CB001", "satisfaction_avg")]);
        Assert.Equal(new KpiValue(2, 1), rows[("unit", "XA02", "satisfaction_avg")]);
        Assert.Equal(new KpiValue(11, 3), rows[("all", "", "satisfaction_avg")]);
    }

    [Fact]
    public void Online_share_counts_dossiers_received_in_the_period_and_mobile_teams_are_not_online()
    {
        var rows = Compute([
            Dossier("A", channel: DossierChannel.Online),
            Dossier("B", channel: DossierChannel.Mobile),
            Dossier("C", channel: DossierChannel.Online, received: At(6, 20), finished: At(7, 2)),
        ]);

        Assert.Equal(new KpiValue(1, 2), rows[("all", "", "online_share")]);
    }

    [Fact]
    public void Unassigned_dossiers_count_for_the_unit_but_for_no_staff_member()
    {
        var rows = Compute([Dossier("A", handler: null)]);

        Assert.Contains(("unit", "XA01", "on_time_rate"), rows.Keys);
        Assert.DoesNotContain(rows.Keys, k => k.Item1 == "staff");
    }

    [Fact]
    public void Rows_are_sorted_by_scope_code_and_kpi_in_ordinal_order()
    {
        var computation = new KpiComputation(Q3, 64);
        foreach (var d in new[] { Dossier("A", unit: "b", handler: "Z"), Dossier("B", unit: "B", handler: "a") })
        {
            computation.AddDossier(d);
        }

        var keys = computation.Rows().Select(r => (r.Scope, r.ScopeCode, r.Kpi)).ToList();

        Assert.Equal(keys.OrderBy(k => k.Scope, StringComparer.Ordinal).ThenBy(k => k.ScopeCode, StringComparer.Ordinal).ThenBy(k => k.Kpi, StringComparer.Ordinal), keys);
        Assert.Equal(["all", "staff", "unit"], keys.Select(k => k.Scope).Distinct());
    }

    [Fact]
    public void The_latest_version_of_a_dossier_wins_whatever_the_order_of_rows()
    {
        var older = Dossier("A", open: true, updated: At(7, 1, 10));
        var newer = Dossier("A", finished: At(7, 2), updated: At(7, 2, 10));
        var latest = new LatestDossiers();

        latest.Offer(newer, 2);
        latest.Offer(older, 3);

        Assert.Equal(newer, latest.Find("A"));
    }

    [Fact]
    public void Two_different_versions_with_the_same_updated_at_are_a_conflict_naming_both_lines()
    {
        var latest = new LatestDossiers();
        latest.Offer(Dossier("A", updated: At(7, 2)), 2);

        var conflict = latest.Offer(Dossier("A", updated: At(7, 2), staffError: true), 7);

        Assert.Equal(new DossierConflict("A", At(7, 2), 2, 7), conflict);
    }

    [Fact]
    public void The_same_instant_written_with_another_offset_is_the_same_version()
    {
        var latest = new LatestDossiers();
        var local = Dossier("A", updated: At(7, 2, 9));
        var utc = local with { UpdatedAt = local.UpdatedAt.ToUniversalTime(), ReceivedAt = local.ReceivedAt.ToUniversalTime() };
        latest.Offer(local, 2);

        Assert.Null(latest.Offer(utc, 3));
    }

    [Fact]
    public void Computations_over_parts_of_the_records_add_up_to_the_computation_over_all()
    {
        DossierVersion[] dossiers =
        [
            Dossier("A"), Dossier("B", unit: "XA02", handler: "CB002", staffError: true),
            Dossier("C", received: At(9, 1), due: At(9, 10), open: true), Dossier("D", handler: null, status: DossierStatus.Withdrawn),
        ];
        var complaint = new Complaint("K1", "XA02", "CB002", null, At(8, 1), ComplaintCategory.Attitude, Upheld: true);
        var whole = new KpiComputation(Q3, 64);
        var first = new KpiComputation(Q3, 64);
        var second = new KpiComputation(Q3, 64);
        foreach (var (d, i) in dossiers.Select((d, i) => (d, i)))
        {
            whole.AddDossier(d);
            (i % 2 == 0 ? first : second).AddDossier(d);
        }

        whole.AddComplaint(complaint);
        second.AddComplaint(complaint);

        first.Add(second);

        Assert.Equal(whole.Rows(), first.Rows());
        Assert.Throws<ArgumentException>(() => first.Add(new KpiComputation(ReportingPeriod.Quarter(2025, 4), 64)));
    }

    [Fact]
    public void Counting_versions_as_they_come_and_taking_back_the_replaced_ones_counts_the_latest()
    {
        DossierVersion[] rows =
        [
            Dossier("A", open: true, updated: At(7, 1, 10)), Dossier("B", unit: "XA02", handler: "CB002", open: true, updated: At(7, 1, 11)),
            Dossier("A", finished: At(7, 2), updated: At(7, 2, 10)), Dossier("B", unit: "XA03", handler: "CB003", finished: At(7, 4), updated: At(7, 4, 10)),
        ];
        var latest = new LatestDossiers();
        var along = new KpiComputation(Q3, 64);
        foreach (var (row, line) in rows.Select((r, i) => (r, i + 2L)))
        {
            latest.Offer(row, line, out var isLatest, out var replaced);
            if (replaced is not null)
            {
                along.RemoveDossier(replaced);
            }

            if (isLatest)
            {
                along.AddDossier(row);
            }
        }

        var fromScratch = new KpiComputation(Q3, 64);
        foreach (var version in latest.Versions)
        {
            fromScratch.AddDossier(version);
        }

        Assert.Equal(fromScratch.Rows(), along.Rows());
        Assert.DoesNotContain(along.Rows(), r => r.ScopeCode is "XA02" or "CB002");
    }

    [Fact]
    public void Period_bounds_are_local_midnights()
    {
        Assert.True(Q3.Contains(new DateTimeOffset(2025, 6, 30, 17, 0, 0, TimeSpan.Zero)));
        Assert.False(Q3.Contains(new DateTimeOffset(2025, 6, 30, 16, 59, 59, TimeSpan.Zero)));
        Assert.False(Q3.Contains(new DateTimeOffset(2025, 9, 30, 17, 0, 0, TimeSpan.Zero)));
    }
}

public class KpiFormulaTermTests
{
    [Theory]
    [InlineData("on_time_rate")]
    [InlineData("error_return_rate")]
    [InlineData("online_share")]
    [InlineData("completion_rate")]
    public void The_records_a_formula_names_are_exactly_the_ones_its_value_counts(string code)
    {
        var formula = KpiFormula.Find(code)!;
        var period = ReportingPeriod.Quarter(2025, 3);
        var dossiers = new[]
        {
            Dossiers.Dossier("A"),
            Dossiers.Dossier("B", staffError: true, channel: DossierChannel.InPerson, finished: Dossiers.At(7, 20), due: Dossiers.At(7, 10)),
            Dossiers.Dossier("C", status: DossierStatus.Withdrawn),
            Dossiers.Dossier("D", received: Dossiers.At(9, 20), due: Dossiers.At(9, 25), open: true),
            Dossiers.Dossier("E", status: DossierStatus.Refused),
        };
        var computation = new KpiComputation(period, 64);
        foreach (var d in dossiers) computation.AddDossier(d);

        var value = formula.Evaluate(computation.TallyOfAll, 64);
        var facts = dossiers.Select(d => DossierClassification.Classify(d, period)).ToList();

        Assert.Equal(value.Numerator, facts.Count(formula.Numerator.Counts));
        Assert.Equal(value.Denominator, facts.Count(formula.Denominator.Counts));
    }
}
