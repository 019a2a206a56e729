using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.KpiLibrary;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.Evaluation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.KpiLibrary;

/// <summary>A new version of a KPI definition (or its first version). Enums are given by name.</summary>
public sealed record KpiDefinitionRequest(
    string? Code, string? NameVi, string? NameEn, string? Description, KpiKind? Kind, string? FormulaRef,
    string? UnitOfMeasure, KpiDirection? Direction, decimal? Target, decimal? WarningThreshold, decimal? CriticalThreshold,
    string? DataSource, MeasurementPeriod? Period, DateOnly? EffectiveFrom);

public static class KpiDefinitionEndpoints
{
    public static void MapKpiDefinitionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/kpis").WithTags("KPI library").RequireAuthorization();

        group.MapGet("/", async (GovKpiDbContext db, CancellationToken ct) =>
            TypedResults.Ok(await db.KpiDefinitions.AsNoTracking().OrderBy(k => k.Code).ThenBy(k => k.Version).ToListAsync(ct)));

        group.MapGet("/{code}", async Task<Results<Ok<List<KpiDefinition>>, NotFound>> (string code, GovKpiDbContext db, CancellationToken ct) =>
        {
            var versions = await db.KpiDefinitions.AsNoTracking().Where(k => k.Code == code).OrderBy(k => k.Version).ToListAsync(ct);
            return versions.Count == 0 ? TypedResults.NotFound() : TypedResults.Ok(versions);
        });

        group.MapPost("/", async Task<Results<Created<KpiDefinition>, ValidationProblem>> (
            KpiDefinitionRequest request, GovKpiDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l, HttpContext http, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            void Require(string field, bool present)
            {
                if (!present)
                {
                    errors[field] = [l["Kpi.Error.Required", field]];
                }
            }

            Require("code", !string.IsNullOrWhiteSpace(request.Code));
            Require("nameVi", !string.IsNullOrWhiteSpace(request.NameVi));
            Require("nameEn", !string.IsNullOrWhiteSpace(request.NameEn));
            Require("kind", request.Kind is not null);
            Require("unitOfMeasure", !string.IsNullOrWhiteSpace(request.UnitOfMeasure));
            Require("direction", request.Direction is not null);
            Require("dataSource", !string.IsNullOrWhiteSpace(request.DataSource));
            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors, title: l["Kpi.Error.Title"]);
            }

            var code = request.Code!.Trim();
            var effectiveFrom = request.EffectiveFrom ?? VietnamTime.Today(clock);
            var versions = await db.KpiDefinitions.Where(k => k.Code == code).ToListAsync(ct);
            var open = versions.Where(k => k.EffectiveTo is null).MaxBy(k => k.Version);
            if (open is not null && effectiveFrom <= open.EffectiveFrom)
            {
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { ["effectiveFrom"] = [l["KpiSet.Error.EffectiveFrom", open.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]] },
                    title: l["Kpi.Error.Title"]);
            }

            var created = new KpiDefinition
            {
                Code = code,
                Version = versions.Count == 0 ? 1 : versions.Max(k => k.Version) + 1,
                NameVi = request.NameVi!.Trim(),
                NameEn = request.NameEn!.Trim(),
                Description = request.Description?.Trim() ?? "",
                Kind = request.Kind!.Value,
                FormulaRef = string.IsNullOrWhiteSpace(request.FormulaRef) ? null : request.FormulaRef.Trim(),
                UnitOfMeasure = request.UnitOfMeasure!.Trim(),
                Direction = request.Direction!.Value,
                Target = request.Target,
                WarningThreshold = request.WarningThreshold,
                CriticalThreshold = request.CriticalThreshold,
                DataSource = request.DataSource!.Trim(),
                Period = request.Period,
                EffectiveFrom = effectiveFrom,
            };
            if (KpiFeed.Check(created) is { } gap)
            {
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { [gap.Field] = [KpiSetVersioning.FeedMessage(l, code, gap)] }, title: l["Kpi.Error.Title"]);
            }

            db.KpiLibraryAudit.Add(KpiLibraryTrail.DefinitionVersion(AuditActors.From(CurrentUser.From(http.User)), clock.GetUtcNow(), open, created));
            if (open is not null)
            {
                db.Entry(open).CurrentValues.SetValues(open with { EffectiveTo = effectiveFrom });
            }

            db.KpiDefinitions.Add(created);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/kpis/{Uri.EscapeDataString(code)}", created);
        }).RequireAuthorization(p => p.RequireRole(Roles.KpiDesigners));
    }
}
