using System.Globalization;
using GovKpi.Core.Calendar;
using GovKpi.Core.Measurement;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;

namespace GovKpi.Web.Features.KpiValues;

/// <summary>
/// The period picker of the KPI pages (<c>/kpis/values</c>, <c>/province</c>): a month, quarter or
/// year, or a custom <c>[from, to)</c>, bound from the query <c>kind, y, m, q, from, to</c> — a page
/// model binds it whole with <c>[FromQuery(Name = "")]</c>, and <c>_PeriodPicker.cshtml</c> draws it.
/// </summary>
public sealed class PeriodPicker
{
    public const string Month = "month";
    public const string Quarter = "quarter";
    public const string Year = "year";
    public const string Custom = "custom";

    public static readonly string[] Kinds = [Month, Quarter, Year, Custom];

    [FromQuery(Name = "kind")] public string? Kind { get; set; }
    [FromQuery(Name = "y")] public int? YearNumber { get; init; }
    [FromQuery(Name = "m")] public int? MonthNumber { get; init; }
    [FromQuery(Name = "q")] public int? QuarterNumber { get; init; }
    [FromQuery(Name = "from")] public string? From { get; init; }
    [FromQuery(Name = "to")] public string? To { get; init; }

    /// <summary>
    /// The period picked (<c>yyyy-MM-dd</c> bounds), the current month by default — or the month
    /// just ended while the current one has had no working day before today (New Year's Day, a
    /// Monday the 1st): a month of nothing is no one's useful first view. Both bounds without a
    /// kind are a custom period, as <c>/api/kpis/values</c> and <c>/api/province</c> read them.
    /// </summary>
    public (string? From, string? To) Resolve(DateOnly today)
    {
        if (Kind is null && From is not null && To is not null)
        {
            Kind = Custom;
        }

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
/// What <c>_PeriodPicker.cshtml</c> draws: the picker as asked, the period shown (the empty fields'
/// values), the page's own query fields kept hidden before the picker's (so they survive a new
/// period), and the page's own visible fields after them.
/// </summary>
public sealed record PeriodPickerForm(PeriodPicker Picker, ReportingPeriod Period)
{
    public IReadOnlyList<KeyValuePair<string, string?>> Hidden { get; init; } = [];
    public IHtmlContent? Fields { get; init; }
}
