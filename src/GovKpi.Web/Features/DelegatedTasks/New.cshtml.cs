using GovKpi.Core.Access;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovKpi.Web.Features.DelegatedTasks;

/// <summary><c>/delegated-tasks/new</c>: the form that registers one task (the fields of the ministry list).</summary>
[Authorize(Roles = $"{Roles.Hr},{Roles.Leader}")]
public sealed class NewModel(GovKpiDbContext db, DelegatedTaskRegistry registry) : PageModel
{
    public IReadOnlyList<Unit> Units { get; private set; } = [];
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public RegisterTaskRequest Posted { get; private set; } = new(null, null, null, null, "decentralised", "ministry", "commune", [], null, null, "quarterly");

    public async Task OnGetAsync(CancellationToken ct) => Units = await UnitsAsync(ct);

    public async Task<IActionResult> OnPostAsync(RegisterTaskForm form, CancellationToken ct)
    {
        var user = CurrentUser.From(User);
        Posted = new(form.Code, form.Title, form.Source_body, form.Legal_basis, form.Kind, form.From_level, form.To_level,
            form.Receiving_unit_codes ?? [], form.Start_on, form.Due_on, form.Report_rhythm);
        var result = await registry.RegisterAsync(Posted, user, await UnitScope.LoadAsync(db, user, ct), ct);
        if (result.Refusal == RegistryRefusal.None)
        {
            return Redirect(DelegatedTaskRegistry.Link(result.Value!.Task.Code));
        }

        if (result.Refusal == RegistryRefusal.Forbidden)
        {
            return Forbid();
        }

        Errors = result.Errors;
        Units = await UnitsAsync(ct);
        return Page();
    }

    /// <summary>The units in force today in the caller's scope that can receive a task: the province, its agencies and communes.</summary>
    private async Task<IReadOnlyList<Unit>> UnitsAsync(CancellationToken ct)
    {
        var scope = await UnitScope.LoadAsync(db, CurrentUser.From(User), ct);
        return [.. scope.Tree.Units.Where(u => scope.Contains(u.Code) && u.EffectiveTo is null && u.Kind is UnitKind.Province or UnitKind.Agency or UnitKind.Commune)
            .OrderBy(u => u.Kind).ThenBy(u => u.NameVi, StringComparer.Ordinal)];
    }

    public IReadOnlyList<string> ErrorsOf(string field) =>
        [.. Errors.Where(e => e.Key == field || e.Key.StartsWith(field + "[", StringComparison.Ordinal)).SelectMany(e => e.Value)];
}

/// <summary>The form's fields, named as the file's columns.</summary>
public sealed record RegisterTaskForm(string? Code, string? Title, string? Source_body, string? Legal_basis, string? Kind, string? From_level,
    string? To_level, string[]? Receiving_unit_codes, string? Start_on, string? Due_on, string? Report_rhythm);
