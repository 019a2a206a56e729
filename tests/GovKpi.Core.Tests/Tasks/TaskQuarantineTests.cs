using GovKpi.Core.Tasks;

namespace GovKpi.Core.Tests.Tasks;

public class TaskQuarantineTests
{
    private static readonly Dictionary<string, TaskPlace> Places = new() { ["S1"] = TaskKit.S1 };
    private static readonly TaskActor Hr = new("hr", GovKpi.Core.Access.Role.Hr, null, new HashSet<string> { "KH", "SNV", "SNV-TC" });

    private static Dictionary<string, string?> Fields(string quantity = "abc") => new()
    {
        ["source"] = "eoffice", ["external_id"] = "VB-9", ["version"] = "1", ["staff_code"] = "S1", ["quantity"] = quantity,
    };

    private static RefusedTaskRow Refused(string location = "vpdt.csv:2", string quantity = "abc") =>
        new(location, Fields(quantity), [new TaskRowReason("quantity", null, "not a number")], "SNV-TC");

    private static QuarantinedTask Open() => Assert.Single(TaskQuarantine.Admit([Refused()], [], Hr, TaskKit.Monday));

    [Fact]
    public void A_refused_row_is_kept_with_its_location_fields_and_reasons()
    {
        var row = Open();

        Assert.Equal(("vpdt.csv:2", "abc", QuarantinedTaskStatus.Open, "hr"), (row.Location, row.Fields["quantity"], row.Status, row.ImportedBy));
        Assert.Equal("quantity", Assert.Single(row.Reasons).Column);
    }

    [Fact]
    public void A_row_received_before_with_the_same_fields_is_not_kept_twice_wherever_it_stands_and_even_once_discarded()
    {
        var open = Open();
        var discarded = Open();
        TaskQuarantine.Discard(discarded, Hr, TaskKit.Monday);

        var again = TaskQuarantine.Admit([Refused("vpdt.csv:7"), Refused("vpdt.csv:8", quantity: "x")], [open], Hr, TaskKit.Monday);
        var afterDiscard = TaskQuarantine.Admit([Refused()], [discarded], Hr, TaskKit.Monday);

        Assert.Equal("x", Assert.Single(again).Fields["quantity"]);
        Assert.Empty(afterDiscard);
    }

    [Fact]
    public void A_corrected_row_that_passes_the_rules_lands_and_closes_the_row_audited()
    {
        var row = Open();
        var task = new ImportedTask("eoffice", "VB-9", 1, "S1", TaskKit.Order(), new DateOnly(2026, 11, 2), null);
        var plan = TaskImport.Plan([task], Places, [], TaskKit.Catalogue, Hr, TaskKit.Monday);

        var done = TaskQuarantine.Resubmit(row, Fields("4"), [], plan, "SNV-TC", Hr, TaskKit.Monday);

        Assert.True(done.Landed);
        Assert.Equal((QuarantinedTaskStatus.Imported, "eoffice:VB-9", "hr"), (row.Status, row.TaskId, row.ResolvedBy));
        Assert.Equal([TaskQuarantine.Resubmitted, TaskActions.Imported], done.Audit.Select(a => a.Action));
        Assert.Equal("eoffice:VB-9", Assert.Single(done.Plan!.Added).Id);
    }

    [Fact]
    public void A_corrected_row_still_wrong_stays_open_with_its_new_reasons_and_the_corrected_fields()
    {
        var row = Open();
        var task = new ImportedTask("eoffice", "VB-9", 1, "S9", TaskKit.Order(), new DateOnly(2026, 11, 2), null);
        var plan = TaskImport.Plan([task], Places, [], TaskKit.Catalogue, Hr, TaskKit.Monday);

        var done = TaskQuarantine.Resubmit(row, Fields("4"), [], plan, null, Hr, TaskKit.Monday);

        Assert.False(done.Landed);
        Assert.Null(done.Plan);
        Assert.Equal((QuarantinedTaskStatus.Open, "4", "abc"), (row.Status, row.Fields["quantity"], row.Received["quantity"]));
        Assert.Equal(("staff_code", "Tasks.Error.UnknownStaff"), (Assert.Single(row.Reasons).Column, row.Reasons[0].Code));
        Assert.Equal(TaskQuarantine.Resubmitted, Assert.Single(done.Audit).Action);
    }

    [Fact]
    public void A_discarded_row_is_closed_and_audited_under_its_quarantine_id()
    {
        var row = Open();

        var entry = TaskQuarantine.Discard(row, Hr, TaskKit.Monday);

        Assert.Equal((QuarantinedTaskStatus.Discarded, "hr"), (row.Status, row.ResolvedBy));
        Assert.Equal((TaskQuarantine.Discarded, "quarantine:0"), (entry.Action, entry.TaskId));
    }

    [Fact]
    public void Those_who_may_import_for_the_unit_see_the_row_and_a_row_of_unknown_staff_only_its_importer()
    {
        var row = Open();
        var unknown = Assert.Single(TaskQuarantine.Admit([Refused() with { UnitCode = null }], [], Hr, TaskKit.Monday));
        var otherHr = Hr with { UserName = "hr2" };

        Assert.Equal((true, false), (TaskQuarantine.Visible(row, TaskKit.OtherManager with { Scope = new HashSet<string> { "SNV-TC" } }), TaskQuarantine.Visible(row, TaskKit.OtherManager)));
        Assert.Equal((true, false), (TaskQuarantine.Visible(unknown, Hr), TaskQuarantine.Visible(unknown, otherHr)));
    }
}
