using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.Organisation;

namespace GovKpi.Core.Tests.Evaluation.Cycles;

public class CycleOpeningTests
{
    private static readonly DateOnly Today = new(2026, 4, 10);
    private static readonly EvaluationPeriod March = EvaluationPeriod.Create(PeriodKind.Month, 2026, 3)!;
    private static readonly DateOnly Start = new(2025, 7, 1);

    private static readonly OrganisationTree Tree = new(
    [
        Unit("P", UnitKind.Province, null),
        Unit("A", UnitKind.Agency, "P"),
        Unit("A.1", UnitKind.Division, "A"),
        Unit("A.2", UnitKind.Division, "A"),
        Unit("X1", UnitKind.Commune, "P"),
        Unit("X1.TT", UnitKind.ServiceCentre, "X1"),
        Unit("X2", UnitKind.Commune, "P"),
        Unit("X3", UnitKind.Commune, "P"),
        Unit("OLD", UnitKind.Commune, "P") with { EffectiveFrom = new(2020, 1, 1), EffectiveTo = Start },
    ], []);

    private static Unit Unit(string code, UnitKind kind, string? parent) =>
        new() { Code = code, NameVi = "Đơn vị " + code, NameEn = "Unit " + code, Kind = kind, ParentCode = parent, EffectiveFrom = Start };

    private static StaffMember Person(string code, string unit, LeaderRole leader = LeaderRole.None, params Secondment[] secondments) =>
        new() { Code = code, FullName = "Người " + code, Type = StaffType.CongChuc, UnitCode = unit, PositionCode = "CV", Leader = leader, Secondments = secondments };

    private static readonly StaffMember[] Staff =
    [
        Person("S1", "A.1", LeaderRole.Head), Person("S2", "A.1"), Person("S3", "X1"), Person("S4", "X2"), Person("S5", "X1.TT"),
        // Seconded from A.1 to X1 for the whole of March, and from A.1 to X2 for ten days only.
        Person("S6", "A.1", LeaderRole.Deputy, new Secondment { ToUnitCode = "X1", From = new(2026, 2, 15), To = new(2026, 6, 1) }),
        Person("S7", "A.1", LeaderRole.None, new Secondment { ToUnitCode = "X2", From = new(2026, 3, 1), To = new(2026, 3, 11) }),
    ];

    private static OpeningFacts Facts(IReadOnlySet<string>? scope = null, params string[] withCycle) => new(
        Tree, scope ?? Tree.SubtreeOf("P"), Staff, new Dictionary<string, PositionGroup> { ["CV"] = PositionGroup.Professional },
        withCycle.ToHashSet(), March, "decree-335", StageDeadlines.Default(Today), Today);

    [Fact]
    public void Every_commune_in_force_in_scope_is_a_candidate_and_one_without_staff_is_skipped_as_such()
    {
        var facts = Facts(withCycle: "X2");
        var candidates = CycleOpening.Candidates(OpeningTarget.Communes, null, [], facts);
        var plan = CycleOpening.Plan(candidates, facts);

        Assert.Equal(["X1", "X2", "X3"], candidates);
        Assert.Equal(["X1"], plan.Cycles.Select(c => c.UnitCode));
        Assert.Equal([("X2", OpeningSkip.AlreadyOpen), ("X3", OpeningSkip.NoStaff)], plan.Skipped.Select(s => (s.UnitCode, s.Reason)));
    }

    [Fact]
    public void An_agency_target_names_the_staffed_units_of_its_subtree_only()
    {
        var candidates = CycleOpening.Candidates(OpeningTarget.Agency, "A", [], Facts());

        Assert.Equal(["A.1"], candidates);
    }

    [Fact]
    public void A_listed_unit_out_of_scope_or_ended_is_skipped_with_its_reason()
    {
        var plan = CycleOpening.Plan(["A.1", "OLD", "X1"], Facts(scope: Tree.SubtreeOf("A").Concat(["OLD"]).ToHashSet()));

        Assert.Equal(["A.1"], plan.Cycles.Select(c => c.UnitCode));
        Assert.Equal([("OLD", OpeningSkip.UnitEnded), ("X1", OpeningSkip.OutOfScope)], plan.Skipped.Select(s => (s.UnitCode, s.Reason)));
    }

    [Fact]
    public void A_person_seconded_for_most_of_the_period_is_evaluated_in_the_receiving_unit_with_the_home_unit_remembered()
    {
        var plan = CycleOpening.Plan(["A.1", "X1", "X2"], Facts());
        var members = plan.Cycles.ToDictionary(c => c.UnitCode, c => c.Members);

        Assert.Equal(["S1", "S2", "S7"], members["A.1"].Select(m => m.StaffCode));
        Assert.Equal(["S3", "S6"], members["X1"].Select(m => m.StaffCode));
        var secondee = members["X1"].Single(m => m.StaffCode == "S6");
        Assert.Equal(("A.1", LeaderRole.None), (secondee.HomeUnitCode, secondee.Leader));
        Assert.All(members["A.1"], m => Assert.Null(m.HomeUnitCode));
        Assert.Contains(plan.Cycles.Single(c => c.UnitCode == "X1").Audit, a => a is { Action: CycleOpening.EvaluationOpened, StaffCode: "S6", Field: "homeUnit", NewValue: "A.1" });
    }

    [Fact]
    public void A_cycle_is_planned_with_its_agency_and_the_opening_audit_lines()
    {
        var cycle = CycleOpening.Plan(["X1.TT"], Facts()).Cycles.Single();

        Assert.Equal("X1", cycle.AgencyCode);
        Assert.Equal([CycleOpening.CycleOpened, CycleOpening.DeadlinesSet, CycleOpening.EvaluationOpened], cycle.Audit.Select(a => a.Action));
        Assert.Equal("X1.TT 2026-03 decree-335", cycle.Audit[0].NewValue);
    }
}
