using System.Text;
using GovKpi.Core.Evaluation;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Organisation;
using GovKpi.Data.Files;

namespace GovKpi.Cli.Tests.Files;

public sealed class PolicyFileTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("govkpi-policy-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private EvaluationPolicy Read(string json)
    {
        var path = Path.Combine(_root, "policy.json");
        File.WriteAllText(path, json, new UTF8Encoding(false));
        return PolicyFile.Read(path);
    }

    private const string Bands = """ "bands": { "htxs": 90, "htt": 70, "ht": 50 } """;

    [Fact]
    public void A_file_with_only_bands_and_quota_keeps_the_Decree_335_scoring_rules()
    {
        var policy = Read($$"""{ {{Bands}}, "quota": { "share": 0.2 } }""");

        Assert.Same(EvaluationPolicy.Decree335.GeneralCriteria, policy.GeneralCriteria);
        Assert.Equal(EvaluationPolicy.Decree335.TaskScoring, policy.TaskScoring);
        Assert.Equal(EvaluationPolicy.Decree335.Consequences, policy.Consequences);
        Assert.Equal((30m, 70m), (policy.GeneralCriteriaMax, policy.TaskResultsMax));
    }

    [Fact]
    public void A_file_can_start_from_the_Khanh_Hoa_policy()
    {
        var policy = Read($$"""{ "base": "khanh-hoa", {{Bands}} }""");

        Assert.Equal([20m, 10m], policy.GeneralCriteria.Select(s => s.MaxPoints));
    }

    [Fact]
    public void Every_scoring_section_can_be_set_without_code()
    {
        var policy = Read($$"""
            {
              {{Bands}},
              "points": { "general_criteria": 20, "task_results": 80 },
              "general_criteria": [ { "code": "chung", "name_vi": "Tiêu chí chung", "name_en": "General",
                "criteria": [ { "code": "dao-duc", "name_vi": "Đạo đức", "name_en": "Ethics", "max_points": 12 },
                              { "code": "ky-luat", "name_vi": "Kỷ luật", "name_en": "Discipline", "max_points": 8 } ] } ],
              "task_scoring": { "quantity_weight": 2, "quality_weight": 1, "progress_weight": 1, "deduction_share": 0.2 },
              "kpi_scoring": { "cap": 1.2, "share": 0.6, "overrides": [ { "position_code": "CV-MOTCUA", "group": null, "share": 1 }, { "position_code": null, "group": "support", "share": 0.3 } ],
                "behavioural_scale": [ { "score": 1, "label_vi": "Kém", "label_en": "Poor", "meaning_vi": "…", "meaning_en": "…" },
                                       { "score": 2, "label_vi": "Đạt", "label_en": "Fair", "meaning_vi": "…", "meaning_en": "…" },
                                       { "score": 3, "label_vi": "Tốt", "label_en": "Good", "meaning_vi": "…", "meaning_en": "…" } ] },
              "leaders": { "own_work_weight": 1, "unit_result_weight": 1, "organising_weight": 0, "unit_share_all_at_least_ht": 1, "unit_share_any_kht": 0.4 },
              "annual": { "applies_to": ["vien_chuc", "cong_chuc"], "minimum_worked_months": 6, "cap_from_absent_months": 3, "cap_below_absent_months": 6, "cap_level": "htt" },
              "calibration": { "lenient_mean_gap": 8, "lenient_z": 2, "lenient_min_team": 4, "htxs_share_gap": 0.1, "htxs_min_unit_size": 6, "flat_max_std_dev": 0.5, "flat_min_team_size": 6 },
              "score_decimals": 1
            }
            """);

        Assert.Equal([12m, 8m], policy.GeneralCriteria.Single().Criteria.Select(c => c.MaxPoints));
        Assert.Equal(new TaskScoringPolicy(2, 1, 1, 0.2m), policy.TaskScoring);
        Assert.Equal((1.2m, 3, 1m, 0.3m, 0.6m), (policy.KpiScoring.Cap, policy.KpiScoring.BehaviouralMax,
            policy.KpiScoring.ShareFor("CV-MOTCUA", PositionGroup.Professional), policy.KpiScoring.ShareFor("VT-X", PositionGroup.Support),
            policy.KpiScoring.ShareFor("VT-X", PositionGroup.Professional)));
        Assert.Equal(0.4m, policy.Leaders.UnitShareAnyKht);
        Assert.Equal([StaffType.VienChuc, StaffType.CongChuc], policy.Annual.AppliesTo);
        Assert.Equal(ClassificationLevel.Htt, policy.Annual.CapLevel);
        Assert.Equal(new CalibrationPolicy(8, 2, 4, 0.1m, 6, 0.5m, 6), policy.Calibration);
        Assert.Equal(1, policy.ScoreDecimals);
        Assert.Equal(80m, policy.TaskResultsMax);
    }

    [Fact]
    public void Consequences_and_rating_anchors_are_read_with_their_Vietnamese_text()
    {
        var policy = Read($$"""
            {
              {{Bands}},
              "rating_scale": [
                { "level": "excellent", "label_vi": "Xuất sắc", "label_en": "Excellent", "share": 1, "meaning_vi": "Vượt yêu cầu", "meaning_en": "Beyond" },
                { "level": "good", "label_vi": "Tốt", "label_en": "Good", "share": 0.9, "meaning_vi": "Đúng yêu cầu", "meaning_en": "As required" },
                { "level": "fair", "label_vi": "Đạt", "label_en": "Fair", "share": 0.7, "meaning_vi": "Cơ bản", "meaning_en": "Broadly" },
                { "level": "weak", "label_vi": "Chưa đạt", "label_en": "Weak", "share": 0.4, "meaning_vi": "Chưa đạt", "meaning_en": "Not met" } ],
              "consequences": {
                "bonus_coefficients": { "htxs": 1.5, "htt": 1.2, "ht": 1, "kht": 0 },
                "commendations": [ { "code": "ldtt", "name_vi": "Lao động tiên tiến", "name_en": "Advanced worker", "at_least": "htt", "consecutive_years": 1 } ],
                "training": { "level_at_or_below": "kht", "rating_at_or_below": "weak" },
                "lists": [ { "code": "thoi-viec", "name_vi": "Thôi việc", "name_en": "Dismissal", "at_or_below": "kht", "consecutive_years": 2, "staff_types": ["cong_chuc"], "leaders_only": false } ]
              }
            }
            """);

        Assert.Equal(0.9m, policy.RatingScale[RatingLevel.Good].Share);
        Assert.Equal("Tốt", policy.RatingScale[RatingLevel.Good].LabelVi);
        Assert.Equal(1.5m, policy.Consequences.BonusCoefficients[ClassificationLevel.Htxs]);
        Assert.Equal(ClassificationLevel.Htt, policy.Consequences.Commendations.Single().AtLeast);
        Assert.Equal(2, policy.Consequences.Lists.Single().ConsecutiveYears);
    }

    [Theory]
    [InlineData("""{ "quantity_weight": 1, "quality_weight": 1, "progress_weight": 1, "deduction_share": 0.25, "typo": 1 }""", "policy.json:task_scoring")]
    [InlineData("""{ "quantity_weight": 1, "quality_weight": 1, "progress_weight": 1 }""", "policy.json:task_scoring")]
    [InlineData("""{ "quantity_weight": 1, "quality_weight": 1, "progress_weight": 1, "deduction_share": 1.5 }""", "policy.json:task_scoring.deduction_share: must be above 0 and at most 1")]
    public void A_bad_section_is_refused_with_its_field(string section, string expected)
    {
        var error = Assert.Throws<PolicyFileException>(() => Read($$"""{ {{Bands}}, "task_scoring": {{section}} }"""));

        Assert.StartsWith(expected, error.Message);
    }

    [Fact]
    public void Criteria_that_do_not_add_up_or_an_unknown_level_are_refused()
    {
        var criteria = Assert.Throws<PolicyFileException>(() => Read($$"""
            { {{Bands}}, "general_criteria": [ { "code": "x", "name_vi": "x", "name_en": "x", "criteria": [ { "code": "a", "name_vi": "a", "name_en": "a", "max_points": 25 } ] } ] }
            """));
        Assert.StartsWith("policy.json:general_criteria: the criteria add up to 25 points, not 30", criteria.Message);

        var level = Assert.Throws<PolicyFileException>(() => Read($$"""
            { {{Bands}}, "annual": { "applies_to": [], "minimum_worked_months": 6, "cap_from_absent_months": 3, "cap_below_absent_months": 6, "cap_level": "gioi" } }
            """));
        Assert.StartsWith("policy.json:annual.cap_level", level.Message);
    }
}
