using GovKpi.Core.Collective;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Data.Collective;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.Evaluation;
using GovKpi.Web.Features.KpiLibrary;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Collective;

/// <summary>
/// The writes of collective KPIs: objectives and their units' targets (HR and province leaders),
/// collective set versions and deputies' fields (HR). Core's rules decide; this parses, checks
/// the caller's scope, loads and saves.
/// </summary>
public sealed class CollectiveDesk(GovKpiDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public async Task<(CollectiveRefusal Refusal, Dictionary<string, string[]> Errors, Objective? Saved)> SaveObjectiveAsync(
        string? existingCode, ObjectiveRequest request, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        if (!scope.Tree.Roots.Any(r => r.Code == user.ScopeUnitCode))
        {
            return (CollectiveRefusal.Forbidden, [], null);
        }

        var errors = new Dictionary<string, string[]>();
        var stored = existingCode is null ? null : await db.Objectives.SingleOrDefaultAsync(o => o.Code == existingCode, ct);
        if (existingCode is not null && stored is null)
        {
            return (CollectiveRefusal.NotFound, [], null);
        }

        if (stored is null && await db.Objectives.AnyAsync(o => o.Code == (request.Code ?? "").Trim(), ct))
        {
            return (CollectiveRefusal.Conflict, new() { ["code"] = [l["Goals.Error.Exists", request.Code!.Trim()]] }, null);
        }

        Require(request.Year is null && stored is null, "year", errors);
        Require(request.KpiCode is null && stored is null, "kpiCode", errors);
        Require(request.ProvinceTarget is null, "provinceTarget", errors);
        if (stored is not null && (request.Year is { } y && y != stored.Year || request.KpiCode is { } k && k.Trim() != stored.KpiCode))
        {
            errors["kpiCode"] = [l["Goals.Error.Fixed"]];
        }

        if (errors.Count > 0)
        {
            return (CollectiveRefusal.Invalid, errors, null);
        }

        var objective = new Objective
        {
            Code = stored?.Code ?? (request.Code ?? "").Trim(),
            Name = (request.Name ?? "").Trim(),
            Year = stored?.Year ?? request.Year!.Value,
            KpiCode = stored?.KpiCode ?? request.KpiCode!.Trim(),
            ProvinceTarget = request.ProvinceTarget!.Value,
            RecordedBy = user.UserName,
            RecordedAt = clock.GetUtcNow(),
        };
        var definitions = await DefinitionsAsync(ct);
        var others = await db.Objectives.AsNoTracking().Where(o => o.Year == objective.Year).ToListAsync(ct);
        foreach (var v in GoalCascade.CheckObjective(objective, others, definitions.GetValueOrDefault))
        {
            Add(errors, v.Field, l[$"Goals.Error.{v.Rule}", [.. v.Arguments]]);
        }

        if (errors.Count > 0)
        {
            return (CollectiveRefusal.Invalid, errors, null);
        }

        if (stored is not null)
        {
            db.Entry(stored).State = EntityState.Detached;
            db.Objectives.Update(objective);
        }
        else
        {
            db.Objectives.Add(objective);
        }

        await db.SaveChangesAsync(ct);
        return (CollectiveRefusal.None, [], objective);
    }

    /// <summary>Replaces the objective's targets of the units within the caller's scope by the requested ones.</summary>
    public async Task<(CollectiveRefusal Refusal, Dictionary<string, string[]> Errors)> SetTargetsAsync(
        string objectiveCode, UnitTargetsRequest request, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var objective = await db.Objectives.AsNoTracking().SingleOrDefaultAsync(o => o.Code == objectiveCode, ct);
        if (objective is null)
        {
            return (CollectiveRefusal.NotFound, []);
        }

        var errors = new Dictionary<string, string[]>();
        var requested = request.Targets ?? [];
        var targets = new List<UnitTarget>();
        for (var i = 0; i < requested.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(requested[i].UnitCode))
            {
                Add(errors, $"targets[{i}].unitCode", l["Goals.Error.Required"]);
            }

            if (requested[i].Target is null)
            {
                Add(errors, $"targets[{i}].target", l["Goals.Error.Required"]);
            }

            targets.Add(new UnitTarget
            {
                ObjectiveCode = objective.Code, UnitCode = requested[i].UnitCode?.Trim() ?? "", Target = requested[i].Target ?? 0,
                RecordedBy = user.UserName, RecordedAt = clock.GetUtcNow(),
            });
        }

        if (errors.Count == 0)
        {
            foreach (var v in GoalCascade.CheckUnitTargets(objective, targets, scope.Tree.Find))
            {
                Add(errors, v.Field, l[$"Goals.Error.{v.Rule}", [.. v.Arguments]]);
            }
        }

        if (errors.Count > 0)
        {
            return (CollectiveRefusal.Invalid, errors);
        }

        if (targets.Any(t => !scope.Contains(t.UnitCode)))
        {
            return (CollectiveRefusal.Forbidden, []);
        }

        var replaced = await db.UnitTargets.Where(t => t.ObjectiveCode == objective.Code).ToListAsync(ct);
        db.UnitTargets.RemoveRange(replaced.Where(t => scope.Contains(t.UnitCode)));
        db.UnitTargets.AddRange(targets);
        await db.SaveChangesAsync(ct);
        return (CollectiveRefusal.None, []);
    }

    public async Task<(CollectiveRefusal Refusal, Dictionary<string, string[]> Errors, DeputyField? Saved)> SetFieldAsync(
        string staffCode, DeputyFieldRequest request, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var deputy = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Code == staffCode, ct);
        if (deputy is null)
        {
            return (CollectiveRefusal.NotFound, [], null);
        }

        if (!scope.Contains(deputy.UnitCode))
        {
            return (CollectiveRefusal.Forbidden, [], null);
        }

        var field = new DeputyField
        {
            StaffCode = deputy.Code,
            UnitCodes = [.. (request.UnitCodes ?? []).Select(c => c.Trim())],
            KpiCodes = [.. (request.KpiCodes ?? []).Select(c => c.Trim())],
            RecordedBy = user.UserName,
            RecordedAt = clock.GetUtcNow(),
        };
        var definitions = await DefinitionsAsync(ct);
        var errors = new Dictionary<string, string[]>();
        foreach (var v in DeputyFields.Check(field, deputy, scope.Tree, definitions.GetValueOrDefault))
        {
            Add(errors, v.Field, l[$"DeputyField.Error.{v.Rule}", [.. v.Arguments]]);
        }

        if (errors.Count > 0)
        {
            return (CollectiveRefusal.Invalid, errors, null);
        }

        if (await db.DeputyFields.SingleOrDefaultAsync(f => f.StaffCode == deputy.Code, ct) is { } stored)
        {
            db.Entry(stored).CurrentValues.SetValues(field);
        }
        else
        {
            db.DeputyFields.Add(field);
        }

        await db.SaveChangesAsync(ct);
        return (CollectiveRefusal.None, [], field);
    }

    /// <summary>The next version of a unit kind's or a unit's set: the SMART check, measured KPIs only, and objectives served of the same KPI and year.</summary>
    public async Task<(CollectiveRefusal Refusal, Dictionary<string, string[]> Errors, KpiSet? Saved)> NewSetVersionAsync(
        KpiSetHolder holder, string code, KpiSetRequest request, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        switch (holder)
        {
            case KpiSetHolder.UnitKind when !Enum.TryParse<UnitKind>(code, ignoreCase: false, out var kind) || kind == UnitKind.Province:
            case KpiSetHolder.Unit when scope.Tree.Find(code) is null:
            case KpiSetHolder.Position:
                return (CollectiveRefusal.NotFound, [], null);
            case KpiSetHolder.Unit when !scope.Contains(code):
                return (CollectiveRefusal.Forbidden, [], null);
        }

        var errors = new Dictionary<string, string[]>();
        var items = KpiSetVersioning.Items(request, errors, l);
        var effectiveFrom = request.EffectiveFrom ?? Core.VietnamTime.Today(clock);
        if (errors.Count == 0)
        {
            var definitions = await DefinitionsAsync(ct);
            foreach (var v in SmartCheck.Check(items, definitions.GetValueOrDefault))
            {
                Add(errors, v.Field, KpiSetVersioning.Message(l, v));
            }

            foreach (var v in UnitKpiSets.Check(items, definitions.GetValueOrDefault))
            {
                Add(errors, v.Field, l["UnitSets.Error.NotMeasured", v.KpiCode]);
            }

            var objectives = await db.Objectives.AsNoTracking().ToDictionaryAsync(o => o.Code, ct);
            foreach (var v in GoalCascade.CheckSetItems(items, effectiveFrom, objectives.GetValueOrDefault))
            {
                Add(errors, v.Field, l[$"Goals.Error.{v.Rule}", [.. v.Arguments]]);
            }
        }

        var versions = await db.CollectiveSets().Where(s => s.Holder == holder && s.PositionCode == code).ToListAsync(ct);
        if (versions.Where(s => s.EffectiveTo is null).MaxBy(s => s.Version) is { } open && effectiveFrom <= open.EffectiveFrom)
        {
            Add(errors, "effectiveFrom", l["KpiSet.Error.EffectiveFrom", open.EffectiveFrom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)]);
        }

        if (errors.Count > 0)
        {
            return (CollectiveRefusal.Invalid, errors, null);
        }

        var (created, closed) = KpiSet.NextVersion(versions, code, effectiveFrom, items, request.Note?.Trim() ?? "", holder);
        var replaced = closed is null ? null : versions.Single(s => s.Version == closed.Version);
        db.KpiLibraryAudit.Add(KpiLibraryTrail.SetVersion(AuditActors.From(user), clock.GetUtcNow(), replaced, created));
        if (replaced is not null)
        {
            db.Entry(replaced).CurrentValues.SetValues(closed!);
        }

        db.KpiSets.Add(created);
        await db.SaveChangesAsync(ct);
        return (CollectiveRefusal.None, [], created);
    }

    /// <summary>The library's latest version of each KPI, as the set editor checks against.</summary>
    private async Task<Dictionary<string, KpiDefinition>> DefinitionsAsync(CancellationToken ct) =>
        (await db.KpiDefinitions.AsNoTracking().ToListAsync(ct))
            .GroupBy(d => d.Code)
            .ToDictionary(g => g.Key, g => g.MaxBy(d => d.Version)!, StringComparer.Ordinal);

    private void Require(bool missing, string field, Dictionary<string, string[]> errors)
    {
        if (missing)
        {
            Add(errors, field, l["Goals.Error.Required"]);
        }
    }

    private static void Add(Dictionary<string, string[]> errors, string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
}
