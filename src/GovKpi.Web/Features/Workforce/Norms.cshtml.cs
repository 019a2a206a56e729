using System.Globalization;
using GovKpi.Core.Access;
using GovKpi.Core.Workforce;
using GovKpi.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Workforce;

/// <summary>
/// One position's row of the norm form: empty fields mean the default norm. <see cref="Shown"/> is
/// the stored norm (or the default) as a reader without the form sees it, in the request's culture.
/// </summary>
public sealed record NormRow(string PositionCode, string PositionName, string Dossiers, string Products)
{
    public (string Dossiers, string Products) Shown { get; init; }
}

/// <summary>One row of a skill table form: a position or procedure code and the skill it requires.</summary>
public sealed record SkillRow(string Code, string Skill);

/// <summary>
/// <c>/workforce/norms</c>: the workload norm per position, the skills each position requires and
/// the procedure → skill table. Readers see them; HR edits them through the same desk and Core
/// rules as <c>PUT /api/workforce/norms|requirements</c>, each table replaced as a whole.
/// </summary>
[Authorize(Roles = $"{Roles.Manager},{Roles.Hr},{Roles.Leader}")]
public sealed class NormsModel(GovKpiDbContext db, WorkforceDesk desk, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Empty rows below the stored ones of a skill table, for adding.</summary>
    public const int EmptyRows = 3;

    public IReadOnlyList<NormRow> Norms { get; private set; } = [];
    public IReadOnlyList<SkillRow> Positions { get; private set; } = [];
    public IReadOnlyList<SkillRow> Procedures { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> PositionChoices { get; private set; } = [];

    /// <summary>Messages keyed by the form's own field names (<c>norms[3].dossiers_per_day</c>, <c>positions[0].skill</c>).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    [BindProperty(SupportsGet = true)]
    public string? Saved { get; set; }

    public bool MayEdit => User.IsInRole(Roles.Hr);

    public string[] ErrorsOf(string field) => Errors.TryGetValue(field, out var found) ? found : [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var choices = await ChoicesAsync(ct);
        var stored = (await desk.NormsAsync(ct)).ToDictionary(n => n.PositionCode, StringComparer.Ordinal);
        Norms = [.. choices.Select(c => stored.TryGetValue(c.Code, out var n)
            ? new NormRow(c.Code, c.Name, Number(n.DossiersPerDay), Number(n.StandardProductsPerDay)) { Shown = (Shown(n.DossiersPerDay), Shown(n.StandardProductsPerDay)) }
            : new NormRow(c.Code, c.Name, "", "") { Shown = (Shown(WorkloadNorms.DefaultDossiersPerDay), Shown(WorkloadNorms.DefaultStandardProductsPerDay)) })];
        var (positions, procedures) = await desk.RequirementsAsync(ct);
        Positions = [.. positions.Select(p => new SkillRow(p.PositionCode, p.Skill)), .. Enumerable.Repeat(new SkillRow("", ""), EmptyRows)];
        Procedures = [.. procedures.Select(p => new SkillRow(p.ProcedureCode, p.Skill)), .. Enumerable.Repeat(new SkillRow("", ""), EmptyRows)];
    }

    public async Task<IActionResult> OnPostNormsAsync(string[]? position_code, string[]? dossiers_per_day, string[]? standard_products_per_day, CancellationToken ct)
    {
        if (!MayEdit)
        {
            return Forbid();
        }

        var choices = await ChoicesAsync(ct);
        var names = choices.ToDictionary(c => c.Code, c => c.Name, StringComparer.Ordinal);
        var codes = position_code ?? [];
        var rows = codes.Select((_, i) => At(codes, i)).Select((code, i) => new NormRow(code, names.GetValueOrDefault(code, code), At(dossiers_per_day, i), At(standard_products_per_day, i))).ToList();
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var norms = new List<WorkloadNorm>();
        var rowOf = new List<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Dossiers.Length == 0 && rows[i].Products.Length == 0)
            {
                continue;
            }

            var dossiers = Parse(rows[i].Dossiers, $"norms[{i}].dossiers_per_day", WorkloadNorms.DefaultDossiersPerDay, errors);
            var products = Parse(rows[i].Products, $"norms[{i}].standard_products_per_day", WorkloadNorms.DefaultStandardProductsPerDay, errors);
            norms.Add(new WorkloadNorm { PositionCode = rows[i].PositionCode, DossiersPerDay = dossiers, StandardProductsPerDay = products });
            rowOf.Add(i);
        }

        if (errors.Count == 0)
        {
            var result = await desk.ReplaceNormsAsync(norms, ct);
            if (result.Refusal == DeskRefusal.None)
            {
                return RedirectToPage(new { saved = "norms" });
            }

            AddMoved(errors, result.Errors, "norms", rowOf);
        }

        await OnGetAsync(ct);
        Norms = rows;
        return Refused(errors);
    }

    public async Task<IActionResult> OnPostPositionsAsync(string[]? code, string[]? skill, int[]? remove, CancellationToken ct)
    {
        if (!MayEdit)
        {
            return Forbid();
        }

        var (rows, kept, rowOf) = Rows(code, skill, remove);
        var (_, procedures) = await desk.RequirementsAsync(ct);
        var result = await desk.ReplaceRequirementsAsync([.. kept.Select(r => new PositionSkill(r.Code, r.Skill))], procedures, ct);
        if (result.Refusal == DeskRefusal.None)
        {
            return RedirectToPage(new { saved = "positions" });
        }

        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        AddMoved(errors, result.Errors, "positions", rowOf);
        await OnGetAsync(ct);
        Positions = rows;
        return Refused(errors);
    }

    public async Task<IActionResult> OnPostProceduresAsync(string[]? code, string[]? skill, int[]? remove, CancellationToken ct)
    {
        if (!MayEdit)
        {
            return Forbid();
        }

        var (rows, kept, rowOf) = Rows(code, skill, remove);
        var (positions, _) = await desk.RequirementsAsync(ct);
        var result = await desk.ReplaceRequirementsAsync(positions, [.. kept.Select(r => new ProcedureSkill(r.Code, r.Skill))], ct);
        if (result.Refusal == DeskRefusal.None)
        {
            return RedirectToPage(new { saved = "procedures" });
        }

        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        AddMoved(errors, result.Errors, "procedures", rowOf);
        await OnGetAsync(ct);
        Procedures = rows;
        return Refused(errors);
    }

    private PageResult Refused(Dictionary<string, List<string>> errors)
    {
        Errors = errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
        Saved = null;
        HttpContext.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>The form's rows as typed, those kept (not empty, not ticked for removal) and the form row of each kept one.</summary>
    private static (List<SkillRow> Rows, List<SkillRow> Kept, List<int> RowOf) Rows(string[]? code, string[]? skill, int[]? remove)
    {
        var codes = code ?? [];
        var removed = (remove ?? []).ToHashSet();
        var rows = codes.Select((_, i) => new SkillRow(At(codes, i), At(skill, i))).ToList();
        var kept = new List<SkillRow>();
        var rowOf = new List<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (removed.Contains(i) || (rows[i].Code.Length == 0 && rows[i].Skill.Length == 0))
            {
                continue;
            }

            kept.Add(rows[i]);
            rowOf.Add(i);
        }

        return (rows, kept, rowOf);
    }

    /// <summary>The desk's messages keyed by the list it was given, moved to the rows of the form they came from.</summary>
    private static void AddMoved(Dictionary<string, List<string>> errors, IReadOnlyDictionary<string, string[]>? found, string list, List<int> rowOf)
    {
        foreach (var (key, messages) in found ?? new Dictionary<string, string[]>())
        {
            var field = key;
            var prefix = list + "[";
            if (key.StartsWith(prefix, StringComparison.Ordinal) && key.IndexOf(']', prefix.Length) is var end and > 0
                && int.TryParse(key.AsSpan(prefix.Length, end - prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k < rowOf.Count)
            {
                field = $"{list}[{rowOf[k]}]{key[(end + 1)..]}";
            }

            if (!errors.TryGetValue(field, out var into))
            {
                errors[field] = into = [];
            }

            into.AddRange(messages);
        }
    }

    private decimal Parse(string text, string field, decimal fallback, Dictionary<string, List<string>> errors)
    {
        if (text.Length == 0)
        {
            return fallback;
        }

        // Vietnamese writes a decimal comma; the form accepts both.
        if (decimal.TryParse(text.Replace(',', '.'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[field] = [l["Workforce.Problem.Number"]];
        return fallback;
    }

    private async Task<List<(string Code, string Name)>> ChoicesAsync(CancellationToken ct)
    {
        var vietnamese = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "vi";
        var positions = await db.JobPositions.AsNoTracking().OrderBy(p => p.Code).ToListAsync(ct);
        PositionChoices = [.. positions.Select(p => (p.Code, vietnamese ? p.NameVi : p.NameEn))];
        return [.. PositionChoices];
    }

    private static string At(string[]? values, int i) => values is not null && i < values.Length ? values[i]?.Trim() ?? "" : "";

    /// <summary>A norm as the form's field holds it.</summary>
    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A norm as people read it (vi-VN: 1,5).</summary>
    public static string Shown(decimal value) => value.ToString("0.##", CultureInfo.CurrentCulture);
}
