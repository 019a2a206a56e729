using GovKpi.Core;
using GovKpi.Core.ServiceQuality;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.DelegatedTasks;
using GovKpi.Web.Features.KpiValues;
using GovKpi.Web.Features.Workforce;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Province;

public sealed record QualityRowResponse(string Code, string Name, long Received, IReadOnlyList<QualityValue> Values,
    decimal IndexPoints, decimal IndexMeasuredMax, string? Link);

public sealed record IndexIndicatorResponse(string Group, string Indicator, decimal MaxPoints, string? Kpi, double? FullAt, double? Value, decimal? Points);

public sealed record IndexResponse(string Definition, decimal Points, decimal MeasuredMax, decimal NotRecordedPoints, decimal MaxPoints,
    IReadOnlyList<IndexIndicatorResponse> Indicators);

public sealed record ProvinceResponse(
    DateOnly From, DateOnly To, QualityRowResponse Province, IndexResponse Index, IReadOnlyList<QualityRowResponse> Agencies,
    IReadOnlyList<QualityRowResponse> Communes, IReadOnlyList<QualityRowResponse> Procedures, DelegatedSummary Delegated,
    StaffingSummary? Staffing, QualityRowResponse? Unit, IReadOnlyList<QualityRowResponse>? People,
    /// <summary>Always null: the records hold no cost, so cost per transaction is not computed (never guessed).</summary>
    decimal? CostPerTransaction);

/// <summary><c>GET /api/province</c>: the figures of the province operations view, for leaders, HR and auditors within their unit scope.</summary>
public static class ProvinceEndpoints
{
    public static void MapProvinceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/province", async Task<Results<Ok<ProvinceResponse>, ValidationProblem, NotFound, ForbidHttpResult>> (
            string? from, string? to, string? unit,
            GovKpiDbContext db, ProvinceDashboard dashboard, TimeProvider clock, HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            if (from is null && to is null)
            {
                (from, to) = new PeriodPicker().Resolve(VietnamTime.Today(clock));
            }

            var query = KpiQuery.Parse(KpiSubjectScope.All, null, from, to, l, out var errors);
            if (query is null)
            {
                return TypedResults.ValidationProblem(errors, title: l["KpiValues.Error.Title"]);
            }

            var user = CurrentUser.From(http.User);
            var scope = await UnitScope.LoadAsync(db, user, ct);
            if (unit is not null && scope.Tree.Find(unit) is null)
            {
                return TypedResults.NotFound();
            }

            if (unit is not null && !scope.Contains(unit))
            {
                return TypedResults.Forbid();
            }

            var view = await dashboard.LoadAsync(scope, query.Period, unit, WorkforceEndpoints.Readers.Any(http.User.IsInRole), ct);
            return TypedResults.Ok(new ProvinceResponse(view.Period.From, view.Period.To, Row(view.Province), Index(view.Province.Index),
                [.. view.Agencies.Select(Row)], [.. view.Communes.Select(Row)], [.. view.Procedures.Select(Row)], view.Delegated, view.Staffing,
                view.Commune is { } c ? Row(c.Unit) : null, view.Commune?.People.Select(Row).ToList(), null));
        })
        .RequireAuthorization(p => p.RequireRole(IndexModel.Readers))
        .WithTags("Province")
        .WithSummary("The province operations view: service quality per agency, commune and procedure, the Decision 766 index, delegated tasks and staffing.")
        .WithDescription("from, to = yyyy-MM-dd, to exclusive (default: the current month); unit = a unit in the caller's scope to list its people. "
            + "Values are those of /api/kpis/values (on_time_rate, online_share, completion_rate, satisfaction_avg) summed over each unit's subtree. "
            + "The index scores only the indicators the records measure (indexMeasuredMax); costPerTransaction is null: no cost is recorded. "
            + "staffing is present for the roles that read /workforce. 403 for other roles or a unit outside the scope.");
    }

    private static QualityRowResponse Row(QualityRow row) =>
        new(row.Code, row.Name, row.Received, row.Values, row.Index.Points, row.Index.MeasuredMax, row.Link);

    private static IndexResponse Index(IndexScore score) => new(score.Definition.Code, score.Points, score.MeasuredMax, score.NotRecordedPoints, score.MaxPoints,
        [.. score.Groups.SelectMany(g => g.Indicators.Select(i => new IndexIndicatorResponse(g.Group.Code, i.Indicator.Code, i.Indicator.MaxPoints, i.Indicator.Kpi,
            i.Indicator.Recorded ? i.Indicator.FullAt : null, i.Value, i.Points)))]);
}
