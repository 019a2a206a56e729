using GovKpi.Core.Access;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovKpi.Web.Features.DelegatedTasks;

/// <summary>
/// <c>/delegated-tasks/task?code=…</c>: one task with each unit's progress, its reports with their
/// evidence, its extensions and inspections, and the forms to report, extend, hand on, record an
/// inspection and close a follow-up (each shown to the roles that may use it).
/// </summary>
[Authorize(Roles = $"{Roles.Manager},{Roles.Hr},{Roles.Leader},{Roles.Auditor}")]
public sealed class TaskModel(GovKpiDbContext db, DelegatedTaskRegistry registry) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public DelegatedTaskResponse Item { get; private set; } = null!;
    public IReadOnlyList<Unit> Communes { get; private set; } = [];
    /// <summary>Which form was posted and refused, with its messages by field.</summary>
    public string? Posted { get; private set; }
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public IReadOnlyList<string> MyUnits { get; private set; } = [];

    public bool MayReport => DelegatedTaskEndpoints.Reporters.Any(User.IsInRole);
    public bool MayChange => DelegatedTaskEndpoints.Registrars.Any(User.IsInRole);
    public bool MayInspect => DelegatedTaskEndpoints.Inspectors.Any(User.IsInRole);

    public IReadOnlyList<string> ErrorsOf(string form) => Posted == form ? [.. Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))] : [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostReportAsync(CancellationToken ct)
    {
        if (!MayReport)
        {
            return Forbid();
        }

        var (user, scope) = await CallerAsync(ct);
        var (request, evidence) = await DelegatedTaskEndpoints.ReadReportAsync(Request, ct);
        return await AfterAsync("report", await registry.ReportAsync(Code ?? "", request, evidence, user, scope, ct), ct);
    }

    public async Task<IActionResult> OnPostExtendAsync(string? due_on, string? reason, CancellationToken ct)
    {
        if (!MayChange)
        {
            return Forbid();
        }

        var (user, scope) = await CallerAsync(ct);
        return await AfterAsync("extend", await registry.ExtendAsync(Code ?? "", new ExtendRequest(due_on, reason), user, scope, ct), ct);
    }

    public async Task<IActionResult> OnPostHandOnAsync(string[]? commune_codes, CancellationToken ct)
    {
        if (!MayChange)
        {
            return Forbid();
        }

        var (user, scope) = await CallerAsync(ct);
        return await AfterAsync("hand-on", await registry.HandOnAsync(Code ?? "", new HandOnRequest(commune_codes ?? []), user, scope, ct), ct);
    }

    public async Task<IActionResult> OnPostInspectAsync(string? kind, string? inspector, string? on, string? finding, string? follow_up, string? follow_up_due_on,
        CancellationToken ct)
    {
        if (!MayInspect)
        {
            return Forbid();
        }

        IReadOnlyList<FindingRequest> findings = string.IsNullOrWhiteSpace(finding) ? [] :
            [new FindingRequest(finding, string.IsNullOrWhiteSpace(follow_up) ? [] : [new FollowUpRequest(follow_up, follow_up_due_on)])];
        var (user, scope) = await CallerAsync(ct);
        return await AfterAsync("inspect", await registry.InspectAsync(Code ?? "", new InspectionRequest(kind, inspector, on, findings), user, scope, ct), ct);
    }

    public async Task<IActionResult> OnPostCloseAsync(int number, int finding, int follow_up, string? note, CancellationToken ct)
    {
        if (!MayInspect)
        {
            return Forbid();
        }

        var (user, scope) = await CallerAsync(ct);
        return await AfterAsync("close", await registry.CloseFollowUpAsync(Code ?? "", number, new CloseFollowUpRequest(finding, follow_up, null, note), user, scope, ct), ct);
    }

    private async Task<(CurrentUser User, UnitScope Scope)> CallerAsync(CancellationToken ct)
    {
        var user = CurrentUser.From(User);
        return (user, await UnitScope.LoadAsync(db, user, ct));
    }

    private async Task<IActionResult> AfterAsync<T>(string form, RegistryResult<T> result, CancellationToken ct)
    {
        switch (result.Refusal)
        {
            case RegistryRefusal.None:
                return Redirect(DelegatedTaskRegistry.Link(Code ?? ""));
            case RegistryRefusal.NotFound:
                return NotFound();
            case RegistryRefusal.Forbidden:
                return Forbid();
        }

        Posted = form;
        Errors = result.Errors;
        return await LoadAsync(ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var (_, scope) = await CallerAsync(ct);
        var read = await registry.ReadAsync(Code ?? "", scope, ct);
        if (read.Refusal != RegistryRefusal.None)
        {
            return read.Refusal == RegistryRefusal.Forbidden ? Forbid() : NotFound();
        }

        Item = read.Value!;
        MyUnits = [.. Item.Units.Select(u => u.UnitCode).Where(scope.Contains)];
        Communes = [.. scope.Tree.Units.Where(u => u.Kind == UnitKind.Commune && u.EffectiveTo is null && scope.Contains(u.Code)
            && Item.Units.Any(r => scope.Tree.IsWithin(u.Code, r.UnitCode))).OrderBy(u => u.NameVi, StringComparer.Ordinal)];
        return null;
    }
}
