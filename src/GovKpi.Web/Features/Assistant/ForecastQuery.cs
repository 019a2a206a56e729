using System.Globalization;
using System.Text.RegularExpressions;
using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.Measurement;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.KpiValues;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Assistant;

/// <summary>
/// A parsed forecast request: whose KPIs (as <c>/api/kpis/values</c> names them), the period to
/// project (a year 2026, a quarter 2026-Q3 or a month 2026-07, as <c>govkpi forecast --period</c>)
/// and the last day whose records count (today in Vietnam unless given). Errors keyed by query parameter.
/// </summary>
public sealed partial record ForecastQuery(KpiQuery Subject, string PeriodText, ReportingPeriod Period, DateOnly AsOf)
{
    /// <summary>The years a period may lie in, as the KPI pages' period picker allows.</summary>
    public const int FirstYear = 2000, LastYear = 2100;

    [GeneratedRegex(@"^(?<year>\d{4})(-(Q(?<quarter>[1-4])|(?<month>0[1-9]|1[0-2])))?$")]
    private static partial Regex PeriodPattern();

    public static ForecastQuery? Parse(string? scope, string? code, string? period, string? asOf, DateOnly today, IStringLocalizer l,
        out Dictionary<string, string[]> errors)
    {
        errors = [];
        scope ??= KpiSubjectScope.All;
        if (!KpiSubjectScope.Names.Contains(scope))
        {
            errors["scope"] = [l["KpiValues.Error.Scope", string.Join(", ", KpiSubjectScope.Names)]];
        }
        else if (scope != KpiSubjectScope.All && string.IsNullOrWhiteSpace(code))
        {
            errors["code"] = [l["KpiValues.Error.Code"]];
        }

        var parsed = ParsePeriod(period);
        if (parsed is null)
        {
            errors["period"] = [l["Assistant.Forecast.Error.Period", period ?? "", FirstYear, LastYear]];
        }

        var day = today;
        if (asOf is not null && !DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            errors["asOf"] = [l["KpiValues.Error.Date", asOf]];
        }
        else if (parsed is { } p && (day < p.From || day >= p.To))
        {
            errors["asOf"] = [l["Assistant.Forecast.Error.AsOfOutside", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), period!,
                p.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.To.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]];
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var subject = new KpiQuery(scope, scope == KpiSubjectScope.All ? "" : code!.Trim(), parsed!.Value);
        return new ForecastQuery(subject, period!.Trim(), parsed.Value, day);
    }

    /// <summary>A year (2026), quarter (2026-Q3) or month (2026-07) within <see cref="FirstYear"/>–<see cref="LastYear"/>; null otherwise.</summary>
    public static ReportingPeriod? ParsePeriod(string? text)
    {
        var match = PeriodPattern().Match(text?.Trim() ?? "");
        if (!match.Success)
        {
            return null;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < FirstYear or > LastYear)
        {
            return null;
        }

        return match.Groups["quarter"].Success ? ReportingPeriod.Quarter(year, int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture))
            : match.Groups["month"].Success ? ReportingPeriod.Month(year, int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture))
            : ReportingPeriod.Year(year);
    }

    /// <summary>
    /// What the warnings page shows first, and the manager's home beside the team: the whole of the
    /// caller's scope, its people listed (a Staff account: themselves), over the quarter of today.
    /// </summary>
    public static (string Scope, string Code, string Period) Default(CurrentUser user, DateOnly today) =>
        user.Role == Role.Staff && user.StaffCode is { } staff
            ? (KpiSubjectScope.Staff, staff, QuarterOf(today))
            : (KpiSubjectScope.Subtree, user.ScopeUnitCode, QuarterOf(today));

    /// <summary>The quarter that holds <paramref name="day"/>, as the period text the forecast takes (2026-Q1).</summary>
    public static string QuarterOf(DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"{day.Year}-Q{(day.Month + 2) / 3}");
}
