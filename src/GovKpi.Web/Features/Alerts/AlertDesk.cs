using System.Globalization;
using GovKpi.Core.Alerts;
using GovKpi.Data;
using GovKpi.Data.Alerts;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.Evaluation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Alerts;

/// <summary>
/// An alert as people read it: <see cref="Level"/> (green, yellow, red) with its word, the item,
/// and the recipient by name, or <see cref="Vacant"/> with the unit whose post is empty.
/// </summary>
public sealed record AlertResponse(string Level, string LevelName, string ItemKind, string ItemKindName, string ItemId, string ItemUnitCode,
    string ItemUnitName, string RecipientRole, string RecipientRoleName, string? RecipientStaffCode, string RecipientName, string? RecipientUnitCode,
    string? RecipientUnitName, bool Vacant, DateTimeOffset RaisedAt, DateTimeOffset? ClosedAt, string? CloseReason, string? CloseReasonName);

/// <summary>What an evaluation changed: kind raised, climbed or closed, and the alert after the change.</summary>
public sealed record AlertChangeResponse(string Kind, AlertResponse Alert);

public sealed record WorkingPeriodText(string? Start, string? End);

/// <summary>
/// The warning ladder: hours are working hours; roles are handler, division_head or agency_head;
/// periods are the office periods of a working day (HH:mm).
/// </summary>
public sealed record AlertPolicyRequest(decimal? GreenWithinHours, decimal? YellowUpToHours, string? GreenTo, string? YellowTo, string? RedTo,
    IReadOnlyList<WorkingPeriodText>? Periods);

/// <summary>The policy in force; <see cref="ChangedBy"/> null means the default (Ho Chi Minh City's); <see cref="History"/> the earlier versions, newest first.</summary>
public sealed record AlertPolicyResponse(decimal GreenWithinHours, decimal YellowUpToHours, string GreenTo, string YellowTo, string RedTo,
    IReadOnlyList<WorkingPeriodText> Periods, string? ChangedBy, DateTimeOffset? ChangedAt, IReadOnlyList<AlertPolicyResponse> History);

/// <summary>Which alerts to list; null means any.</summary>
public sealed record AlertFilter(AlertLevel? Level, WatchedKind? Kind, bool OpenOnly);

/// <summary>Reads alerts within a unit scope and keeps the warning policy (docs/OPERATIONS.md, "Early warnings").</summary>
public sealed class AlertDesk(GovKpiDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public const decimal MaximumHours = 2000;
    public const int MaximumPeriods = 6;

    private static readonly Dictionary<string, AlertLevel> Levels = new(StringComparer.Ordinal)
    {
        ["green"] = AlertLevel.Green, ["yellow"] = AlertLevel.Yellow, ["red"] = AlertLevel.Red,
    };

    private static readonly Dictionary<string, WatchedKind> Kinds = new(StringComparer.Ordinal)
    {
        ["dossier"] = WatchedKind.Dossier, ["assigned_task"] = WatchedKind.AssignedTask, ["delegated_task"] = WatchedKind.DelegatedTask,
        ["citizen_issue"] = WatchedKind.CitizenIssue,
    };

    private static readonly Dictionary<string, RecipientRole> RecipientRoles = new(StringComparer.Ordinal)
    {
        ["handler"] = RecipientRole.Handler, ["division_head"] = RecipientRole.DivisionHead, ["agency_head"] = RecipientRole.AgencyHead,
    };

    public static string Code(AlertLevel level) => Levels.Single(p => p.Value == level).Key;

    public static string Code(WatchedKind kind) => Kinds.Single(p => p.Value == kind).Key;

    public static string Code(RecipientRole role) => RecipientRoles.Single(p => p.Value == role).Key;

    /// <summary>Parses the query of a list: level, kind, state (open or all); errors keyed by the parameter.</summary>
    public AlertFilter? Filter(string? level, string? kind, string? state, out Dictionary<string, string[]> errors)
    {
        errors = [];
        AlertLevel? wantedLevel = null;
        WatchedKind? wantedKind = null;
        if (!string.IsNullOrWhiteSpace(level))
        {
            if (Levels.TryGetValue(level.Trim(), out var found))
            {
                wantedLevel = found;
            }
            else
            {
                errors["level"] = [l["Alerts.Error.OneOf", string.Join(", ", Levels.Keys)]];
            }
        }

        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (Kinds.TryGetValue(kind.Trim(), out var found))
            {
                wantedKind = found;
            }
            else
            {
                errors["kind"] = [l["Alerts.Error.OneOf", string.Join(", ", Kinds.Keys)]];
            }
        }

        var all = state?.Trim() == "all";
        if (!string.IsNullOrWhiteSpace(state) && !all && state.Trim() != "open")
        {
            errors["state"] = [l["Alerts.Error.OneOf", "open, all"]];
        }

        return errors.Count == 0 ? new AlertFilter(wantedLevel, wantedKind, !all) : null;
    }

    /// <summary>The alerts about items of units in scope or addressed to posts in scope, newest first.</summary>
    public async Task<IReadOnlyList<AlertResponse>> ListAsync(UnitScope scope, AlertFilter filter, CancellationToken ct)
    {
        var codes = scope.Codes.ToList();
        var alerts = Filtered(db.Alerts.AsNoTracking(), filter)
            .Where(a => codes.Contains(a.ItemUnitCode) || (a.RecipientUnitCode != null && codes.Contains(a.RecipientUnitCode)));
        return await DescribeAsync(await alerts.ToListAsync(ct), ct);
    }

    /// <summary>The alerts addressed to <paramref name="staffCode"/>.</summary>
    public async Task<IReadOnlyList<AlertResponse>> MineAsync(string? staffCode, AlertFilter filter, CancellationToken ct)
    {
        if (staffCode is null)
        {
            return [];
        }

        return await DescribeAsync(await Filtered(db.Alerts.AsNoTracking(), filter).Where(a => a.RecipientStaffCode == staffCode).ToListAsync(ct), ct);
    }

    private static IQueryable<AlertRecord> Filtered(IQueryable<AlertRecord> alerts, AlertFilter filter)
    {
        if (filter.OpenOnly)
        {
            alerts = alerts.Where(a => a.ClosedAt == null);
        }

        if (filter.Level is { } level)
        {
            alerts = alerts.Where(a => a.Level == level);
        }

        if (filter.Kind is { } kind)
        {
            alerts = alerts.Where(a => a.ItemKind == kind);
        }

        return alerts;
    }

    /// <summary>Saved changes as people read them; the item's unit is read back from the stored alerts.</summary>
    public async Task<IReadOnlyList<AlertChangeResponse>> DescribeAsync(IReadOnlyList<AlertChange> changes, CancellationToken ct)
    {
        var ids = changes.Select(c => c.Alert.ItemId).Distinct(StringComparer.Ordinal).ToList();
        var unitOf = (await db.Alerts.AsNoTracking().Where(a => ids.Contains(a.ItemId)).Select(a => new { a.ItemKind, a.ItemId, a.ItemUnitCode }).ToListAsync(ct))
            .DistinctBy(a => (a.ItemKind, a.ItemId)).ToDictionary(a => (a.ItemKind, a.ItemId), a => a.ItemUnitCode);
        var described = await DescribeAsync(
            [.. changes.Select(c => AlertRecord.From(c.Alert, unitOf.GetValueOrDefault((c.Alert.ItemKind, c.Alert.ItemId), "")))], ct, sort: false);
        return [.. changes.Select((c, i) => new AlertChangeResponse(c.Kind.ToString(), described[i]))];
    }

    private async Task<IReadOnlyList<AlertResponse>> DescribeAsync(IReadOnlyList<AlertRecord> alerts, CancellationToken ct, bool sort = true)
    {
        var staffCodes = alerts.Select(a => a.RecipientStaffCode).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var names = await db.Staff.AsNoTracking().Where(s => staffCodes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, s => s.FullName, ct);
        var unitCodes = alerts.SelectMany(a => new[] { a.ItemUnitCode, a.RecipientUnitCode }).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var vietnamese = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "vi";
        var unitNames = await db.Units.AsNoTracking().Where(u => unitCodes.Contains(u.Code))
            .ToDictionaryAsync(u => u.Code, u => vietnamese ? u.NameVi : u.NameEn, ct);
        var ordered = sort ? alerts.OrderByDescending(a => a.RaisedAt).ThenByDescending(a => a.Level).ThenBy(a => a.ItemId, StringComparer.Ordinal) : alerts.AsEnumerable();
        return [.. ordered.Select(a => new AlertResponse(
            Code(a.Level), l["Alerts.Level." + a.Level], Code(a.ItemKind), l["Alerts.Kind." + a.ItemKind], a.ItemId, a.ItemUnitCode,
            unitNames.GetValueOrDefault(a.ItemUnitCode, a.ItemUnitCode), Code(a.RecipientRole), l["Alerts.Role." + a.RecipientRole],
            a.RecipientStaffCode, a.RecipientStaffCode is { } code ? names.GetValueOrDefault(code, code) : l["Alerts.Vacant"].Value,
            a.RecipientUnitCode, a.RecipientUnitCode is { } unit ? unitNames.GetValueOrDefault(unit, unit) : null, a.RecipientStaffCode is null,
            a.RaisedAt, a.ClosedAt, a.CloseReason?.ToString(), a.CloseReason is { } reason ? l["Alerts.Reason." + reason].Value : null))];
    }

    public async Task<AlertPolicyResponse> PolicyAsync(CancellationToken ct)
    {
        var versions = await db.AlertPolicies.AsNoTracking().OrderByDescending(p => p.Id).ToListAsync(ct);
        if (versions.Count == 0)
        {
            return Describe(AlertPolicy.HoChiMinhCity, null, []);
        }

        return Describe(versions[0].ToPolicy(), versions[0], [.. versions.Skip(1).Select(v => Describe(v.ToPolicy(), v, []))]);
    }

    /// <summary>Saves a new version of the policy (the earlier ones stay, as its audit trail); 400 keyed by field when it is not a valid ladder.</summary>
    public async Task<DeskResult<AlertPolicyResponse>> SavePolicyAsync(AlertPolicyRequest request, CurrentUser user, CancellationToken ct)
    {
        var policy = Parse(request, out var errors);
        if (policy is null)
        {
            return DeskResult<AlertPolicyResponse>.Invalid(l["Alerts.Error.Title"], errors);
        }

        db.AlertPolicies.Add(AlertPolicyRecord.From(policy, user.UserName, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return DeskResult<AlertPolicyResponse>.Ok(await PolicyAsync(ct));
    }

    private AlertPolicy? Parse(AlertPolicyRequest request, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var green = Hours(request.GreenWithinHours, "greenWithinHours", errors);
        var yellow = Hours(request.YellowUpToHours, "yellowUpToHours", errors);
        var greenTo = Role(request.GreenTo, "greenTo", errors);
        var yellowTo = Role(request.YellowTo, "yellowTo", errors);
        var redTo = Role(request.RedTo, "redTo", errors);
        var periods = new List<WorkingPeriod>();
        if (request.Periods is not { Count: > 0 and <= MaximumPeriods })
        {
            errors["periods"] = [l["Alerts.Error.Periods", MaximumPeriods]];
        }
        else
        {
            for (var i = 0; i < request.Periods.Count; i++)
            {
                var start = Time(request.Periods[i].Start, $"periods[{i}].start", errors);
                var end = Time(request.Periods[i].End, $"periods[{i}].end", errors);
                if (start is not { } s || end is not { } e)
                {
                    continue;
                }

                if (e <= s || (periods.Count > 0 && s < periods[^1].End))
                {
                    errors[$"periods[{i}].end"] = [l["Alerts.Error.PeriodOrder"]];
                }

                periods.Add(new WorkingPeriod(s, e));
            }
        }

        if (errors.Count > 0)
        {
            return null;
        }

        return new AlertPolicy
        {
            GreenWithin = green!.Value, YellowUpTo = yellow!.Value, GreenTo = greenTo!.Value, YellowTo = yellowTo!.Value, RedTo = redTo!.Value,
            Hours = new WorkingHours(periods),
        };
    }

    private TimeSpan? Hours(decimal? hours, string field, Dictionary<string, string[]> errors)
    {
        if (hours is { } h && h > 0 && h <= MaximumHours && h * 60 == decimal.Truncate(h * 60))
        {
            return TimeSpan.FromMinutes((double)(h * 60));
        }

        errors[field] = [l["Alerts.Error.Hours", MaximumHours]];
        return null;
    }

    private RecipientRole? Role(string? code, string field, Dictionary<string, string[]> errors)
    {
        if (code is not null && RecipientRoles.TryGetValue(code.Trim(), out var role))
        {
            return role;
        }

        errors[field] = [l["Alerts.Error.OneOf", string.Join(", ", RecipientRoles.Keys)]];
        return null;
    }

    private TimeOnly? Time(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (TimeOnly.TryParseExact(text?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors[field] = [l["Alerts.Error.Time"]];
        return null;
    }

    private static AlertPolicyResponse Describe(AlertPolicy policy, AlertPolicyRecord? version, IReadOnlyList<AlertPolicyResponse> history) => new(
        (decimal)policy.GreenWithin.TotalHours, (decimal)policy.YellowUpTo.TotalHours, Code(policy.GreenTo), Code(policy.YellowTo), Code(policy.RedTo),
        [.. policy.Hours.Periods.Select(p => new WorkingPeriodText(Text(p.Start), Text(p.End)))], version?.ChangedBy, version?.ChangedAt, history);

    private static string Text(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
