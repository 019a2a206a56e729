using System.Globalization;
using GovKpi.Core.Access;
using GovKpi.Core.Alerts;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.Evaluation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovKpi.Web.Features.Alerts;

/// <summary>
/// <c>/alerts</c>: the caller's own alerts; for managers, HR, leaders and auditors the alerts of
/// each unit in scope, vacant posts included; the warning ladder, which HR edits.
/// </summary>
[Authorize]
public sealed class IndexModel(GovKpiDbContext db, AlertDesk desk, AlertEvaluation evaluation) : PageModel
{
    public static readonly RecipientRole[] Recipients = [RecipientRole.Handler, RecipientRole.DivisionHead, RecipientRole.AgencyHead];

    public IReadOnlyList<AlertResponse> Mine { get; private set; } = [];
    public IReadOnlyList<IGrouping<string, AlertResponse>> ByUnit { get; private set; } = [];
    /// <summary>Posts nobody holds that open alerts are addressed to: whom to appoint so that warnings reach a person.</summary>
    public IReadOnlyList<(string Role, string Unit, int Alerts)> Vacancies { get; private set; } = [];
    public bool SeesUnits { get; private set; }
    public bool EditsPolicy { get; private set; }
    public AlertPolicyResponse Policy { get; private set; } = null!;
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public int? Evaluated { get; private set; }

    /// <summary>What the policy form shows: the policy in force, or what HR typed when it was refused.</summary>
    public AlertPolicyForm Form { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public string? Level { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    public async Task OnGetAsync(int? evaluated, CancellationToken ct)
    {
        Evaluated = evaluated;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostPolicyAsync(string? greenWithinHours, string? yellowUpToHours, string? greenTo, string? yellowTo, string? redTo,
        string[] periodStart, string[] periodEnd, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Hr))
        {
            return Forbid();
        }

        var periods = periodStart.Zip(periodEnd).Where(p => !string.IsNullOrWhiteSpace(p.First) || !string.IsNullOrWhiteSpace(p.Second))
            .Select(p => new WorkingPeriodText(p.First, p.Second)).ToList();
        var request = new AlertPolicyRequest(Number(greenWithinHours), Number(yellowUpToHours), greenTo, yellowTo, redTo, periods);
        var saved = await desk.SavePolicyAsync(request, CurrentUser.From(User), ct);
        if (saved.Status == DeskStatus.Ok)
        {
            return Redirect("/alerts#policy");
        }

        Errors = saved.Errors ?? [];
        await LoadAsync(ct);
        Form = new AlertPolicyForm(greenWithinHours, yellowUpToHours, greenTo, yellowTo, redTo, periods);
        return Page();
    }

    public async Task<IActionResult> OnPostEvaluateAsync(CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Hr))
        {
            return Forbid();
        }

        var changes = await evaluation.RunAsync(ct);
        return Redirect($"/alerts?evaluated={changes.Count.ToString(CultureInfo.InvariantCulture)}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var user = CurrentUser.From(User);
        SeesUnits = User.IsInRole(Roles.Manager) || User.IsInRole(Roles.Hr)
            || User.IsInRole(Roles.Leader) || User.IsInRole(Roles.Auditor);
        EditsPolicy = User.IsInRole(Roles.Hr);
        // A wrong filter in the address is read as no filter on the page.
        var filter = desk.Filter(Level, Kind, State, out _) ?? new AlertFilter(null, null, true);
        Mine = await desk.MineAsync(user.StaffCode, new AlertFilter(null, null, true), ct);
        if (SeesUnits)
        {
            var alerts = await desk.ListAsync(await UnitScope.LoadAsync(db, user, ct), filter, ct);
            ByUnit = [.. alerts.GroupBy(a => a.ItemUnitName).OrderBy(g => g.Key, StringComparer.Ordinal)];
            Vacancies = [.. alerts.Where(a => a.Vacant && a.ClosedAt is null).GroupBy(a => (a.RecipientRoleName, Unit: a.RecipientUnitName ?? "—"))
                .Select(g => (g.Key.RecipientRoleName, g.Key.Unit, g.Count())).OrderBy(v => v.Unit, StringComparer.Ordinal)];
        }

        Policy = await desk.PolicyAsync(ct);
        Form = new AlertPolicyForm(Hours(Policy.GreenWithinHours), Hours(Policy.YellowUpToHours), Policy.GreenTo, Policy.YellowTo, Policy.RedTo, Policy.Periods);
    }

    public static string Hours(decimal hours) => hours.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Hours as typed, with a dot or a Vietnamese decimal comma.</summary>
    private static decimal? Number(string? text) =>
        decimal.TryParse(text?.Trim().Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;
}

public sealed record AlertPolicyForm(string? GreenWithinHours, string? YellowUpToHours, string? GreenTo, string? YellowTo, string? RedTo,
    IReadOnlyList<WorkingPeriodText> Periods);
