using GovKpi.Core.DelegatedTasks;
using GovKpi.Data.Files;

namespace GovKpi.Cli.Tests.Files;

public class DelegatedTaskListFileTests
{
    private static Dictionary<string, string?> Row(params (string Column, string? Text)[] changes)
    {
        var row = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["code"] = "BXD-2025-07", ["title"] = "Cấp giấy phép xây dựng", ["source_body"] = "Bộ Xây dựng",
            ["legal_basis"] = "Nghị định 133/2025/NĐ-CP", ["kind"] = "decentralised", ["from_level"] = "ministry", ["to_level"] = "province",
            ["receiving_unit_codes"] = "SXD; SNV", ["start_on"] = "2025-07-01", ["due_on"] = "2025-12-31", ["report_rhythm"] = "quarterly",
        };
        foreach (var (column, text) in changes)
        {
            row[column] = text;
        }

        return row;
    }

    [Fact]
    public void A_ministry_task_list_row_becomes_a_task_with_its_several_receiving_units()
    {
        var task = DelegatedTaskListFile.Parse(Row(), out var problems);

        Assert.Empty(problems);
        Assert.Equal(("BXD-2025-07", DelegationKind.Decentralised, GovernmentLevel.Ministry, GovernmentLevel.Province, ReportRhythm.Quarterly),
            (task!.Code, task.Kind, task.FromLevel, task.ToLevel, task.ReportRhythm));
        Assert.Equal(["SXD", "SNV"], task.ReceivingUnitCodes);
        Assert.Equal((new DateOnly(2025, 7, 1), new DateOnly(2025, 12, 31)), (task.StartOn, task.DueOn));
    }

    [Fact]
    public void An_exported_task_reads_back_as_the_same_task_through_the_same_columns()
    {
        var task = DelegatedTaskListFile.Parse(Row(("report_rhythm", "half_yearly"), ("kind", "authorised")), out _)!;

        var fields = DelegatedTaskListFile.Fields(task);
        var again = DelegatedTaskListFile.Parse(fields, out var problems);

        Assert.Empty(problems);
        Assert.Equal(DelegatedTaskListFile.Columns.Select(c => c.Name), fields.Keys);
        Assert.Equal("SXD;SNV", fields["receiving_unit_codes"]);
        Assert.Equal(task with { ReceivingUnitCodes = again!.ReceivingUnitCodes }, again);
        Assert.Equal(task.ReceivingUnitCodes, again.ReceivingUnitCodes);
    }

    [Fact]
    public void Every_bad_field_of_a_row_is_reported_at_its_column()
    {
        var task = DelegatedTaskListFile.Parse(
            Row(("title", " "), ("kind", "phân cấp"), ("to_level", "district"), ("receiving_unit_codes", "SXD;SXD"), ("due_on", "31/12/2025"), ("report_rhythm", "weekly")),
            out var problems);

        Assert.Null(task);
        Assert.Equal(["title", "kind", "to_level", "receiving_unit_codes", "due_on", "report_rhythm"], problems.Select(p => p.Column));
        Assert.Contains("SXD", problems[3].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_without_receiving_units_is_refused_at_that_column()
    {
        DelegatedTaskListFile.Parse(Row(("receiving_unit_codes", " ; ")), out var problems);

        Assert.Equal(["receiving_unit_codes"], problems.Select(p => p.Column));
    }
}
