using GovKpi.Core.Access;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.Organisation;

namespace GovKpi.Core.Tests.Evaluation.Cycles;

public class CycleOpeningApplicationTests
{
    private static readonly EvaluationPeriod March = EvaluationPeriod.Create(PeriodKind.Month, 2026, 3)!;
    private static readonly AuditActor Hr = new("hr", "Phòng Tổ chức", Role.Hr);

    [Fact]
    public void Opening_a_planned_cycle_builds_it_in_self_assessment_with_everyone_and_a_chained_trail()
    {
        var plan = new OpeningPlan(
        [
            new PlannedCycle("A.1", "Phòng Một", "A",
                [new CycleMember("NV01", "Người NV01", "CV", PositionGroup.Professional, LeaderRole.Head, null),
                 new CycleMember("XA01", "Người XA01", "CV", PositionGroup.Professional, LeaderRole.None, "X1")],
                [new PlannedAudit(AuditActions.CycleOpened, null, "cycle", "", "A.1 03/2026 decree-335", ""),
                 new PlannedAudit(AuditActions.EvaluationOpened, "NV01", "person", "", "Người NV01", ""),
                 new PlannedAudit(AuditActions.EvaluationOpened, "XA01", "homeUnit", "", "X1", "")]),
        ], []);
        var deadlines = StageDeadlines.Default(CycleSample.Today);

        var opened = CycleOpening.Open(plan, March, EvaluationPolicy.KhanhHoa, deadlines, Hr, CycleSample.Now).Single();

        var cycle = opened.Cycle;
        Assert.Equal(("A.1", "A", CycleStage.SelfAssessment, "khanh-hoa", March.From, March.To, "hr"),
            (cycle.UnitCode, cycle.AgencyCode, cycle.Stage, cycle.Policy.Code, cycle.PeriodFrom, cycle.PeriodTo, cycle.OpenedBy));
        Assert.Equal([("NV01", LeaderRole.Head, null), ("XA01", LeaderRole.None, "X1")], opened.Evaluations.Select(e => (e.StaffCode, e.Leader, e.HomeUnitCode)));
        Assert.All(opened.Evaluations, e => Assert.Equal(cycle.Id, e.CycleId));
        Assert.Equal([1L, 2L, 3L], opened.Audit.Select(e => e.Sequence));
        Assert.Equal(opened.Evaluations[1].Id, opened.Audit[2].EvaluationId);
        Assert.Equal((3L, opened.Audit[2].Hash), (cycle.AuditSequence, cycle.AuditHead));
        Assert.Null(AuditChain.FirstBroken(opened.Audit.Select(e => (e.Content, e.Hash))));
    }
}
