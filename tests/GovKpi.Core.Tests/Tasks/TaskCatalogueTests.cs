using GovKpi.Core.Evaluation;
using GovKpi.Core.Tasks;

namespace GovKpi.Core.Tests.Tasks;

public class TaskCatalogueTests
{
    private static readonly DateOnly January = new(2026, 1, 1);
    private static readonly DateOnly July = new(2026, 7, 1);

    private static TaskTypeDraft Draft(string code = "VB-01", TaskGroup group = TaskGroup.B, decimal factor = 1.5m, decimal difficulty = 1m,
        DateOnly? from = null, string? approvedBy = null, string agency = "SNV") =>
        new(code, agency, group, "Soạn thảo văn bản", "văn bản", factor, difficulty, from ?? January, approvedBy);

    private static TaskType Created(TaskTypeDraft draft) => TaskCatalogue.Create(draft, []).Added!;

    [Fact]
    public void A_valid_draft_becomes_version_one_open_ended_with_an_audit_entry()
    {
        var change = TaskCatalogue.Create(Draft(), []);

        Assert.True(change.Ok);
        Assert.Equal(1, change.Added!.Version);
        Assert.Null(change.Added.EffectiveTo);
        Assert.Null(change.Ended);
        Assert.Equal(TaskTypeAction.Created, change.Audit!.Action);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_conversion_factor_that_is_not_positive_is_refused_on_its_field(decimal factor)
    {
        var problems = TaskCatalogue.Check(Draft(factor: factor));

        Assert.Equal([TaskTypeFieldProblem.Of("conversionFactor", TaskTypeProblem.FactorNotPositive)], problems);
    }

    [Theory]
    [InlineData(0.4, false)]
    [InlineData(0.5, true)]
    [InlineData(2, true)]
    [InlineData(2.1, false)]
    public void The_difficulty_coefficient_lies_between_half_and_two(decimal difficulty, bool valid)
    {
        var problems = TaskCatalogue.Check(Draft(difficulty: difficulty));

        Assert.Equal(valid, !problems.Contains(TaskTypeFieldProblem.Of("difficulty", TaskTypeProblem.DifficultyOutOfRange)));
    }

    [Fact]
    public void A_group_C_type_without_the_heads_approval_is_refused_on_approvedBy()
    {
        Assert.Equal([TaskTypeFieldProblem.Of("approvedBy", TaskTypeProblem.ApprovalRequired)], TaskCatalogue.Check(Draft(group: TaskGroup.C)));
        Assert.Empty(TaskCatalogue.Check(Draft(group: TaskGroup.C, approvedBy: "Giám đốc Nguyễn Văn A")));
        Assert.Empty(TaskCatalogue.Check(Draft(group: TaskGroup.D)));
    }

    [Fact]
    public void Every_missing_field_is_named()
    {
        var problems = TaskCatalogue.Check(new TaskTypeDraft("bad code!", " ", TaskGroup.A, "", "", 1, 1, January, null));

        Assert.Equal(["code", "agencyCode", "name", "unitOfOutput"], problems.Select(p => p.Field));
    }

    [Fact]
    public void A_code_already_in_the_agencys_catalogue_is_taken()
    {
        var change = TaskCatalogue.Create(Draft(), [Created(Draft())]);

        Assert.Equal([TaskTypeFieldProblem.Of("code", TaskTypeProblem.CodeTaken)], change.Problems);
    }

    [Fact]
    public void A_new_version_from_a_date_ends_the_previous_one_the_day_before()
    {
        var first = Created(Draft());

        var change = TaskCatalogue.NewVersion(Draft(factor: 2m, from: July), [first]);

        Assert.True(change.Ok);
        Assert.Equal(new DateOnly(2026, 6, 30), change.Ended!.EffectiveTo);
        Assert.Equal(2, change.Added!.Version);
        Assert.Equal(first with { EffectiveTo = new DateOnly(2026, 6, 30) }, change.Audit!.Ended);
    }

    [Fact]
    public void A_new_version_cannot_start_on_or_before_the_current_one()
    {
        var first = Created(Draft(from: July));

        var change = TaskCatalogue.NewVersion(Draft(from: July), [first]);

        Assert.Equal([TaskTypeFieldProblem.Of("effectiveFrom", TaskTypeProblem.NotAfterCurrentVersion)], change.Problems);
    }

    [Fact]
    public void A_new_version_of_an_unknown_code_is_refused()
    {
        var change = TaskCatalogue.NewVersion(Draft(), []);

        Assert.Equal([TaskTypeFieldProblem.Of("code", TaskTypeProblem.UnknownTaskType)], change.Problems);
    }

    [Fact]
    public void The_version_that_applies_on_a_day_is_the_one_in_force_then()
    {
        var first = Created(Draft());
        var change = TaskCatalogue.NewVersion(Draft(factor: 2m, from: July), [first]);
        TaskType[] versions = [change.Ended!, change.Added!];

        Assert.Null(TaskCatalogue.InForce(versions, new DateOnly(2025, 12, 31)));
        Assert.Equal(1, TaskCatalogue.InForce(versions, new DateOnly(2026, 6, 30))!.Version);
        Assert.Equal(2, TaskCatalogue.InForce(versions, July)!.Version);
    }

    [Fact]
    public void A_quantity_converts_to_standard_products_by_factor_and_difficulty()
    {
        var type = Created(Draft(factor: 1.5m, difficulty: 1.2m));

        Assert.Equal(9m, type.StandardProducts(5m));
    }

    [Fact]
    public void The_conversion_table_prefers_the_agencys_own_version_to_the_provinces_and_ignores_other_agencies()
    {
        TaskType[] catalogue =
        [
            Created(Draft(code: "VB-01", factor: 1m, agency: "T01")),
            Created(Draft(code: "VB-01", factor: 3m, agency: "SNV")),
            Created(Draft(code: "HS-02", factor: 2m, difficulty: 0.5m, agency: "T01")),
            Created(Draft(code: "XD-03", factor: 4m, agency: "SXD")),
        ];

        var conversion = TaskCatalogue.ConversionOn(catalogue, "SNV", "T01", July);

        Assert.Equal(3m, conversion.CoefficientOf(new AssignedTask("t1", "VB-01", 1, 1)));
        Assert.Equal(1m, conversion.CoefficientOf(new AssignedTask("t2", "HS-02", 1, 1)));
        Assert.False(conversion.CoefficientByTaskType.ContainsKey("XD-03"));
    }
}

public class TaskCatalogueImportTests
{
    private static readonly DateOnly January = new(2026, 1, 1);
    private static readonly DateOnly July = new(2026, 7, 1);

    private static TaskTypeDraft Row(string code, decimal factor = 1m, DateOnly? from = null, TaskGroup group = TaskGroup.B) =>
        new(code, "SNV", group, "Thẩm định hồ sơ", "hồ sơ", factor, 1m, from ?? January, null);

    [Fact]
    public void Rows_add_types_and_a_later_row_of_the_same_code_adds_a_version_ending_the_first()
    {
        var result = TaskCatalogue.Import([Row("A"), Row("B"), Row("A", factor: 2m, from: July)], []);

        Assert.Empty(result.Problems);
        Assert.Equal([("A", 1, (DateOnly?)null), ("B", 1, null), ("A", 2, null)], result.Changes.Select(c => (c.Added!.Code, c.Added.Version, c.Added.EffectiveTo)));
        Assert.Equal(new DateOnly(2026, 6, 30), result.Changes[2].Ended!.EffectiveTo);
    }

    [Fact]
    public void Importing_the_same_file_again_changes_nothing()
    {
        var first = TaskCatalogue.Import([Row("A"), Row("A", factor: 2m, from: July)], []);
        var stored = first.Changes.SelectMany(c => new[] { c.Ended, c.Added }).OfType<TaskType>()
            .GroupBy(t => t.Version).Select(g => g.Last()).ToList();

        var again = TaskCatalogue.Import([Row("A"), Row("A", factor: 2m, from: July)], stored);

        Assert.Empty(again.Problems);
        Assert.Empty(again.Changes);
    }

    [Fact]
    public void One_invalid_row_stops_the_whole_file_and_names_its_index_and_field()
    {
        var result = TaskCatalogue.Import([Row("A"), Row("C", group: TaskGroup.C)], []);

        Assert.Empty(result.Changes);
        Assert.Equal([new TaskTypeRowProblem(1, TaskTypeFieldProblem.Of("approvedBy", TaskTypeProblem.ApprovalRequired))], result.Problems);
    }
}
