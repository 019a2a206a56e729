using GovKpi.Core.Tasks;

namespace GovKpi.Core.Tests.Tasks;

public class TaskImportTests
{
    private static readonly Dictionary<string, TaskPlace> Places = new() { ["S1"] = TaskKit.S1, ["S2"] = TaskKit.S2 };
    private static readonly TaskActor Hr = new("hr", GovKpi.Core.Access.Role.Hr, null, new HashSet<string> { "KH", "SNV", "SNV-TC" });

    private static ImportedTask Row(string id = "VB-001", int version = 1, string staff = "S1", decimal quantity = 4, string type = "HS") =>
        new("eoffice", id, version, staff, TaskKit.Order(type: type, quantity: quantity), new DateOnly(2026, 11, 2), "Trưởng phòng");

    private static TaskImportPlan Plan(IReadOnlyList<TaskAssignment> existing, params ImportedTask[] rows) =>
        TaskImport.Plan(rows, Places, existing, TaskKit.Catalogue, Hr, TaskKit.Monday);

    [Fact]
    public void A_new_row_adds_a_task_named_by_source_and_external_id()
    {
        var plan = Plan([], Row());

        var task = Assert.Single(plan.Added);
        Assert.Equal(("eoffice:VB-001", "eoffice", 1, "Trưởng phòng", 2), (task.Id, task.Source, task.SourceVersion, task.AssignedBy, task.TaskTypeVersion));
        Assert.Equal(TaskActions.Imported, Assert.Single(plan.Audit).Action);
    }

    [Fact]
    public void Importing_the_same_rows_again_changes_nothing()
    {
        var first = Plan([], Row(), Row("VB-002"));

        var again = Plan(first.Added, Row(), Row("VB-002"));

        Assert.Equal((0, 0, 2), (again.Added.Count, again.Replaced.Count, again.Unchanged));
        Assert.Empty(again.Audit);
    }

    [Fact]
    public void A_higher_version_replaces_the_terms_and_keeps_the_progress_and_a_lower_one_is_skipped()
    {
        var task = Assert.Single(Plan([], Row(version: 2)).Added);
        task.QuantityDone = 1;

        var older = Plan([task], Row(version: 1, quantity: 9));
        var newer = Plan([task], Row(version: 3, quantity: 6));

        Assert.Equal((0, 1), (older.Replaced.Count, older.Unchanged));
        Assert.Same(task, Assert.Single(newer.Replaced));
        Assert.Equal((3, 6m, 1m), (task.SourceVersion, task.Quantity, task.QuantityDone));
        Assert.Equal(TaskActions.Reimported, Assert.Single(newer.Audit).Action);
    }

    [Fact]
    public void The_same_version_with_other_content_is_a_conflict_in_the_file_or_against_the_stored_task()
    {
        var stored = Assert.Single(Plan([], Row()).Added);

        var inFile = Plan([], Row(), Row(quantity: 5));
        var againstStored = Plan([stored], Row(quantity: 5));

        Assert.Equal(new TaskRowProblem(1, new TaskProblem("version", "Tasks.Error.VersionConflict")), Assert.Single(inFile.Problems));
        Assert.Equal(4, Assert.Single(inFile.Added).Quantity);
        Assert.Equal(new TaskRowProblem(0, new TaskProblem("version", "Tasks.Error.VersionConflict")), Assert.Single(againstStored.Problems));
    }

    [Fact]
    public void A_bad_row_is_refused_alone_with_problems_at_its_columns_and_the_good_rows_land()
    {
        var plan = Plan([], Row(), Row("VB-002", staff: "S9"), Row("VB-003", quantity: 0, type: "NONE"), Row("VB 4"));

        Assert.Equal("eoffice:VB-001", Assert.Single(plan.Added).Id);
        Assert.Equal([(1, "staff_code"), (2, "quantity"), (2, "task_type"), (3, "external_id")],
            plan.Problems.Select(p => (p.Index, p.Problem.Field)));
    }

    [Fact]
    public void A_staff_member_outside_the_importers_scope_is_refused()
    {
        var manager = TaskKit.OtherManager;

        var plan = TaskImport.Plan([Row()], Places, [], TaskKit.Catalogue, manager, TaskKit.Monday);

        Assert.Equal("Tasks.Error.OutsideScope", Assert.Single(plan.Problems).Problem.Code);
    }

    [Fact]
    public void An_integration_account_imports_for_the_units_of_its_scope()
    {
        var eoffice = new TaskActor("eoffice", GovKpi.Core.Access.Role.Integration, null, new HashSet<string> { "SNV-TC" });

        var plan = TaskImport.Plan([Row()], Places, [], TaskKit.Catalogue, eoffice, TaskKit.Monday);

        Assert.True(plan.Ok);
        Assert.Equal("eoffice", Assert.Single(plan.Audit).Actor);
    }
}
