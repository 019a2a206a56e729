using GovKpi.Core.Calendar;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Organisation;
using GovKpi.Core.Workforce;

namespace GovKpi.Core.Tests.Workforce;

public sealed class WorkforceTests
{
    // Monday 2 November to Monday 9 November 2026: five working days on a plain calendar.
    private static readonly DateOnly From = new(2026, 11, 2);
    private static readonly DateOnly To = new(2026, 11, 9);
    private static readonly WorkingCalendar Plain = new([]);
    private static readonly WorkloadNorms Norms = new([new WorkloadNorm { PositionCode = "ONE_STOP", DossiersPerDay = 10, StandardProductsPerDay = 2 }]);

    private static StaffMember Person(string code, string unit, string position = "ONE_STOP", string[]? skills = null, LeaderRole leader = LeaderRole.None) => new()
    {
        Code = code, FullName = code, Type = StaffType.CongChuc, UnitCode = unit, PositionCode = position, Skills = skills ?? [], Leader = leader,
    };

    private static IEnumerable<WorkDone> Daily(string staff, int dossiers, decimal products = 0, DateOnly? from = null)
    {
        for (var day = from ?? From; day < (from ?? From).AddDays(7); day = day.AddDays(1))
        {
            if (Plain.IsWorkingDay(day))
            {
                yield return new WorkDone(staff, day, dossiers, products);
            }
        }
    }

    [Fact]
    public void Dossiers_and_standard_products_fill_the_norm_day_together()
    {
        var report = Workload.Compute(From, To, [Person("A", "U1")], Daily("A", 5, 1), [], Norms, Plain, previousPeriods: 0);

        var a = Assert.Single(report.Staff);
        Assert.Equal(5, a.DaysPresent);
        Assert.Equal(1.0m, a.Load);
        Assert.Equal(Capacity.Within, Assert.Single(report.Units).Capacity);
    }

    [Fact]
    public void A_position_without_a_norm_reads_the_documented_default()
    {
        var norm = Norms.For("CLERK");
        Assert.Equal(WorkloadNorms.DefaultDossiersPerDay, norm.DossiersPerDay);
        Assert.Equal(WorkloadNorms.DefaultStandardProductsPerDay, norm.StandardProductsPerDay);
    }

    [Fact]
    public void Leave_days_are_not_days_present_so_the_same_work_weighs_more()
    {
        var leave = new LeaveRecord("A", LeaveKind.Annual, From, From.AddDays(2));
        var report = Workload.Compute(From, To, [Person("A", "U1")], Daily("A", 6), [leave], Norms, Plain, previousPeriods: 0);

        var a = Assert.Single(report.Staff);
        Assert.Equal(3, a.DaysPresent);
        Assert.Equal(Math.Round(30m / 10 / 3, 3), a.Load);
    }

    [Fact]
    public void A_secondee_counts_days_and_work_in_the_unit_where_they_worked_each_day()
    {
        var seconded = Person("A", "U1") with { Secondments = [new Secondment { ToUnitCode = "U2", From = From.AddDays(3), To = To }] };
        var report = Workload.Compute(From, To, [seconded], Daily("A", 10), [], Norms, Plain, previousPeriods: 0);

        Assert.Equal(3, report.Units.Single(u => u.UnitCode == "U1").DaysPresent);
        Assert.Equal(2, report.Units.Single(u => u.UnitCode == "U2").DaysPresent);
        Assert.Equal(20, report.Units.Single(u => u.UnitCode == "U2").Dossiers);
    }

    [Fact]
    public void Units_are_ranked_from_the_most_over_capacity_with_the_earlier_periods_as_trend()
    {
        var staff = new[] { Person("A", "BUSY"), Person("B", "QUIET") };
        var work = Daily("A", 15).Concat(Daily("B", 5)).Concat(Daily("A", 10, from: From.AddDays(-7)));
        var report = Workload.Compute(From, To, staff, work, [], Norms, Plain, previousPeriods: 2);

        Assert.Equal(["BUSY", "QUIET"], report.Units.Select(u => u.UnitCode));
        Assert.Equal("BUSY", Assert.Single(report.Over).UnitCode);
        Assert.Equal("QUIET", Assert.Single(report.Under).UnitCode);
        Assert.Equal([0m, 1.0m], report.TrendOf("BUSY"));
        Assert.Equal(From.AddDays(-14), report.Trend[0].From);
    }

    [Fact]
    public void A_unit_needs_the_skills_of_its_positions_and_of_the_procedures_it_handled()
    {
        var staff = new[] { Person("A", "U1", skills: ["land"]), Person("B", "U2", skills: ["accounting", "land"]) };
        var report = SkillCoverage.Compute(From, staff, [new PositionSkill("ONE_STOP", "land")], [new ProcedureSkill("P-FIN", "accounting")], [("U1", "P-FIN")]);

        var u1 = report.Units.Single(u => u.UnitCode == "U1");
        Assert.Equal(["accounting", "land"], u1.Needs.Select(n => n.Skill));
        Assert.Equal("accounting", Assert.Single(u1.Gaps).Skill);
        Assert.Equal(["P-FIN"], u1.Gaps.Single().Procedures);
        Assert.Equal(0.5m, u1.Covered);
        var gap = Assert.Single(report.Skills);
        Assert.Equal(["U1"], gap.Units);
        Assert.Equal("B", Assert.Single(report.HoldersElsewhere("U1", "accounting")).StaffCode);
    }

    [Fact]
    public void Skills_count_where_the_person_works_on_the_day()
    {
        var seconded = Person("B", "U2", skills: ["accounting"]) with { Secondments = [new Secondment { ToUnitCode = "U1", From = From, To = To }] };
        var report = SkillCoverage.Compute(From, [Person("A", "U1"), seconded], [], [new ProcedureSkill("P-FIN", "accounting")], [("U1", "P-FIN")]);

        Assert.Empty(report.Units.Single(u => u.UnitCode == "U1").Gaps);
    }

    [Fact]
    public void A_plan_line_is_refused_with_its_field_when_the_person_is_unknown_or_already_seconded()
    {
        var seconded = Person("B", "U2") with { Secondments = [new Secondment { ToUnitCode = "U3", From = From, To = To }] };
        var problems = SecondmentPlans.Check(
            [new PlanLineInput("X", "U1", From, To, null), new PlanLineInput("B", "U1", From, To, null), new PlanLineInput("A", "U1", To, From, null)],
            [Person("A", "U1"), seconded], new HashSet<string> { "U1", "U2", "U3" });

        Assert.Contains(problems, p => (p.Field, p.Key) == ("lines[0].staff_code", WorkforceKeys.UnknownStaff) && p.Args.SequenceEqual(["X"]));
        Assert.Contains(problems, p => (p.Field, p.Key) == ("lines[1].from", WorkforceKeys.OverlapsSecondment));
        Assert.Contains(problems, p => (p.Field, p.Key) == ("lines[2].to", WorkforceKeys.ToNotAfterFrom));
    }

    [Fact]
    public void A_norm_table_is_refused_with_its_row_for_an_unknown_position_a_position_given_twice_and_a_value_out_of_range()
    {
        var problems = WorkloadNorms.CheckTable(
            [new WorkloadNorm { PositionCode = "NO" }, new WorkloadNorm { PositionCode = "CV" }, new WorkloadNorm { PositionCode = "CV", DossiersPerDay = -1 }],
            new HashSet<string> { "CV" });

        Assert.Equal([("norms[0].position_code", WorkforceKeys.UnknownPosition), ("norms[2].position_code", WorkforceKeys.GivenTwice), ("norms[2].dossiers_per_day", WorkforceKeys.OutOfRange)],
            problems.Select(p => (p.Field, p.Key)));
        Assert.Equal(["0", "1000"], problems[2].Args);
    }

    [Fact]
    public void Skill_tables_need_a_known_position_a_procedure_code_and_a_skill_on_every_row()
    {
        var problems = SkillRequirements.Check([new PositionSkill("CV", "accounting"), new PositionSkill("NO", " ")], [new ProcedureSkill("", "land")], new HashSet<string> { "CV" });

        Assert.Equal([("positions[1].position_code", WorkforceKeys.UnknownPosition), ("positions[1].skill", WorkforceKeys.Required), ("procedures[0].procedure_code", WorkforceKeys.Required)],
            problems.Select(p => (p.Field, p.Key)));
    }

    [Fact]
    public void A_draft_changes_no_one_and_its_approval_returns_one_secondment_per_line_with_an_audit_entry()
    {
        var staff = new[] { Person("A", "U1") };
        var at = new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
        var (plan, created) = SecondmentPlans.Draft("p1", "Tăng cường", [new PlanLineInput("A", "U2", From, To, "thiếu người")], staff, false, "hr", at);

        Assert.Equal("U1", plan.Lines[0].FromUnitCode);
        Assert.Equal(PlanActions.Created, created.Action);
        Assert.Empty(staff[0].Secondments);

        var approval = SecondmentPlans.Approve(plan, staff, new HashSet<string> { "U1", "U2" }, "leader", at.AddHours(1), "đồng ý");
        Assert.Equal(PlanOutcome.Done, approval.Outcome);
        Assert.Equal(PlanStatus.Approved, plan.Status);
        Assert.Equal(("leader", at.AddHours(1)), (plan.DecidedBy!, plan.DecidedAt!.Value));
        var row = Assert.Single(approval.Secondments);
        Assert.Equal(new Secondment { ToUnitCode = "U2", From = From, To = To }, row.Secondment);
        Assert.Equal(PlanActions.Approved, Assert.Single(approval.Audit).Action);

        Assert.Equal(PlanOutcome.NotDraft, SecondmentPlans.Reject(plan, "leader", at, null).Outcome);
        Assert.Equal(PlanOutcome.NotDraft, SecondmentPlans.Edit(plan, "x", [], staff, "hr", at).Outcome);
    }

    [Fact]
    public void The_effect_shows_load_and_coverage_of_both_units_before_and_after()
    {
        var staff = new[] { Person("A", "BUSY"), Person("B", "QUIET", skills: ["land"]), Person("C", "QUIET"), Person("D", "QUIET") };
        var work = Daily("A", 20).Concat(Daily("B", 2)).Concat(Daily("C", 2)).Concat(Daily("D", 2));
        var reference = Workload.Compute(From, To, staff, work, [], Norms, Plain, previousPeriods: 0);
        var coverage = new CoverageInputs(To, staff, [], [new ProcedureSkill("P-LAND", "land")], [("BUSY", "P-LAND")]);
        var line = new SecondmentPlanLine { StaffCode = "B", FromUnitCode = "QUIET", ToUnitCode = "BUSY", From = To, To = To.AddMonths(3) };

        var effect = PlanEffect.Of([line], reference, coverage);

        var busy = effect.Single(e => e.UnitCode == "BUSY");
        Assert.Equal((2.0m, 1.0m), (busy.LoadBefore!.Value, busy.LoadAfter!.Value));
        Assert.Equal((1, 2), (busy.PeopleBefore, busy.PeopleAfter));
        Assert.Equal(["land"], busy.GapsBefore);
        Assert.Empty(busy.GapsAfter);
        var quiet = effect.Single(e => e.UnitCode == "QUIET");
        Assert.Equal((0.2m, 0.3m), (quiet.LoadBefore!.Value, quiet.LoadAfter!.Value));
    }

    [Fact]
    public void The_assistant_proposes_a_person_from_an_under_capacity_unit_for_an_over_capacity_one_then_a_holder_for_a_skill_gap()
    {
        var staff = new[]
        {
            Person("A", "BUSY"), Person("B", "QUIET"), Person("C", "QUIET", skills: ["land"]), Person("D", "QUIET"), Person("H", "QUIET", leader: LeaderRole.Head),
            Person("E", "LAND"), Person("F", "OTHER", skills: ["accounting"]), Person("G", "OTHER", skills: ["accounting"]),
        };
        var work = Daily("A", 15).Concat(new[] { "B", "C", "D", "H" }.SelectMany(s => Daily(s, 2)))
            .Concat(Daily("E", 8)).Concat(Daily("F", 8)).Concat(Daily("G", 8));
        var reference = Workload.Compute(From, To, staff, work, [], Norms, Plain, previousPeriods: 0);
        var coverage = SkillCoverage.Compute(To, staff, [], [new ProcedureSkill("P-LAND", "land"), new ProcedureSkill("P-FIN", "accounting")],
            [("BUSY", "P-LAND"), ("LAND", "P-FIN"), ("OTHER", "P-FIN")]);

        var lines = PlanProposer.Propose(reference, coverage, staff, To, To.AddMonths(3));

        Assert.Equal(2, lines.Count);
        Assert.Equal(("C", "QUIET", "BUSY", ProposalReason.Overload, "land"), (lines[0].StaffCode, lines[0].FromUnitCode, lines[0].ToUnitCode, lines[0].Reason, lines[0].Skill));
        Assert.Equal(("F", "OTHER", "LAND", ProposalReason.SkillGap), (lines[1].StaffCode, lines[1].FromUnitCode, lines[1].ToUnitCode, lines[1].Reason));
        Assert.Equal(lines, PlanProposer.Propose(reference, coverage, staff, To, To.AddMonths(3)));
    }
}
