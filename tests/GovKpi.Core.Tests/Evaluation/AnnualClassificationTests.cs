using GovKpi.Core.Evaluation;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Measurement;
using GovKpi.Core.Organisation;

namespace GovKpi.Core.Tests.Evaluation;

public class AnnualClassificationTests
{
    private const int Year = 2027;

    private static AnnualPerson Person(string code, decimal score, StaffType type = StaffType.CongChuc, LeaderRole leader = LeaderRole.None,
        Dictionary<int, ClassificationLevel>? previous = null, bool forced = false, string group = "G")
    {
        var year = YearScore.Compute(code, type, Year, [new PeriodResult(ReportingPeriod.Year(Year), "SO-NV", score)], [], EvaluationPolicy.Decree335);
        return new AnnualPerson(year, type, leader, group, forced) { PreviousLevels = previous ?? [] };
    }

    private static AnnualResults Classify(params AnnualPerson[] people) => AnnualClassification.Classify(people, EvaluationPolicy.Decree335);

    private static IReadOnlyList<string> List(AnnualResults results, string code) => results.Lists.Single(l => l.Code == code).StaffCodes;

    [Fact]
    public void KHT_two_years_running_puts_a_civil_servant_on_the_dismissal_list()
    {
        var results = Classify(
            Person("A", 40, previous: new() { [Year - 1] = ClassificationLevel.Kht }),
            Person("B", 40, previous: new() { [Year - 1] = ClassificationLevel.Ht }),
            Person("C", 40, previous: new() { [Year - 2] = ClassificationLevel.Kht }));

        Assert.Equal(["A"], List(results, "thoi-viec"));
        Assert.Equal(["A", "B", "C"], List(results, "bo-tri-thap-hon"));
        Assert.Contains(results.People[0].Explanations, e => e.Key == "RequiredList" && e.Formula == $"thoi-viec: KHT {Year - 1}, {Year}");
    }

    [Fact]
    public void Cadres_and_leaders_go_on_their_own_removal_lists()
    {
        var kht = new Dictionary<int, ClassificationLevel> { [Year - 1] = ClassificationLevel.Kht };

        var results = Classify(Person("CB", 30, StaffType.CanBo, previous: kht), Person("LD", 30, StaffType.CongChuc, LeaderRole.Deputy, kht));

        Assert.Equal(["CB"], List(results, "mien-nhiem-can-bo"));
        Assert.Equal(["LD"], List(results, "thoi-viec"));
        Assert.Equal(["LD"], List(results, "mien-nhiem-lanh-dao"));
    }

    [Fact]
    public void Forced_KHT_leads_to_the_same_consequences_as_a_KHT_score()
    {
        var results = Classify(Person("F", 96, forced: true, previous: new() { [Year - 1] = ClassificationLevel.Kht }));

        Assert.Equal((ClassificationLevel.Kht, ClassificationReason.Forced), (results.People[0].Level!.Value, results.People[0].Reason!.Value));
        Assert.Equal(["F"], List(results, "thoi-viec"));
        Assert.Equal(0m, results.People[0].BonusCoefficient);
    }

    [Fact]
    public void The_bonus_coefficient_follows_the_level()
    {
        var people = new[] { Person("X", 95), Person("H1", 80), Person("H2", 80), Person("H3", 80), Person("H4", 80), Person("H5", 80), Person("T", 60) };

        var results = Classify(people);

        Assert.Equal([1.2m, 1.0m, 1.0m, 1.0m, 1.0m, 1.0m, 0.8m], results.People.OrderBy(p => p.StaffCode == "X" ? 0 : p.StaffCode == "T" ? 2 : 1).Select(p => p.BonusCoefficient!.Value));
    }

    [Fact]
    public void The_provincial_certificate_needs_HTXS_two_years_running()
    {
        var people = new[]
        {
            Person("X1", 95, previous: new() { [Year - 1] = ClassificationLevel.Htxs }),
            Person("X2", 95, previous: new() { [Year - 1] = ClassificationLevel.Htt }),
        }.Concat(Enumerable.Range(1, 10).Select(i => Person($"H{i:00}", 75))).ToArray();

        var results = Classify(people);

        Assert.Equal(["X1"], List(results, "bang-khen-tinh"));
        Assert.Equal(["X1", "X2"], List(results, "chien-si-thi-dua-co-so"));
        Assert.Equal(12, List(results, "lao-dong-tien-tien").Count);
    }

    [Fact]
    public void Training_is_needed_at_HT_and_for_each_criterion_rated_Fair_or_worse()
    {
        var weak = Person("W", 85) with
        {
            Ratings = [new Dictionary<string, RatingLevel> { ["ky-luat"] = RatingLevel.Good }, new Dictionary<string, RatingLevel> { ["ky-luat"] = RatingLevel.Fair, ["doi-moi"] = RatingLevel.Weak }],
        };

        var results = Classify(weak, Person("HT", 60), Person("OK", 85));

        var w = results.People.Single(p => p.StaffCode == "W");
        Assert.Equal([(TrainingReason.Criterion, "doi-moi"), (TrainingReason.Criterion, "ky-luat")], w.TrainingNeeds.Select(t => (t.Reason, t.CriterionCode)));
        Assert.Equal([(TrainingReason.Level, (string?)null)], results.People.Single(p => p.StaffCode == "HT").TrainingNeeds.Select(t => (t.Reason, t.CriterionCode)));
        Assert.Equal(["HT", "W"], List(results, AnnualClassification.TrainingListCode));
    }

    [Fact]
    public void A_capped_public_employee_stays_at_HT_and_out_of_the_quota()
    {
        var capped = YearScore.Compute("VC", StaffType.VienChuc, Year,
            Enumerable.Range(1, 12).Select(m => new PeriodResult(ReportingPeriod.Month(Year, m), "SO-NV", 96)).ToList(),
            [new Absence(new DateOnly(Year, 1, 1), new DateOnly(Year, 5, 1), AbsenceKind.Sick)], EvaluationPolicy.Decree335);
        var people = new[] { new AnnualPerson(capped, StaffType.VienChuc, LeaderRole.None, "G"), Person("X", 95) }
            .Concat(Enumerable.Range(1, 5).Select(i => Person($"H{i}", 75))).ToArray();

        var results = Classify(people);

        var vc = results.People.Single(p => p.StaffCode == "VC");
        Assert.Equal((ClassificationLevel.Ht, ClassificationReason.Capped), (vc.Level!.Value, vc.Reason!.Value));
        Assert.Equal(ClassificationLevel.Htxs, results.People.Single(p => p.StaffCode == "X").Level);
    }

    [Fact]
    public void A_person_not_classified_gets_no_level_bonus_or_list()
    {
        var year = YearScore.Compute("N", StaffType.VienChuc, Year, [new PeriodResult(ReportingPeriod.Month(Year, 12), "SO-NV", 30)], [], EvaluationPolicy.Decree335);

        var outcome = Classify(new AnnualPerson(year, StaffType.VienChuc, LeaderRole.None, "G")).People.Single();

        Assert.Null(outcome.Level);
        Assert.Null(outcome.BonusCoefficient);
        Assert.Empty(outcome.Lists);
    }
}
