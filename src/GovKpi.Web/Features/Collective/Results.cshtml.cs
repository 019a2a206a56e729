using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Collective;

/// <summary><c>/units/results</c>: units of a kind ranked by their collective result for a period, each KPI's value against its target.</summary>
[Authorize(Roles = "Staff,Manager,Hr,Leader,Auditor")]
public sealed class ResultsModel(GovKpiDbContext db, UnitResultReader results, GoalReader goals, FieldWork.FieldWorkDesk fieldWork, TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    public UnitKind SelectedKind { get; private set; } = UnitKind.Commune;
    public string PeriodLabel { get; private set; } = "";
    public IReadOnlyList<UnitResultResponse> Units { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var kind = CollectiveQuery.Kind(Kind ?? "commune");
        var period = CollectiveQuery.Period(Period, clock);
        if (kind is null || period is null)
        {
            Error = kind is null ? l["UnitResults.Error.Kind", string.Join(", ", CollectiveQuery.Kinds.Select(k => k.ToString().ToLowerInvariant()))]
                : l["UnitResults.Error.Period", Period ?? ""];
            return;
        }

        SelectedKind = kind.Value;
        PeriodLabel = period.Label;
        var scope = await UnitScope.LoadAsync(db, CurrentUser.From(User), ct);
        var units = await goals.ResponsesAsync(await results.RankingAsync(kind.Value, period.Dates, scope.Contains, ct), scope, period.Dates, ct);
        Units = await fieldWork.WithFieldWorkAsync(units, scope, period.From, period.To, ct);
    }
}
