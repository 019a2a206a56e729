using System.Globalization;
using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.Calendar;
using GovKpi.Core.Measurement;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.KpiValues;

/// <summary>The period picker of the KPI pages: a month, quarter or year, or a custom <c>[from, to)</c>.</summary>
public sealed class PeriodPicker
{
    public const string Month = "month";
    public const string Quarter = "quarter";
    public const string Year = "year";
    public const string Custom = "custom";

    public string? Kind { get; set; }
    public int? YearNumber { get; init; }
    public int? MonthNumber { get; init; }
    public int? QuarterNumber { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }

    /// <summary>
    /// The period picked (<c>yyyy-MM-dd</c> bounds), the current month by default — or the month
    /// just ended while the current one has had no working day before today (New Year's Day, a
    /// Monday the 1st): a month of nothing is no one's useful first view.
    /// </summary>
    public (string? From, string? To) Resolve(DateOnly today)
    {
        if (Kind is null && YearNumber is null && MonthNumber is null && QuarterNumber is null && NoWorkingDayYet(today))
        {
            today = new DateOnly(today.Year, today.Month, 1).AddDays(-1);
        }

        var year = Math.Clamp(YearNumber ?? today.Year, 2000, 2100);
        ReportingPeriod? period = (Kind ?? Month) switch
        {
            Year => ReportingPeriod.Year(year),
            Quarter => ReportingPeriod.Quarter(year, Math.Clamp(QuarterNumber ?? (today.Month + 2) / 3, 1, 4)),
            Custom => null,
            _ => ReportingPeriod.Month(year, Math.Clamp(MonthNumber ?? today.Month, 1, 12)),
        };
        Kind ??= Month;
        return period is { } p
            ? (p.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            : (From, To);
    }

    private static bool NoWorkingDayYet(DateOnly today)
    {
        var first = new DateOnly(today.Year, today.Month, 1);
        return WorkingCalendar.Official.WorkingDays(first, today) == 0;
    }
}

/// <summary>
/// <c>/kpis/values</c>: the seven KPIs of a unit, a unit's subtree, a person or the province, with
/// target and traffic light, each value linked to its explanation.
/// </summary>
public sealed class ValuesModel(GovKpiDbContext db, KpiValueReader reader, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [FromQuery] public string? Scope { get; set; }
    [FromQuery] public string? Code { get; set; }
    [FromQuery] public string? Kind { get; set; }
    [FromQuery] public int? Y { get; set; }
    [FromQuery] public int? M { get; set; }
    [FromQuery] public int? Q { get; set; }
    [FromQuery] public string? From { get; set; }
    [FromQuery] public string? To { get; set; }

    public PeriodPicker Picker { get; private set; } = new();

    public KpiTableResponse? Table { get; private set; }
    public ReportingPeriod Period { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = CurrentUser.From(User);
        var scope = await UnitScope.LoadAsync(db, user, ct);
        if (Scope is null)
        {
            (Scope, Code) = DefaultSubject(user, scope);
        }

        Picker = new PeriodPicker { Kind = Kind, YearNumber = Y, MonthNumber = M, QuarterNumber = Q, From = From, To = To };
        var (from, to) = Picker.Resolve(VietnamTime.Today(clock));
        var query = KpiQuery.Parse(Scope, Code, from, to, l, out var errors);
        if (query is null)
        {
            Errors = errors;
            return Page();
        }

        Period = query.Period;
        var (access, subject) = await query.ResolveAsync(db, scope, user, ct);
        if (access == SubjectAccess.NotFound)
        {
            return NotFound();
        }

        if (access == SubjectAccess.Forbidden)
        {
            return Forbid();
        }

        Table = await reader.TableAsync(subject!, Period, ct);
        return Page();
    }

    /// <summary>A Staff account starts at their own values; others at the widest subject they may see.</summary>
    private static (string Scope, string Code) DefaultSubject(CurrentUser user, UnitScope scope) =>
        user.Role == Role.Staff && user.StaffCode is { } staff ? (KpiSubjectScope.Staff, staff)
        : scope.Tree.Roots.Any(r => r.Code == user.ScopeUnitCode) ? (KpiSubjectScope.All, "")
        : (KpiSubjectScope.Subtree, user.ScopeUnitCode);
}
