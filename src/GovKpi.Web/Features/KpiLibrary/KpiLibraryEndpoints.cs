using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.Collective;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.Evaluation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.KpiLibrary;

/// <summary>A KPI of a set; <c>ObjectiveCode</c> names the province's objective its target serves (cascading goals).</summary>
public sealed record KpiSetItemRequest(string? KpiCode, decimal? WeightPercent, decimal? TargetOverride, string? ObjectiveCode = null);

/// <summary>A new version of a position's KPI set. <c>EffectiveFrom</c> defaults to today.</summary>
public sealed record KpiSetRequest(DateOnly? EffectiveFrom, string? Note, IReadOnlyList<KpiSetItemRequest>? Items);

public sealed record KpiSetResponse(string PositionCode, int Version, DateOnly EffectiveFrom, DateOnly? EffectiveTo, string Note, IReadOnlyList<KpiSetItem> Items)
{
    public static KpiSetResponse From(KpiSet s) => new(s.PositionCode, s.Version, s.EffectiveFrom, s.EffectiveTo, s.Note, s.Items);
}

/// <summary>A position group's built-in KPI set, with the group's name in the caller's language.</summary>
public sealed record GroupKpiSetResponse(PositionGroup Group, string Name, string Note, IReadOnlyList<KpiSetItem> Items);

public static class KpiLibraryEndpoints
{
    public static void MapKpiLibraryEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("KPI library").RequireAuthorization();

        // The set of each position in force today: a version scheduled for later is listed under its position only.
        group.MapGet("/kpi-sets", async (GovKpiDbContext db, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(KpiVersions.SetsAt(await db.KpiSets.AsNoTracking().ToListAsync(ct), VietnamTime.Today(clock)).Values
                .OrderBy(s => s.PositionCode, StringComparer.Ordinal).Select(KpiSetResponse.From).ToList()));

        // A literal segment wins over {positionCode}; position codes are upper case by convention.
        group.MapGet("/kpi-sets/groups", (IStringLocalizer<SharedResource> l) =>
            TypedResults.Ok(GroupKpiSets.All.Select(s => new GroupKpiSetResponse(s.Group, l["PositionGroup." + s.Group], s.Note, s.Items)).ToList()));

        group.MapGet("/kpi-sets/{positionCode}", async Task<Results<Ok<List<KpiSetResponse>>, NotFound>> (
            string positionCode, GovKpiDbContext db, CancellationToken ct) =>
        {
            var versions = await db.KpiSets.AsNoTracking().Where(s => s.PositionCode == positionCode).OrderBy(s => s.Version).ToListAsync(ct);
            return versions.Count == 0 && !await db.JobPositions.AnyAsync(p => p.Code == positionCode, ct)
                ? TypedResults.NotFound()
                : TypedResults.Ok(versions.Select(KpiSetResponse.From).ToList());
        });

        group.MapPost("/kpi-sets/{positionCode}", async Task<Results<Created<KpiSetResponse>, NotFound, ValidationProblem>> (
            string positionCode, KpiSetRequest request, KpiSetVersioning versioning, HttpContext http, CancellationToken ct) =>
        {
            var outcome = await versioning.SaveAsync(positionCode, request, CurrentUser.From(http.User), ct);
            return outcome switch
            {
                KpiSetSaveOutcome.Saved saved => TypedResults.Created($"/api/kpi-sets/{positionCode}", KpiSetResponse.From(saved.Set)),
                KpiSetSaveOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, invalid.Summary, title: invalid.Title),
                _ => TypedResults.NotFound(),
            };
        }).RequireAuthorization(p => p.RequireRole(Roles.KpiDesigners));
    }
}

public abstract record KpiSetSaveOutcome
{
    public sealed record Saved(KpiSet Set) : KpiSetSaveOutcome;
    public sealed record Invalid(string Title, string Summary, Dictionary<string, string[]> Errors) : KpiSetSaveOutcome;
    public sealed record PositionNotFound : KpiSetSaveOutcome;
}

/// <summary>
/// Turns a request into the next version of a position's KPI set, or into located, localised
/// errors when the input or the SMART check fails. Shared by the API and the edit page.
/// </summary>
public sealed class KpiSetVersioning(GovKpiDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    /// <summary>The SMART check's finding in the user's language, naming the KPI.</summary>
    public static string Message(IStringLocalizer l, SmartViolation v) => v switch
    {
        { Rule: SmartRule.WeightsDoNotSumTo100 } => l["Smart.WeightsDoNotSumTo100", v.Detail].Value,
        { Feed: { } feed } => FeedMessage(l, v.KpiCode ?? "", feed),
        _ => l[$"Smart.{v.Rule}", v.KpiCode ?? "", v.Detail].Value,
    };

    /// <summary>Why no record or rating GovKpi holds can give the KPI <paramref name="kpiCode"/> a value.</summary>
    public static string FeedMessage(IStringLocalizer l, string kpiCode, KpiFeedGap feed) =>
        l[$"Smart.NoDataFeedsKpi.{feed.Gap}", [kpiCode, .. feed.Arguments]].Value;

    public async Task<KpiSetSaveOutcome> SaveAsync(string positionCode, KpiSetRequest request, CurrentUser user, CancellationToken ct)
    {
        if (!await db.JobPositions.AnyAsync(p => p.Code == positionCode, ct))
        {
            return new KpiSetSaveOutcome.PositionNotFound();
        }

        var errors = new Dictionary<string, string[]>();
        var items = Items(request, errors, l);
        var today = VietnamTime.Today(clock);
        var effectiveFrom = request.EffectiveFrom ?? today;
        // The set is checked against the KPI definitions in force when it takes effect.
        var definitions = KpiVersions.DefinitionsAt(await db.KpiDefinitions.AsNoTracking().ToListAsync(ct), d => d.Code, effectiveFrom);
        if (errors.Count == 0)
        {
            foreach (var v in SmartCheck.Check(items, code => definitions.GetValueOrDefault(code)))
            {
                var message = Message(l, v);
                errors[v.Field] = errors.TryGetValue(v.Field, out var existing) ? [.. existing, message] : [message];
            }

            var objectives = await db.Objectives.AsNoTracking().ToDictionaryAsync(o => o.Code, ct);
            foreach (var v in GoalCascade.CheckSetItems(items, effectiveFrom, objectives.GetValueOrDefault))
            {
                string message = l[$"Goals.Error.{v.Rule}", [.. v.Arguments]];
                errors[v.Field] = errors.TryGetValue(v.Field, out var existing) ? [.. existing, message] : [message];
            }
        }

        if (errors.Count > 0)
        {
            return new KpiSetSaveOutcome.Invalid(l["Smart.Title"], string.Join(" ", errors.Values.SelectMany(e => e)), errors);
        }

        var existingVersions = await db.KpiSets.Where(s => s.PositionCode == positionCode).ToListAsync(ct);
        var open = existingVersions.Where(s => s.EffectiveTo is null).MaxBy(s => s.Version);
        if (open is not null && effectiveFrom <= open.EffectiveFrom)
        {
            return new KpiSetSaveOutcome.Invalid(l["Smart.Title"], l["KpiSet.Error.EffectiveFrom", open.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)],
                new() { ["effectiveFrom"] = [l["KpiSet.Error.EffectiveFrom", open.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]] });
        }

        var (created, closed) = KpiSet.NextVersion(existingVersions, positionCode, effectiveFrom, items, request.Note?.Trim() ?? "");
        var replaced = closed is null ? null : existingVersions.Single(s => s.Version == closed.Version);
        db.KpiLibraryAudit.Add(KpiLibraryTrail.SetVersion(AuditActors.From(user), clock.GetUtcNow(), replaced, created));
        if (replaced is not null)
        {
            db.Entry(replaced).CurrentValues.SetValues(closed!);
        }

        db.KpiSets.Add(created);
        await db.SaveChangesAsync(ct);
        return new KpiSetSaveOutcome.Saved(created);
    }

    /// <summary>The request's items, each with a code and a weight; the missing ones are reported by field path.</summary>
    public static List<KpiSetItem> Items(KpiSetRequest request, Dictionary<string, string[]> errors, IStringLocalizer l)
    {
        var items = new List<KpiSetItem>();
        var requested = request.Items ?? [];
        for (var i = 0; i < requested.Count; i++)
        {
            var item = requested[i];
            if (string.IsNullOrWhiteSpace(item.KpiCode))
            {
                errors[$"items[{i}].kpiCode"] = [l["KpiSet.Error.KpiCodeRequired"]];
                continue;
            }

            if (item.WeightPercent is null)
            {
                errors[$"items[{i}].weightPercent"] = [l["KpiSet.Error.WeightRequired", item.KpiCode]];
                continue;
            }

            items.Add(new KpiSetItem
            {
                KpiCode = item.KpiCode.Trim(), WeightPercent = item.WeightPercent.Value, TargetOverride = item.TargetOverride,
                ObjectiveCode = string.IsNullOrWhiteSpace(item.ObjectiveCode) ? null : item.ObjectiveCode.Trim(),
            });
        }

        return items;
    }
}
