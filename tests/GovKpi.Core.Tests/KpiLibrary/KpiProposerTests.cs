using GovKpi.Core.KpiLibrary;
using CsCheck;

namespace GovKpi.Core.Tests.KpiLibrary;

public class KpiProposerTests
{
    private static readonly DateOnly On = new(2026, 11, 1);

    [Fact]
    public void The_one_stop_specialist_description_yields_the_dossier_kpis_and_the_three_ratings_passing_the_SMART_check()
    {
        var proposal = KpiProposer.Propose(BuiltInKpis.DossierSpecialist.Description, BuiltInKpis.Definitions, On);

        var weights = proposal.Items.ToDictionary(i => i.Definition.Code, i => i.WeightPercent);
        Assert.Equal(
            new Dictionary<string, decimal>
            {
                ["error_return_rate"] = 15, ["on_time_rate"] = 15, ["per_working_day"] = 15, ["satisfaction_avg"] = 15, ["complaint_rate"] = 5,
                ["completion_rate"] = 5, ["rule_compliance"] = 15, ["initiative"] = 10, ["coordination"] = 5,
            },
            weights);
        Assert.Empty(proposal.Violations);
        Assert.False(proposal.NoMeasuredKpiMatched);
        Assert.Equal(["tra ket qua", "thu tuc hanh chinh"], proposal.Items.Single(i => i.Definition.Code == "on_time_rate").MatchedPhrases);
        Assert.Equal(["phoi hop", "cac phong"], proposal.Items.Single(i => i.Definition.Code == "coordination").MatchedPhrases);
        Assert.DoesNotContain("online_share", weights.Keys);
    }

    [Fact]
    public void A_description_written_without_diacritics_gets_the_same_proposal()
    {
        var with = KpiProposer.Propose("Tiếp nhận và trả kết quả hồ sơ trực tuyến cho người dân", BuiltInKpis.Definitions, On);
        var without = KpiProposer.Propose("Tiep nhan va tra ket qua ho so truc tuyen cho nguoi dan", BuiltInKpis.Definitions, On);

        Assert.Equal(
            with.Items.Select(i => (i.Definition.Code, i.WeightPercent)),
            without.Items.Select(i => (i.Definition.Code, i.WeightPercent)));
        Assert.Contains(with.Items, i => i.Definition.Code == "online_share");
    }

    [Fact]
    public void A_position_no_measured_kpi_fits_gets_the_ratings_only_and_says_so()
    {
        var proposal = KpiProposer.Propose("Tham mưu công tác tổ chức bộ máy, biên chế, đánh giá cán bộ", BuiltInKpis.Definitions, On);

        Assert.True(proposal.NoMeasuredKpiMatched);
        Assert.All(proposal.Items, i => Assert.Equal(KpiKind.Qualitative, i.Definition.Kind));
        Assert.Equal(100m, proposal.Items.Sum(i => i.WeightPercent));
        Assert.Empty(proposal.Violations);
    }

    [Fact]
    public void A_kpi_added_to_the_library_is_proposed_by_the_word_pairs_of_its_own_description()
    {
        var inspections = BuiltInKpis.Definitions[0] with
        {
            Code = "inspections_done", FormulaRef = null, NameVi = "Số cuộc thanh tra hoàn thành",
            Description = "Số cuộc thanh tra, kiểm tra chuyên ngành hoàn thành đúng kế hoạch.",
        };

        var proposal = KpiProposer.Propose("Thực hiện thanh tra, kiểm tra chuyên ngành về xây dựng", [.. BuiltInKpis.Definitions, inspections], On);

        var item = proposal.Items.Single(i => i.Definition.Code == "inspections_done");
        Assert.Contains("kiem tra", item.MatchedPhrases);
        Assert.Contains("chuyen nganh", item.MatchedPhrases);
        Assert.Equal(KpiProposer.MeasuredShare, proposal.Items.Where(i => !i.Baseline).Sum(i => i.WeightPercent));
    }

    [Fact]
    public void A_kpi_retired_before_the_day_is_not_proposed()
    {
        var retired = BuiltInKpis.Definitions.Select(d => d.Code == "on_time_rate" ? d with { EffectiveTo = new DateOnly(2026, 1, 1) } : d).ToList();

        var proposal = KpiProposer.Propose(BuiltInKpis.DossierSpecialist.Description, retired, On);

        Assert.DoesNotContain(proposal.Items, i => i.Definition.Code == "on_time_rate");
    }

    [Fact]
    public void Apportioned_weights_are_multiples_of_the_step_that_add_up_to_the_total() =>
        Gen.Int[1, 9].Array[1, 8].Sample(scores =>
        {
            var weights = KpiProposer.Apportion(70m, [.. scores.Select(s => (decimal)s)]);
            return weights.Sum() == 70m && weights.All(w => w % KpiProposer.WeightStep == 0 && w >= 0);
        });
}
