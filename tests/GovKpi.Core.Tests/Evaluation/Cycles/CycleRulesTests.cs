using System.Globalization;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;

namespace GovKpi.Core.Tests.Evaluation.Cycles;

public class CycleRulesTests
{
    [Fact]
    public void Points_are_checked_against_the_policy_maxima()
    {
        var ok = RatingPoints.Parse(27.5m, 63m, null, EvaluationPolicy.Decree335, out var none);
        RatingPoints.Parse(31m, -1m, 80m, EvaluationPolicy.Decree335, out var errors);

        Assert.Empty(none);
        Assert.Equal(90.5m, ok!.Total);
        Assert.Equal(ClassificationLevel.Htxs, ok.BandLevel(EvaluationPolicy.Decree335));
        Assert.Equal(
            [("generalPoints", PointsProblem.OutOfRange, 30m), ("taskPoints", PointsProblem.OutOfRange, 70m), ("unitResultPoints", PointsProblem.OutOfRange, 70m)],
            errors.Select(e => (e.Field, e.Problem, e.Maximum)));
    }

    [Fact]
    public void Points_need_both_parts_at_most_two_decimals_and_a_unit_result_inside_the_task_results()
    {
        RatingPoints.Parse(null, 10.123m, null, EvaluationPolicy.Decree335, out var errors);
        RatingPoints.Parse(20m, 40m, 45m, EvaluationPolicy.Decree335, out var unit);

        Assert.Equal([("generalPoints", PointsProblem.Missing), ("taskPoints", PointsProblem.TooPrecise)], errors.Select(e => (e.Field, e.Problem)));
        Assert.Equal(("unitResultPoints", PointsProblem.AboveTaskResults), (unit.Single().Field, unit.Single().Problem));
    }

    [Fact]
    public void Khanh_Hoa_bands_classify_the_same_points_lower()
    {
        var points = new RatingPoints(25m, 54m);

        Assert.Equal(ClassificationLevel.Htt, points.BandLevel(EvaluationPolicy.Decree335));
        Assert.Equal(ClassificationLevel.Ht, points.BandLevel(EvaluationPolicy.KhanhHoa));
    }

    [Fact]
    public void Deadlines_must_follow_the_stages_and_not_lie_in_the_past()
    {
        var today = new DateOnly(2026, 4, 1);
        var good = StageDeadlines.Default(today);
        var bad = good with { SelfAssessment = today.AddDays(-1), CollectiveReview = good.Feedback360.AddDays(-1) };

        Assert.Empty(good.Problems(today));
        Assert.Equal(["selfAssessment", "collectiveReview"], bad.Problems(today).Select(p => p.Name));
        Assert.Equal(good.ManagerRating, bad.Problems(today)[1].Earliest);
    }

    [Fact]
    public void A_deadline_holds_until_the_end_of_its_day_in_Vietnam()
    {
        var due = new DateOnly(2026, 4, 5);
        var vn = TimeSpan.FromHours(7);

        Assert.Equal(Urgency.Upcoming, Deadline.UrgencyOf(due, new DateTimeOffset(2026, 4, 1, 23, 0, 0, vn)));
        Assert.Equal(Urgency.DueSoon, Deadline.UrgencyOf(due, new DateTimeOffset(2026, 4, 3, 0, 0, 0, vn)));
        Assert.Equal(Urgency.DueSoon, Deadline.UrgencyOf(due, new DateTimeOffset(2026, 4, 5, 23, 59, 0, vn)));
        Assert.Equal(Urgency.Overdue, Deadline.UrgencyOf(due, new DateTimeOffset(2026, 4, 5, 17, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData(PeriodKind.Month, 2026, 3, "2026-03", "2026-03-01", "2026-04-01")]
    [InlineData(PeriodKind.Quarter, 2026, 4, "2026-Q4", "2026-10-01", "2027-01-01")]
    [InlineData(PeriodKind.Year, 2026, null, "2026", "2026-01-01", "2027-01-01")]
    public void Periods_are_months_quarters_and_years(PeriodKind kind, int year, int? number, string label, string from, string to)
    {
        var period = EvaluationPeriod.Create(kind, year, number)!;

        Assert.Equal((label, DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture)), (period.Label, period.From, period.To));
        Assert.Equal(period, EvaluationPeriod.Of(kind, period.From));
    }

    [Theory]
    [InlineData(PeriodKind.Month, 2026, 13)]
    [InlineData(PeriodKind.Month, 2026, null)]
    [InlineData(PeriodKind.Quarter, 2026, 5)]
    [InlineData(PeriodKind.Year, 1999, null)]
    public void Impossible_periods_are_refused(PeriodKind kind, int year, int? number)
    {
        Assert.Null(EvaluationPeriod.Create(kind, year, number));
    }

    private static FeedbackAnswer Answer(int rating, string comment = "") =>
        new(Feedback360.Questions.ToDictionary(q => q, _ => rating), comment);

    [Fact]
    public void Feedback_from_two_colleagues_is_withheld_entirely()
    {
        var summary = Feedback360.Summarise([Answer(5, "rất tốt"), Answer(1)], CycleStage.ManagerRating);

        Assert.False(summary.Shown);
        Assert.Null(summary.Respondents);
        Assert.Empty(summary.Averages);
        Assert.Empty(summary.Comments);
    }

    [Fact]
    public void Feedback_from_three_colleagues_is_shown_as_averages_and_sorted_comments()
    {
        var summary = Feedback360.Summarise([Answer(5, "Nhiệt tình"), Answer(4), Answer(4, "Cần chủ động hơn")], CycleStage.ManagerRating);

        Assert.True(summary.Shown);
        Assert.Equal(3, summary.Respondents);
        Assert.All(summary.Averages, a => Assert.Equal(4.33m, a.Average));
        Assert.Equal(["Cần chủ động hơn", "Nhiệt tình"], summary.Comments);
    }

    [Fact]
    public void Feedback_is_withheld_while_the_360_stage_is_open_so_two_readings_cannot_isolate_one_answer()
    {
        var summary = Feedback360.Summarise([Answer(5), Answer(4), Answer(4), Answer(2)], CycleStage.Feedback360);

        Assert.Equal(FeedbackSummary.Withheld, summary);
    }

    private static readonly DateTimeOffset At = new(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(7));

    private static List<(AuditContent Content, string Hash)> Chain(params string[] values)
    {
        var chain = new List<(AuditContent, string)>();
        var previous = AuditChain.Genesis;
        for (var i = 0; i < values.Length; i++)
        {
            var content = new AuditContent(i + 1, At.AddMinutes(i), "manager", "Nguyễn Văn Hải", "Manager", "Rated", Guid.Empty, "S001", "generalPoints", "", values[i], "");
            previous = AuditChain.Hash(previous, content);
            chain.Add((content, previous));
        }

        return chain;
    }

    [Fact]
    public void An_intact_audit_chain_verifies()
    {
        Assert.Null(AuditChain.FirstBroken(Chain("25", "26", "27")));
    }

    [Fact]
    public void Changing_or_removing_an_audit_entry_breaks_the_chain_there()
    {
        var changed = Chain("25", "26", "27");
        changed[1] = (changed[1].Content with { NewValue = "30" }, changed[1].Hash);
        var removed = Chain("25", "26", "27");
        removed.RemoveAt(1);

        Assert.Equal(2, AuditChain.FirstBroken(changed));
        Assert.Equal(3, AuditChain.FirstBroken(removed));
    }

    [Fact]
    public void Calibration_says_who_moved_and_why_per_agency_and_group()
    {
        ScoredPerson P(string code, decimal score, string group = "Professional") => new(code, "A1", group, score);
        var people = new[] { P("S1", 95), P("S2", 92), P("S3", 80), P("S4", 75), P("S5", 91, "Support") };

        var outcome = QuotaCalibration.Calibrate(people, EvaluationPolicy.Decree335);

        var professional = outcome.Groups.Single(g => g.GroupCode == "Professional");
        Assert.Equal((4, 2, 2, 0, 95m), (professional.People, professional.EligibleHtxs, professional.HttByScore, professional.AllowedHtxs, professional.CutScore));
        Assert.Equal(["S1", "S2"], professional.Moved);
        Assert.Equal(["S5"], outcome.Groups.Single(g => g.GroupCode == "Support").Moved);
        Assert.All(outcome.People, p => Assert.NotEqual(ClassificationLevel.Htxs, p.Level));
    }
}
