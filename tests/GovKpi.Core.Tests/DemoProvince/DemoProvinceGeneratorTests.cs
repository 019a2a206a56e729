using GovKpi.Core.DemoProvince;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Organisation;
using GovKpi.Core.Tasks;
using Province = GovKpi.Core.DemoProvince.DemoProvince;

namespace GovKpi.Core.Tests.DemoProvince;

public class DemoProvinceGeneratorTests
{
    private static readonly DateOnly Reform = new(2025, 7, 1);
    private static readonly Province Small = DemoProvinceGenerator.Generate(seed: 7, staffCount: 300);

    [Fact]
    public void The_province_has_exactly_the_requested_staff_with_unique_codes()
    {
        Assert.Equal(300, Small.Staff.Count);
        Assert.Equal(Small.Staff.Count, Small.Staff.Select(s => s.Code).Distinct().Count());
        Assert.Equal(Small.Units.Count, Small.Units.Select(u => u.Code).Distinct().Count());
    }

    [Fact]
    public void Every_parent_exists_and_comes_before_its_children()
    {
        var seen = new HashSet<string>();
        foreach (var unit in Small.Units)
        {
            Assert.True(unit.ParentCode is null || seen.Contains(unit.ParentCode), $"{unit.Code}: parent {unit.ParentCode}");
            seen.Add(unit.Code);
        }

        Assert.Single(Small.Units, u => u.ParentCode is null);
        Assert.Equal(UnitKind.Province, Small.Province.Kind);
    }

    [Fact]
    public void A_child_unit_never_outlives_or_predates_its_parent()
    {
        var units = Small.Units.ToDictionary(u => u.Code);
        foreach (var unit in Small.Units.Where(u => u.ParentCode is not null))
        {
            var parent = units[unit.ParentCode!];
            Assert.True(parent.EffectiveFrom <= unit.EffectiveFrom, unit.Code);
            Assert.True(parent.EffectiveTo is null || (unit.EffectiveTo is not null && unit.EffectiveTo <= parent.EffectiveTo), unit.Code);
        }
    }

    [Fact]
    public void Lineage_links_former_communes_ended_by_the_reform_to_communes_active_after_it()
    {
        var units = Small.Units.ToDictionary(u => u.Code);
        Assert.NotEmpty(Small.Lineage);
        foreach (var edge in Small.Lineage)
        {
            var before = units[edge.PredecessorCode];
            var after = units[edge.SuccessorCode];
            Assert.Equal(Reform, edge.EffectiveOn);
            Assert.Equal(Reform, before.EffectiveTo);
            Assert.True(after.IsActiveOn(Reform) && after.IsActiveOn(new DateOnly(2026, 6, 30)), after.Code);
            Assert.Equal(UnitKind.Commune, before.Kind);
            Assert.Equal(UnitKind.Commune, after.Kind);
        }
    }

    [Fact]
    public void Most_new_communes_merge_two_to_four_former_communes_and_there_is_a_rename_and_a_split()
    {
        var tree = new OrganisationTree(Small.Units, Small.Lineage);
        var communes = Small.Units.Where(u => u.Kind == UnitKind.Commune && u.EffectiveTo is null).ToList();
        var merged = communes.Count(c => tree.HistoryOf(c.Code).Count(e => e.Kind == LineageKind.Merge) is >= 2 and <= 4);

        Assert.True(merged * 2 > communes.Count, $"{merged} of {communes.Count} communes are merges of 2–4");
        Assert.Contains(Small.Lineage, e => e.Kind == LineageKind.Rename);
        var split = Small.Lineage.Where(e => e.Kind == LineageKind.Split).ToList();
        Assert.Equal(2, split.Count);
        Assert.Single(split.Select(e => e.PredecessorCode).Distinct());
    }

    [Fact]
    public void Every_commune_has_an_office_two_divisions_and_a_service_centre()
    {
        var communes = Small.Units.Where(u => u.Kind == UnitKind.Commune && u.EffectiveTo is null).ToList();
        Assert.True(communes.Count >= 3);
        foreach (var commune in communes)
        {
            var children = Small.Units.Where(u => u.ParentCode == commune.Code).ToList();
            Assert.Contains(children, u => u.NameVi.StartsWith("Văn phòng HĐND và UBND", StringComparison.Ordinal));
            Assert.Contains(children, u => u.NameVi.StartsWith("Phòng Kinh tế", StringComparison.Ordinal));
            Assert.Contains(children, u => u.NameVi.StartsWith("Phòng Văn hóa - Xã hội", StringComparison.Ordinal));
            Assert.Contains(children, u => u.Kind == UnitKind.ServiceCentre && u.NameVi.StartsWith("Trung tâm Phục vụ hành chính công", StringComparison.Ordinal));
        }

        Assert.Contains(Small.Units, u => u.Kind == UnitKind.ServiceCentre && u.NameVi.EndsWith("tỉnh Khánh Hòa", StringComparison.Ordinal));
        Assert.InRange(Small.Units.Count(u => u.Kind == UnitKind.Agency), 15, 25);
    }

    [Fact]
    public void Every_staff_member_works_in_an_active_unit_in_a_known_position()
    {
        var units = Small.Units.ToDictionary(u => u.Code);
        var positions = Small.Positions.Select(p => p.Code).ToHashSet();
        foreach (var person in Small.Staff)
        {
            Assert.True(units.TryGetValue(person.UnitCode, out var unit), person.Code);
            Assert.Null(unit!.EffectiveTo);
            Assert.Contains(person.PositionCode, positions);
            Assert.All(person.Secondments, s => Assert.True(units.ContainsKey(s.ToUnitCode) && s.ToUnitCode != person.UnitCode, person.Code));
        }
    }

    [Fact]
    public void Every_unit_with_staff_has_exactly_one_head()
    {
        foreach (var unit in Small.Staff.GroupBy(s => s.UnitCode))
        {
            Assert.Equal(unit.Key.EndsWith(".TTPV", StringComparison.Ordinal) && unit.Count() == 1 ? 0 : 1,
                unit.Count(s => s.Leader == LeaderRole.Head));
        }
    }

    [Fact]
    public void Every_service_centre_has_a_dossier_specialist()
    {
        foreach (var centre in Small.Units.Where(u => u.Kind == UnitKind.ServiceCentre))
        {
            Assert.Contains(Small.Staff, s => s.UnitCode == centre.Code && s.PositionCode == BuiltInKpis.DossierSpecialistPosition);
        }
    }

    [Fact]
    public void Staff_have_Vietnamese_names_types_and_skills()
    {
        Assert.All(Small.Staff, s => Assert.InRange(s.FullName.Split(' ').Length, 3, 5));
        Assert.Contains(Small.Staff, s => s.FullName.StartsWith("Nguyễn ", StringComparison.Ordinal));
        Assert.Contains(Small.Staff, s => s.FullName.Contains(" Thị ", StringComparison.Ordinal));
        Assert.Equal(3, Small.Staff.Select(s => s.Type).Distinct().Count());
        Assert.All(Small.Staff, s => Assert.NotEmpty(s.Skills));
        Assert.Equal(3, Small.Positions.Select(p => p.Group).Distinct().Count());
    }

    [Fact]
    public void A_larger_province_has_secondments_to_service_centres()
    {
        var province = DemoProvinceGenerator.Generate(seed: 7, staffCount: 2000);
        var centres = province.Units.Where(u => u.Kind == UnitKind.ServiceCentre).Select(u => u.Code).ToHashSet();

        Assert.Contains(province.Staff, s => s.Secondments.Any(sec => centres.Contains(sec.ToUnitCode)));
        Assert.True(province.Units.Count(u => u.Kind == UnitKind.Commune && u.EffectiveTo is null) > 50);
    }

    [Theory]
    [InlineData("2025-04-01")]
    [InlineData("2025-07-01")]
    [InlineData("2026-01-01")]
    [InlineData("2026-12-06")]
    public void Every_position_has_exactly_one_KPI_set_in_force_that_passes_the_SMART_check(string day)
    {
        var on = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        var definitions = Small.KpiDefinitions.ToDictionary(d => d.Code);
        foreach (var position in Small.Positions)
        {
            var set = Assert.Single(Small.KpiSets, s => s.PositionCode == position.Code && s.IsActiveOn(on));
            Assert.Empty(SmartCheck.Check(set.Items, code => definitions.GetValueOrDefault(code)));
        }

        Assert.All(Small.KpiSets, s => Assert.Contains(Small.Positions, p => p.Code == s.PositionCode));
    }

    [Fact]
    public void The_dossier_specialist_keeps_the_2025_set_and_the_Decree_335_set_from_2026()
    {
        var versions = Small.KpiSets.Where(s => s.PositionCode == BuiltInKpis.DossierSpecialistPosition).OrderBy(s => s.Version).ToList();

        Assert.Equal([BuiltInKpis.Since, new DateOnly(2026, 1, 1)], versions.Select(v => v.EffectiveFrom));
        Assert.Equal(BuiltInKpis.DossierSpecialistItems, versions[0].Items);
        Assert.Equal(25m, versions[1].Items.Single(i => i.KpiCode == "on_time_rate").WeightPercent);
    }

    [Fact]
    public void KPI_set_versions_of_a_position_follow_each_other_without_overlap()
    {
        foreach (var versions in Small.KpiSets.GroupBy(s => s.PositionCode))
        {
            var ordered = versions.OrderBy(v => v.Version).ToList();
            Assert.Equal(Enumerable.Range(1, ordered.Count), ordered.Select(v => v.Version));
            for (var i = 1; i < ordered.Count; i++)
            {
                Assert.Equal(ordered[i].EffectiveFrom, ordered[i - 1].EffectiveTo);
            }

            Assert.Null(ordered[^1].EffectiveTo);
        }
    }

    [Fact]
    public void The_same_seed_and_size_give_the_same_province()
    {
        var again = DemoProvinceGenerator.Generate(seed: 7, staffCount: 300);

        Assert.Equal(Fingerprint(Small), Fingerprint(again));
        Assert.NotEqual(Fingerprint(Small), Fingerprint(DemoProvinceGenerator.Generate(seed: 8, staffCount: 300)));
    }

    [Fact]
    public void A_commune_keeps_its_code_and_history_whatever_the_size_of_the_province()
    {
        var larger = DemoProvinceGenerator.Generate(seed: 7, staffCount: 1500);
        var largerUnits = larger.Units.ToDictionary(u => u.Code);
        foreach (var commune in Small.Units.Where(u => u.Kind == UnitKind.Commune))
        {
            Assert.Equal(commune.NameVi, largerUnits[commune.Code].NameVi);
        }

        Assert.All(Small.Lineage, edge => Assert.Contains(edge, larger.Lineage));
    }

    [Theory]
    [InlineData(DemoProvinceGenerator.MinimumStaff - 1)]
    [InlineData(-5)]
    public void Too_few_staff_is_rejected(int staff)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoProvinceGenerator.Generate(1, staff));
    }

    [Fact]
    public void The_smallest_province_still_has_communes_leaders_and_dossier_handlers()
    {
        var tiny = DemoProvinceGenerator.Generate(3, DemoProvinceGenerator.MinimumStaff);

        Assert.Equal(DemoProvinceGenerator.MinimumStaff, tiny.Staff.Count);
        Assert.Equal(3, tiny.Units.Count(u => u.Kind == UnitKind.Commune && u.EffectiveTo is null));
        Assert.All(tiny.Units.Where(u => u.Kind == UnitKind.ServiceCentre),
            c => Assert.Contains(tiny.Staff, s => s.UnitCode == c.Code && s.PositionCode == BuiltInKpis.DossierSpecialistPosition));
    }

    private static string Fingerprint(Province province) => string.Join("\n",
        province.Units.Select(u => $"{u.Code}|{u.NameVi}|{u.ParentCode}|{u.EffectiveFrom}|{u.EffectiveTo}")
            .Concat(province.Lineage.Select(l => $"{l.PredecessorCode}>{l.SuccessorCode}|{l.Kind}"))
            .Concat(province.Staff.Select(s => $"{s.Code}|{s.FullName}|{s.Type}|{s.UnitCode}|{s.PositionCode}|{s.Leader}|{string.Join(';', s.Skills)}|{string.Join(';', s.Secondments)}")));

    [Fact]
    public void Every_active_staff_member_can_be_given_a_task_from_the_catalogue_in_force_for_their_agency()
    {
        var day = new DateOnly(2026, 12, 7);
        var types = Small.TaskTypes;
        var agencies = Small.Units.Where(u => u.Kind == UnitKind.Commune && u.IsActiveOn(day)).Select(u => u.Code).ToList();

        Assert.Contains(types, t => t.Group == TaskGroup.A && t.AgencyCode == Small.Province.Code);
        Assert.All(agencies, a => Assert.Contains(types, t => t.Group == TaskGroup.C && t.AgencyCode == a && t.ApprovedBy is not null));
        Assert.All(agencies, a => Assert.True(TaskCatalogue.ConversionOn(types, a, Small.Province.Code, day).CoefficientByTaskType.Count >= 6));
    }
}
