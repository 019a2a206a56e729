using GovKpi.Core.Organisation;

namespace GovKpi.Core.Tests.Organisation;

public class OrganisationTreeTests
{
    private static readonly DateOnly Reform = new(2025, 7, 1);

    private static Unit U(string code, UnitKind kind, string? parent, DateOnly? to = null) => new()
    {
        Code = code, NameVi = code, NameEn = code, Kind = kind, ParentCode = parent,
        EffectiveFrom = new DateOnly(2020, 1, 1), EffectiveTo = to,
    };

    private static OrganisationTree Province() => new(
        [
            U("P", UnitKind.Province, null),
            U("C1", UnitKind.Commune, "P"),
            U("C1-TT", UnitKind.ServiceCentre, "C1"),
            U("C2", UnitKind.Commune, "P"),
            U("X1", UnitKind.Commune, "P", Reform),
            U("X2", UnitKind.Commune, "P", Reform),
            U("X3", UnitKind.Commune, "P", Reform),
            U("X3-TT", UnitKind.ServiceCentre, "X3", Reform),
        ],
        [
            new() { PredecessorCode = "X1", SuccessorCode = "C1", Kind = LineageKind.Merge, EffectiveOn = Reform },
            new() { PredecessorCode = "X2", SuccessorCode = "C1", Kind = LineageKind.Merge, EffectiveOn = Reform },
            new() { PredecessorCode = "X3", SuccessorCode = "C1", Kind = LineageKind.Merge, EffectiveOn = Reform },
        ]);

    [Fact]
    public void History_of_a_merged_commune_lists_its_three_predecessors()
    {
        var history = Province().HistoryOf("C1");

        Assert.Equal(["X1", "X2", "X3"], history.Select(e => e.PredecessorCode));
        Assert.All(history, e => Assert.Equal(LineageKind.Merge, e.Kind));
    }

    [Fact]
    public void Series_of_the_successor_includes_the_records_of_the_merged_communes()
    {
        Assert.Equal(new HashSet<string> { "C1", "X1", "X2", "X3" }, Province().SeriesCodesOf("C1"));
    }

    [Fact]
    public void Subtree_of_a_commune_includes_its_centre_and_the_former_units_it_continues()
    {
        var subtree = Province().SubtreeOf("C1");

        Assert.Equal(new HashSet<string> { "C1", "C1-TT", "X1", "X2", "X3", "X3-TT" }, subtree.ToHashSet());
        Assert.DoesNotContain("C2", subtree);
    }

    [Fact]
    public void Subtree_of_an_unknown_unit_is_empty()
    {
        Assert.Empty(Province().SubtreeOf("NOPE"));
    }

    [Fact]
    public void Path_runs_from_the_province_down_to_the_unit()
    {
        Assert.Equal(["P", "C1", "C1-TT"], Province().PathTo("C1-TT").Select(u => u.Code));
    }

    [Fact]
    public void Successors_of_a_former_commune_name_the_new_one()
    {
        Assert.Equal("C1", Assert.Single(Province().SuccessorsOf("X2")).SuccessorCode);
    }

    [Fact]
    public void Staff_on_secondment_work_in_the_receiving_unit_during_the_secondment_only()
    {
        var member = new StaffMember
        {
            Code = "S1", FullName = "Nguyễn Văn An", Type = StaffType.CongChuc, UnitCode = "C1", PositionCode = "CV",
            Secondments = [new() { ToUnitCode = "C2", From = new(2025, 8, 1), To = new(2025, 10, 1) }],
        };

        Assert.Equal("C1", member.WorkingUnitOn(new(2025, 7, 31)));
        Assert.Equal("C2", member.WorkingUnitOn(new(2025, 8, 1)));
        Assert.Equal("C1", member.WorkingUnitOn(new(2025, 10, 1)));
    }
}
