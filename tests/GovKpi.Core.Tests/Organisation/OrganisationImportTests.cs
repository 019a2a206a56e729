using GovKpi.Core.Access;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Organisation;

namespace GovKpi.Core.Tests.Organisation;

public class OrganisationImportTests
{
    private static readonly DateOnly Start = new(2025, 7, 1);
    private static readonly ImportContext Context = new(new DateTimeOffset(2026, 12, 6, 3, 0, 0, TimeSpan.Zero), "hr1", OrganisationChangeSource.Cli);

    private static SourcedRow<T> At<T>(T row, string file, long line) => new(row, new RowSource(file, line));

    private static Unit U(string code, UnitKind kind, string? parent, DateOnly? to = null) => new()
    {
        Code = code, NameVi = "Đơn vị " + code, NameEn = code, Kind = kind, ParentCode = parent, EffectiveFrom = Start, EffectiveTo = to,
    };

    private static JobPosition P(string code) => new() { Code = code, NameVi = code, NameEn = code, Group = PositionGroup.Professional };

    private static StaffRow S(string code, string unit, string position = "CV", DateOnly? from = null, DateOnly? to = null) => new()
    {
        Member = new StaffMember { Code = code, FullName = "Nguyễn Văn " + code, Type = StaffType.CongChuc, UnitCode = unit, PositionCode = position },
        EffectiveFrom = from,
        EffectiveTo = to,
    };

    private static KpiDefinition K(string code) => new()
    {
        Code = code, NameVi = code, NameEn = code, Kind = KpiKind.Quantitative, UnitOfMeasure = "%", Direction = KpiDirection.HigherIsBetter,
        Target = 95m, EffectiveFrom = Start,
    };

    /// <summary>A small province as files: P with communes C1 and C2, positions CV and LD, two staff.</summary>
    private static OrganisationRows Files() => new()
    {
        Units = [At(U("P", UnitKind.Province, null), "units.csv", 2), At(U("C1", UnitKind.Commune, "P"), "units.csv", 3), At(U("C2", UnitKind.Commune, "P"), "units.csv", 4)],
        Positions = [At(P("CV"), "positions.csv", 2), At(P("LD"), "positions.csv", 3)],
        Staff = [At(S("S1", "C1"), "staff.csv", 2), At(S("S2", "C2"), "staff.csv", 3)],
    };

    /// <summary>What a database holds after applying <paramref name="plan"/> to <paramref name="state"/>.</summary>
    private static OrganisationState Applied(OrganisationState state, OrganisationImportPlan plan)
    {
        static List<T> Merge<T, TKey>(IEnumerable<T> stored, RecordWrites<T> writes, Func<T, TKey> key) where TKey : notnull
        {
            var all = stored.ToDictionary(key);
            foreach (var row in writes.Added.Concat(writes.Updated))
            {
                all[key(row)] = row;
            }

            return [.. all.Values];
        }

        return new OrganisationState
        {
            Units = Merge(state.Units, plan.Units, u => u.Code),
            Lineage = Merge(state.Lineage, plan.Lineage, l => (l.PredecessorCode, l.SuccessorCode)),
            Positions = Merge(state.Positions, plan.Positions, p => p.Code),
            Staff = Merge(state.Staff, plan.Staff, s => s.Code),
            History = Merge(state.History, plan.History, h => (h.StaffCode, h.EffectiveFrom)),
            KpiDefinitions = Merge(state.KpiDefinitions, plan.KpiDefinitions, k => (k.Code, k.Version)),
            KpiSets = Merge(state.KpiSets, plan.KpiSets, s => (s.PositionCode, s.Version)),
            Accounts = Merge(state.Accounts, plan.Accounts, a => a.UserName),
        };
    }

    private static OrganisationImportPlan Valid(OrganisationState state, OrganisationRows rows, ImportContext? context = null)
    {
        var result = OrganisationImport.Plan(state, rows, context ?? Context);
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        return result.Plan!;
    }

    private static IReadOnlyList<OrganisationProblem> Invalid(OrganisationState state, OrganisationRows rows)
    {
        var result = OrganisationImport.Plan(state, rows, Context);
        Assert.False(result.IsValid);
        Assert.Null(result.Plan);
        return result.Problems;
    }

    private static KindSummary SummaryOf(OrganisationImportPlan plan, OrganisationRecordKind kind) => plan.Summary.Single(s => s.Kind == kind);

    [Fact]
    public void A_first_import_adds_every_record_with_an_audit_entry_each_and_a_history_row_per_person()
    {
        var plan = Valid(new OrganisationState(), Files());

        Assert.Equal(new KindSummary(OrganisationRecordKind.Units, 3, 0, 0, 0), SummaryOf(plan, OrganisationRecordKind.Units));
        Assert.Equal(new KindSummary(OrganisationRecordKind.Staff, 2, 0, 0, 0), SummaryOf(plan, OrganisationRecordKind.Staff));
        Assert.Equal(2, plan.History.Added.Count);
        Assert.All(plan.History.Added, h => Assert.Equal(Context.Today, h.EffectiveFrom));
        Assert.Equal(3 + 2 + 2, plan.Audit.Count);
        Assert.All(plan.Audit, a => Assert.Equal(("hr1", OrganisationChangeSource.Cli, (string?)null), (a.Actor, a.Source, a.Before)));
    }

    [Fact]
    public void The_same_files_again_change_nothing()
    {
        var files = Files() with
        {
            KpiDefinitions = [At(K("on_time_rate"), "kpi_definitions.csv", 2)],
            KpiSets = [At(new KpiSetRow("CV", 1, Start, "on_time_rate", 100m), "kpi_sets.csv", 2)],
            Secondments = [At(new SecondmentRow("S1", new Secondment { ToUnitCode = "C2", From = Start }), "secondments.csv", 2)],
            Accounts = [At(new AccountRow("s1", Role.Staff, "S1", null, null), "accounts.csv", 2)],
        };
        var state = Applied(new OrganisationState(), Valid(new OrganisationState(), files));

        var again = Valid(state, files, Context with { Now = Context.Now.AddDays(30) });

        Assert.False(again.ChangesAnything);
        Assert.All(again.Summary, s => Assert.Equal((0, 0, 0), (s.Added, s.Changed, s.Retired)));
        Assert.Equal(7, again.Summary.Count);
    }

    [Fact]
    public void A_kpi_target_read_back_with_trailing_zeros_is_unchanged()
    {
        var files = new OrganisationRows { KpiDefinitions = [At(K("on_time_rate"), "kpi_definitions.csv", 2)] };
        var stored = new OrganisationState { KpiDefinitions = [K("on_time_rate") with { Target = 95.000000m }] };

        Assert.False(Valid(stored, files).ChangesAnything);
    }

    [Fact]
    public void A_move_with_a_later_effective_from_ends_the_old_placement_and_adds_a_new_one()
    {
        var state = Applied(new OrganisationState(), Valid(new OrganisationState(), Files()));
        var moveOn = Context.Today.AddMonths(2);
        var files = new OrganisationRows { Staff = [At(S("S1", "C2", "LD", from: moveOn), "staff.csv", 2)] };

        var plan = Valid(state, files);

        var closed = Assert.Single(plan.History.Updated);
        Assert.Equal(("C1", (DateOnly?)moveOn), (closed.UnitCode, closed.EffectiveTo));
        var added = Assert.Single(plan.History.Added);
        Assert.Equal(("C2", "LD", moveOn, (DateOnly?)null), (added.UnitCode, added.PositionCode, added.EffectiveFrom, added.EffectiveTo));
        Assert.Equal(("C2", "LD"), (plan.Staff.Updated.Single().UnitCode, plan.Staff.Updated.Single().PositionCode));
        Assert.Equal(new KindSummary(OrganisationRecordKind.Staff, 0, 1, 0, 0), SummaryOf(plan, OrganisationRecordKind.Staff));
        var audit = Assert.Single(plan.Audit);
        Assert.Contains("\"C1\"", audit.Before);
        Assert.Contains("\"C2\"", audit.After);
    }

    [Fact]
    public void A_move_dated_before_the_current_placement_is_refused_at_effective_from()
    {
        var state = Applied(new OrganisationState(), Valid(new OrganisationState(), Files()));
        var files = new OrganisationRows { Staff = [At(S("S1", "C2", from: Context.Today.AddDays(-1)), "staff.csv", 2)] };

        var problem = Assert.Single(Invalid(state, files));

        Assert.Equal(("staff.csv", 2L, "effective_from"), (problem.File, problem.Line, problem.Column));
    }

    [Fact]
    public void A_staff_member_loaded_without_history_gets_the_assumed_placement_closed_when_moved()
    {
        var state = new OrganisationState
        {
            Units = [U("P", UnitKind.Province, null), U("C1", UnitKind.Commune, "P"), U("C2", UnitKind.Commune, "P")],
            Positions = [P("CV")],
            Staff = [S("S1", "C1").Member],
        };

        var plan = Valid(state, new OrganisationRows { Staff = [At(S("S1", "C2"), "staff.csv", 2)] });

        Assert.Equal(
            [("C1", Start, (DateOnly?)Context.Today), ("C2", Context.Today, null)],
            plan.History.Added.Select(h => (h.UnitCode, h.EffectiveFrom, h.EffectiveTo)).OrderBy(h => h.EffectiveFrom));
    }

    [Fact]
    public void A_newly_set_effective_to_retires_the_staff_member_and_the_unit()
    {
        var state = Applied(new OrganisationState(), Valid(new OrganisationState(), Files()));
        var leaves = Context.Today.AddDays(10);
        var files = new OrganisationRows
        {
            Units = [At(U("C2", UnitKind.Commune, "P", to: leaves), "units.csv", 2)],
            Staff = [At(S("S2", "C2", to: leaves), "staff.csv", 2)],
        };

        var plan = Valid(state, files);

        Assert.Equal(new KindSummary(OrganisationRecordKind.Units, 0, 0, 1, 0), SummaryOf(plan, OrganisationRecordKind.Units));
        Assert.Equal(new KindSummary(OrganisationRecordKind.Staff, 0, 0, 1, 0), SummaryOf(plan, OrganisationRecordKind.Staff));
        Assert.Equal(leaves, Assert.Single(plan.History.Updated).EffectiveTo);
    }

    [Fact]
    public void Unknown_parent_unit_and_position_are_located_at_their_column()
    {
        var files = Files() with
        {
            Units = [.. Files().Units!, At(U("D1", UnitKind.Division, "NOPE"), "units.csv", 5)],
            Staff = [At(S("S1", "C9", "XX"), "staff.csv", 2)],
        };

        var problems = Invalid(new OrganisationState(), files);

        Assert.Equal(
            ["units.csv:5:parent_code: unknown parent unit 'NOPE'", "staff.csv:2:unit_code: unknown unit 'C9'", "staff.csv:2:position_code: unknown position 'XX'"],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void A_duplicate_code_within_a_file_names_the_line_of_the_first()
    {
        var files = Files() with { Staff = [At(S("S1", "C1"), "staff.csv", 2), At(S("S1", "C2"), "staff.csv", 7)] };

        var problem = Assert.Single(Invalid(new OrganisationState(), files));

        Assert.Equal("staff.csv:7:code: duplicate: 'S1' is already on line 2", problem.ToString());
    }

    [Fact]
    public void Two_provinces_are_refused_at_each_province_row()
    {
        var files = Files() with { Units = [.. Files().Units!, At(U("P2", UnitKind.Province, null), "units.csv", 5)] };

        var problems = Invalid(new OrganisationState(), files);

        Assert.Equal([2L, 5L], problems.Select(p => p.Line));
        Assert.All(problems, p => Assert.Equal("kind", p.Column));
    }

    [Fact]
    public void A_second_province_beside_the_stored_one_is_refused()
    {
        var state = Applied(new OrganisationState(), Valid(new OrganisationState(), Files()));

        var problem = Assert.Single(Invalid(state, new OrganisationRows { Units = [At(U("P2", UnitKind.Province, null), "units.csv", 2)] }));

        Assert.Contains("exactly one province", problem.Reason);
    }

    [Fact]
    public void Units_without_a_province_are_refused()
    {
        var files = new OrganisationRows { Units = [At(U("C1", UnitKind.Commune, "C2"), "units.csv", 2), At(U("C2", UnitKind.Commune, "C1"), "units.csv", 3)] };

        var problems = Invalid(new OrganisationState(), files);

        Assert.Contains(problems, p => p.Column == "kind" && p.Reason.Contains("no unit has kind province", StringComparison.Ordinal));
    }

    [Fact]
    public void A_cycle_of_parents_is_refused_on_every_unit_in_it()
    {
        var files = Files() with
        {
            Units = [.. Files().Units!, At(U("D1", UnitKind.Division, "D2"), "units.csv", 5), At(U("D2", UnitKind.Division, "D1"), "units.csv", 6)],
        };

        var problems = Invalid(new OrganisationState(), files);

        Assert.Equal(["units.csv:5:parent_code: the parents make a cycle: D1 → D2 → D1", "units.csv:6:parent_code: the parents make a cycle: D2 → D1 → D2"],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Set_weights_that_do_not_sum_to_100_are_refused_at_the_first_row_of_the_set()
    {
        var files = Files() with
        {
            KpiDefinitions = [At(K("a"), "kpi_definitions.csv", 2), At(K("b"), "kpi_definitions.csv", 3)],
            KpiSets = [At(new KpiSetRow("CV", 1, Start, "a", 60m), "kpi_sets.csv", 2), At(new KpiSetRow("CV", 1, Start, "b", 30m), "kpi_sets.csv", 3)],
        };

        var problem = Assert.Single(Invalid(new OrganisationState(), files));

        Assert.Equal("kpi_sets.csv:2:weight_percent: the weights of version 1 of the set of CV sum to 90, not 100", problem.ToString());
    }

    [Fact]
    public void A_set_naming_an_unknown_kpi_or_position_is_refused()
    {
        var files = Files() with { KpiSets = [At(new KpiSetRow("ZZ", 1, Start, "nope", 100m), "kpi_sets.csv", 2)] };

        var problems = Invalid(new OrganisationState(), files);

        Assert.Equal(["position_code", "kpi_code"], problems.Select(p => p.Column));
    }

    [Fact]
    public void A_new_set_version_ends_the_previous_one()
    {
        var files = Files() with
        {
            KpiDefinitions = [At(K("a"), "kpi_definitions.csv", 2)],
            KpiSets = [At(new KpiSetRow("CV", 1, Start, "a", 100m), "kpi_sets.csv", 2)],
        };
        var state = Applied(new OrganisationState(), Valid(new OrganisationState(), files));
        var next = new DateOnly(2027, 1, 1);

        var plan = Valid(state, new OrganisationRows { KpiSets = [At(new KpiSetRow("CV", 2, next, "a", 100m), "kpi_sets.csv", 2)] });

        Assert.Equal(next, Assert.Single(plan.KpiSets.Updated).EffectiveTo);
        Assert.Equal(2, Assert.Single(plan.KpiSets.Added).Version);
    }

    [Fact]
    public void Manager_and_staff_accounts_need_a_staff_code_and_known_codes()
    {
        var files = Files() with
        {
            Accounts =
            [
                At(new AccountRow("m1", Role.Manager, null, null, null), "accounts.csv", 2),
                At(new AccountRow("s9", Role.Staff, "S9", null, null), "accounts.csv", 3),
                At(new AccountRow("hr1", Role.Hr, null, "NOPE", null), "accounts.csv", 4),
                At(new AccountRow("hr1", Role.Hr, null, null, null), "accounts.csv", 5),
            ],
        };

        var problems = Invalid(new OrganisationState(), files);

        Assert.Equal(
        [
            "accounts.csv:2:staff_code: required for the role manager",
            "accounts.csv:3:staff_code: unknown staff member 'S9'",
            "accounts.csv:4:scope_unit_code: unknown unit 'NOPE'",
            "accounts.csv:5:user_name: duplicate: 'hr1' is already on line 4",
        ], problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Accounts_take_the_staff_members_name_and_unit_or_the_province_by_default()
    {
        var files = Files() with
        {
            Accounts =
            [
                At(new AccountRow("s1", Role.Staff, "S1", null, null), "accounts.csv", 2),
                At(new AccountRow("hr1", Role.Hr, "S2", null, null), "accounts.csv", 3),
                At(new AccountRow("api", Role.Integration, null, null, null), "accounts.csv", 4),
            ],
        };

        var plan = Valid(new OrganisationState(), files);

        Assert.Equal(
            [("s1", "Nguyễn Văn S1", "C1"), ("hr1", "Nguyễn Văn S2", "P"), ("api", "api", "P")],
            plan.Accounts.Added.Select(a => (a.UserName, a.DisplayName, a.ScopeUnitCode)));
    }

    [Fact]
    public void A_secondment_to_an_unknown_staff_member_or_unit_is_refused()
    {
        var files = Files() with
        {
            Secondments = [At(new SecondmentRow("S9", new Secondment { ToUnitCode = "C9", From = Start, To = Start }), "secondments.csv", 2)],
        };

        var problems = Invalid(new OrganisationState(), files);

        Assert.Equal(["staff_code", "to_unit_code", "to"], problems.Select(p => p.Column));
    }

    [Fact]
    public void Lineage_to_an_unknown_unit_is_refused()
    {
        var files = Files() with
        {
            Lineage = [At(new UnitLineage { PredecessorCode = "X1", SuccessorCode = "C1", Kind = LineageKind.Merge, EffectiveOn = Start }, "unit_lineage.csv", 2)],
        };

        Assert.Equal("unit_lineage.csv:2:predecessor_code: unknown unit 'X1'", Assert.Single(Invalid(new OrganisationState(), files)).ToString());
    }

    [Fact]
    public void A_row_may_refer_to_a_code_that_the_stored_organisation_already_has()
    {
        var state = Applied(new OrganisationState(), Valid(new OrganisationState(), Files()));

        var plan = Valid(state, new OrganisationRows { Staff = [At(S("S3", "C2"), "staff.csv", 2)] });

        Assert.Equal(new KindSummary(OrganisationRecordKind.Staff, 1, 0, 0, 0), Assert.Single(plan.Summary));
    }

    [Fact]
    public void A_merger_ends_the_former_units_and_adds_the_new_one_with_its_lineage()
    {
        var state = Applied(new OrganisationState(), Valid(new OrganisationState(), Files()));
        var on = new DateOnly(2027, 1, 1);
        var files = new OrganisationRows
        {
            Units =
            [
                At(U("C1", UnitKind.Commune, "P", to: on), "units.csv", 2),
                At(U("C2", UnitKind.Commune, "P", to: on), "units.csv", 3),
                At(U("C9", UnitKind.Commune, "P") with { EffectiveFrom = on }, "units.csv", 4),
            ],
            Lineage =
            [
                At(new UnitLineage { PredecessorCode = "C1", SuccessorCode = "C9", Kind = LineageKind.Merge, EffectiveOn = on }, "unit_lineage.csv", 2),
                At(new UnitLineage { PredecessorCode = "C2", SuccessorCode = "C9", Kind = LineageKind.Merge, EffectiveOn = on }, "unit_lineage.csv", 3),
            ],
        };

        var plan = Valid(state, files);

        Assert.Equal(new KindSummary(OrganisationRecordKind.Units, 1, 0, 2, 0), SummaryOf(plan, OrganisationRecordKind.Units));
        Assert.Equal(new KindSummary(OrganisationRecordKind.UnitLineage, 2, 0, 0, 0), SummaryOf(plan, OrganisationRecordKind.UnitLineage));
        var tree = new OrganisationTree(Applied(state, plan).Units, Applied(state, plan).Lineage);
        Assert.Equal(["C1", "C2", "C9"], tree.SeriesCodesOf("C9").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_move_on_the_same_day_as_the_latest_placement_corrects_it_instead_of_adding_one()
    {
        var day = new DateOnly(2026, 1, 1);
        var first = new OrganisationRows { Staff = [At(S("S3", "C1", from: day), "staff.csv", 2)] };
        var seeded = Applied(new OrganisationState(), Valid(new OrganisationState(), Files()));
        var state = Applied(seeded, Valid(seeded, first));

        var plan = Valid(state, new OrganisationRows { Staff = [At(S("S3", "C2", from: day), "staff.csv", 2)] });

        Assert.Empty(plan.History.Added);
        Assert.Equal(("C2", day), (Assert.Single(plan.History.Updated).UnitCode, plan.History.Updated[0].EffectiveFrom));
    }

    [Fact]
    public void Someone_who_left_and_comes_back_elsewhere_keeps_their_leaving_date_and_starts_a_new_placement()
    {
        var seeded = Applied(new OrganisationState(), Valid(new OrganisationState(), Files()));
        var left = Context.Today.AddDays(5);
        var state = Applied(seeded, Valid(seeded, new OrganisationRows { Staff = [At(S("S1", "C1", to: left), "staff.csv", 2)] }));
        var back = Context.Today.AddMonths(3);

        var plan = Valid(state, new OrganisationRows { Staff = [At(S("S1", "C2", from: back), "staff.csv", 2)] });

        Assert.Empty(plan.History.Updated);
        Assert.Equal(("C2", back, (DateOnly?)null), (Assert.Single(plan.History.Added).UnitCode, plan.History.Added[0].EffectiveFrom, plan.History.Added[0].EffectiveTo));
    }
}
