using GovKpi.Core.Organisation;
using GovKpi.Core.Tasks;

namespace GovKpi.Core.DemoProvince;

/// <summary>
/// The demo province's task catalogue (Khánh Hòa's groups): a province-wide list of leadership (A),
/// shared professional (B) and other (D) work, and for every commune its own group C type — the
/// one-stop intake its chairman approved — so that a manager of the demo can assign tasks at once.
/// </summary>
internal static class DemoTaskCatalogue
{
    private static readonly DateOnly From = new(2025, 7, 1);

    /// <summary>The catalogue as HR would import it: through <see cref="TaskCatalogue.Import"/>, so every type passes its rules.</summary>
    public static IReadOnlyList<TaskType> For(Unit province, IEnumerable<Unit> units)
    {
        var imported = TaskCatalogue.Import(Drafts(province, units), []);
        return imported.Problems.Count > 0
            ? throw new InvalidOperationException($"The demo task catalogue breaks a rule: {imported.Problems[0].Problem.Code} (row {imported.Problems[0].Index}).")
            : [.. imported.Changes.Select(c => c.Added!)];
    }

    private static List<TaskTypeDraft> Drafts(Unit province, IEnumerable<Unit> units)
    {
        var types = new List<TaskTypeDraft>
        {
            Type("A01", province.Code, TaskGroup.A, "Chỉ đạo, điều hành, kiểm tra công việc của đơn vị", "tuần", 2m, 1m),
            Type("B01", province.Code, TaskGroup.B, "Soạn thảo văn bản hành chính", "văn bản", 1m, 1m),
            Type("B02", province.Code, TaskGroup.B, "Báo cáo định kỳ, báo cáo chuyên đề", "báo cáo", 2m, 1m),
            Type("B03", province.Code, TaskGroup.B, "Tham mưu dự thảo văn bản quy phạm pháp luật", "dự thảo", 8m, 1.5m),
            Type("B04", province.Code, TaskGroup.B, "Tổ chức hội nghị, cuộc họp", "cuộc họp", 3m, 1m),
            Type("D01", province.Code, TaskGroup.D, "Nhiệm vụ đột xuất khác được giao", "việc", 1m, 1m),
        };
        foreach (var commune in units.Where(u => u.Kind == UnitKind.Commune && u.IsActiveOn(From)).OrderBy(u => u.Code, StringComparer.Ordinal))
        {
            types.Add(Type("C01", commune.Code, TaskGroup.C, "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính tồn đọng", "hồ sơ", 0.1m, 1m,
                $"Chủ tịch UBND {commune.NameVi}"));
        }

        return types;
    }

    private static TaskTypeDraft Type(string code, string agency, TaskGroup group, string name, string unit, decimal factor, decimal difficulty, string? approvedBy = null) =>
        new(code, agency, group, name, unit, factor, difficulty, From, approvedBy);
}
