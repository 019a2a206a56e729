using GovKpi.Core.Access;
using GovKpi.Core.Collective;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Measurement;
using GovKpi.Core.Organisation;
using GovKpi.Core.Tasks;

namespace GovKpi.Core.Tests.Evaluation.Cycles;

public class RatingTests
{
    private static RatingFacts Facts(IReadOnlyList<KpiInput> kpis) => new(kpis, RatingFacts.NoTasks);

    private static EvaluationCycle Cycle(EvaluationPolicy? policy = null) => new()
    {
        Id = Guid.NewGuid(), UnitCode = "U1", UnitName = "Trung tâm", AgencyCode = "A1", PeriodKind = PeriodKind.Quarter,
        PeriodFrom = new DateOnly(2026, 1, 1), PeriodTo = new DateOnly(2026, 4, 1), Policy = policy ?? EvaluationPolicy.Decree335,
        Stage = CycleStage.ManagerRating, Deadlines = StageDeadlines.Default(new DateOnly(2026, 4, 1)), OpenedBy = "manager",
    };

    private static StaffEvaluation Person(string position = "VT-CHUYENVIEN") => new()
    {
        Id = Guid.NewGuid(), StaffCode = "CB001", StaffName = "Nguyễn Văn A", UnitCode = "U1", PositionCode = position, Group = PositionGroup.Professional,
    };

    private static KpiInput Kpi(string code, decimal weight, KpiValue? value = null) =>
        new(new KpiSetItem { KpiCode = code, WeightPercent = weight }, BuiltInKpis.Definitions.Single(d => d.Code == code), value);

    /// <summary>On time 49 of 50 (98% → 100%), complaints 1 in 100 (0.5 ÷ 1 → 50%), initiative to be rated.</summary>
    private static readonly IReadOnlyList<KpiInput> Measured =
        [Kpi("on_time_rate", 20, new KpiValue(49, 50)), Kpi("complaint_rate", 10, new KpiValue(1, 100)), Kpi("initiative", 10)];

    private static (RatingOutcome Outcome, StaffEvaluation Evaluation, AuditTrail Audit) Rate(RatingInput input, IReadOnlyList<KpiInput> kpis,
        EvaluationPolicy? policy = null, string position = "VT-CHUYENVIEN")
    {
        var cycle = Cycle(policy);
        var evaluation = Person(position);
        var audit = new AuditTrail(cycle, new AuditActor("manager", "Trần Quản Lý", Role.Manager), new DateTimeOffset(2026, 4, 3, 2, 0, 0, TimeSpan.Zero));
        return (Rating.Apply(cycle, evaluation, [evaluation], input, Facts(kpis), audit), evaluation, audit);
    }

    private static RatingInput Input(decimal? taskPoints = null) => new() { GeneralPoints = 25, TaskPoints = taskPoints, Reason = "Theo kết quả quý" };

    [Fact]
    public void With_KPI_values_the_task_points_are_computed_from_them_and_the_behavioural_ratings()
    {
        var (outcome, e, _) = Rate(Input() with { KpiRatings = new Dictionary<string, int> { ["initiative"] = 4 } }, Measured);

        // (20 × 100% + 10 × 50% + 10 × 80%) ÷ 40 = 82.5%; KPIs only → k = 1; 70 × 82.5% = 57.75.
        Assert.True(outcome.Accepted);
        Assert.Equal((57.75m, 82.75m), (e.TaskPoints!.Value, e.Score!.Value));
        Assert.Equal((1m, 0.825m, 57.75m), (e.TaskScore!.KpiShare, e.TaskScore.KpiAchievement!.Value, e.TaskScore.ComputedPoints));
        Assert.Equal([35m, 8.75m, 14m], e.TaskScore.Kpis.Select(k => k.Points!.Value));
        Assert.Equal("manager", e.RatedBy);
    }

    [Fact]
    public void Typed_task_points_are_refused_when_the_person_has_KPI_values()
    {
        var (outcome, e, audit) = Rate(Input(taskPoints: 65), Measured);

        Assert.Equal(("taskPoints", "TaskPointsComputed"), (outcome.Errors.Single().Field, outcome.Errors.Single().Problem));
        Assert.Null(e.Score);
        Assert.Empty(audit.Entries);
    }

    [Fact]
    public void A_person_without_KPI_values_or_task_lines_may_still_get_typed_task_points()
    {
        var (outcome, e, _) = Rate(Input(taskPoints: 60), [Kpi("on_time_rate", 20, new KpiValue(0, 0)), Kpi("initiative", 10)]);

        Assert.True(outcome.Accepted);
        Assert.Equal(60m, e.TaskPoints);
        Assert.Null(e.TaskScore);
    }

    [Fact]
    public void With_KPIs_and_task_lines_k_is_the_policys_share_for_the_position()
    {
        var input = Input() with { Tasks = [new AssignedTask("Hồ sơ", "standard", 10, 8)] };
        var kpis = Measured.Take(2).ToList();

        var (_, decree, _) = Rate(input, kpis);
        var (_, khanhHoa, _) = Rate(input, kpis, EvaluationPolicy.KhanhHoa, BuiltInKpis.DossierSpecialistPosition);

        // KPIs (20 × 100% + 10 × 50%) ÷ 30 = 83.33%, tasks 80%: 70 × [0.5 × 83.33% + 0.5 × 80%] = 57.17; Khánh Hòa k = 1 → 58.33.
        Assert.Equal((0.5m, 57.17m), (decree.TaskScore!.KpiShare, decree.TaskPoints!.Value));
        Assert.Equal((1m, 58.33m), (khanhHoa.TaskScore!.KpiShare, khanhHoa.TaskPoints!.Value));
    }

    [Fact]
    public void An_adjustment_needs_a_reason_and_then_is_stored_and_audited_with_both_numbers()
    {
        var (refused, _, _) = Rate(Input() with { Adjustment = new RatingAdjustment(60, " ") }, Measured);
        var (outcome, e, _) = Rate(Input() with { Adjustment = new RatingAdjustment(60, "Hồ sơ tồn do lỗi phần mềm một cửa") }, Measured);

        Assert.Equal("adjustment.reason", refused.Errors.Single().Field);
        // KPIs without initiative: (20 × 100% + 10 × 50%) ÷ 30 × 70 = 58.33.
        Assert.Equal(new TaskPointsAdjustment(58.33m, 60m, "Hồ sơ tồn do lỗi phần mềm một cửa"), e.TaskScore!.Adjustment);
        Assert.Equal(60m, e.TaskPoints);
        var entry = outcome.Entries.Single(x => x.Field == "taskPointsAdjusted");
        Assert.Equal((AuditActions.Rated, "58.33", "60", "Hồ sơ tồn do lỗi phần mềm một cửa"), (entry.Action, entry.OldValue, entry.NewValue, entry.Reason));
    }

    [Fact]
    public void Behavioural_ratings_must_be_of_the_set_and_on_the_scale()
    {
        var (outcome, _, _) = Rate(Input() with { KpiRatings = new Dictionary<string, int> { ["initiative"] = 6, ["coordination"] = 3 } }, Measured);

        Assert.Equal([("kpiRatings.coordination", "UnknownBehaviouralKpi"), ("kpiRatings.initiative", "BehaviouralRating")],
            outcome.Errors.Select(x => (x.Field, x.Problem)).Order());
    }

    [Fact]
    public void An_adjustment_without_anything_computed_is_refused()
    {
        var (outcome, _, _) = Rate(Input(taskPoints: 60) with { Adjustment = new RatingAdjustment(62, "Lý do") }, []);

        Assert.Equal("adjustment", outcome.Errors.Single().Field);
    }

    [Fact]
    public void The_heads_computed_points_weigh_their_KPIs_with_the_units_result_and_organising_capacity()
    {
        var cycle = Cycle();
        var head = Person();
        head.Leader = LeaderRole.Head;
        var rated = new StaffEvaluation
        {
            Id = Guid.NewGuid(), StaffCode = "CB002", StaffName = "Lê Thị B", UnitCode = "U1", PositionCode = "VT-CHUYENVIEN", Score = 75,
        };
        var audit = new AuditTrail(cycle, new AuditActor("hr", "Phòng Nội vụ", Role.Hr), new DateTimeOffset(2026, 4, 3, 2, 0, 0, TimeSpan.Zero));
        var kpis = Measured.Take(2).ToList();

        var withoutOrganising = Rating.Apply(cycle, head, [head, rated], Input(), Facts(kpis), audit);
        var outcome = Rating.Apply(cycle, head, [head, rated], Input() with { Organising = RatingLevel.Good }, Facts(kpis), audit);

        // Own work: KPIs (20 × 100% + 10 × 50%) ÷ 30 = 83.33%; (2 × 83.33% + 1 × 100% unit + 1 × 80% organising) ÷ 4 × 70 = 60.67.
        Assert.Equal("organising", withoutOrganising.Errors.Single().Field);
        Assert.True(outcome.Accepted);
        Assert.Equal((60.67m, 17.5m), (head.TaskPoints!.Value, head.UnitResultPoints!.Value));
        Assert.Equal(60.67m, head.TaskScore!.ComputedPoints);
    }

    [Fact]
    public void Tasks_assigned_in_the_period_make_the_task_points_with_their_delay_deducted_and_traced_to_the_task()
    {
        var cycle = Cycle();
        var person = Person();
        var audit = new AuditTrail(cycle, new AuditActor("manager", "Trần Quản Lý", Role.Manager), new DateTimeOffset(2026, 4, 3, 2, 0, 0, TimeSpan.Zero));
        // Two reports of 2 standard products each, done; the second was submitted late.
        var assigned = new PeriodTasks(
            [new AssignedTask("T-1", "B01", 1, 1), new AssignedTask("T-2", "B01", 1, 1) { Incidents = [new TaskIncident(TaskIncidentKind.Delay)] }],
            new ProductConversion(new Dictionary<string, decimal> { ["B01"] = 2 }));

        var typed = Rating.Apply(cycle, person, [person], Input(taskPoints: 70), new RatingFacts([], assigned), audit);
        var outcome = Rating.Apply(cycle, person, [person], Input(), new RatingFacts([], assigned), audit);

        // Tasks only → k = 0: quantity 4 ÷ 4, quality 4 ÷ 4, progress (4 − 25% × 2) ÷ 4 = 87.5%; (100% + 100% + 87.5%) ÷ 3 × 70 = 67.08.
        Assert.Equal("taskPoints", typed.Errors.Single().Field);
        Assert.True(outcome.Accepted);
        Assert.Equal((67.08m, 0.875m), (person.TaskPoints!.Value, person.TaskScore!.Progress!.Value));
        Assert.Contains(person.TaskExplanations, x => x.Key == "Deduction" && x.Arguments[0] == "T-2");
    }

    [Fact]
    public void A_deputy_in_charge_of_a_field_is_scored_as_a_leader_on_the_fields_measured_result()
    {
        var cycle = Cycle();
        var deputy = Person();
        deputy.Leader = LeaderRole.Deputy;
        var rated = new StaffEvaluation
        {
            Id = Guid.NewGuid(), StaffCode = "CB002", StaffName = "Lê Thị B", UnitCode = "U1", PositionCode = "VT-CHUYENVIEN", Score = 75,
        };
        var field = new UnitResult("U1", KpiSetHolder.UnitKind, "commune", 1, UnitSetSource.BuiltIn, [], 0.6m, Explanation.Of("UnitResultMeasured", "60%"));
        var audit = new AuditTrail(cycle, new AuditActor("hr", "Phòng Nội vụ", Role.Hr), new DateTimeOffset(2026, 4, 3, 2, 0, 0, TimeSpan.Zero));
        var kpis = Measured.Take(2).ToList();

        var withoutField = Rating.Apply(cycle, deputy, [deputy, rated], Input(), new RatingFacts(kpis, RatingFacts.NoTasks), audit);
        var withField = Rating.Apply(cycle, deputy, [deputy, rated], Input() with { Organising = RatingLevel.Good }, new RatingFacts(kpis, RatingFacts.NoTasks, field), audit);

        // Without a field the deputy is scored on their own KPIs: 70 × 83.33% = 58.33.
        Assert.True(withoutField.Accepted);
        // With one: (2 × 83.33% + 1 × 60% field + 1 × 80% organising) ÷ 4 × 70 = 53.67.
        Assert.True(withField.Accepted);
        Assert.Equal(53.67m, deputy.TaskPoints!.Value);
    }
}
