using System.Globalization;
using GovKpi.Core;
using GovKpi.Web.Features.Shared;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Audit;

/// <summary>
/// The query of the page, the API and the exports: <c>source</c> (evaluation, organisation,
/// accounts, tasks, imports), <c>from</c> and <c>to</c> (days in Vietnam, yyyy-MM-dd, both
/// included), <c>actor</c> (an account), <c>staff</c> (a staff code), <c>cycle</c> (a cycle id),
/// <c>q</c> (words) and <c>page</c> (from 1).
/// </summary>
public sealed record AuditQuery(string? Source, string? From, string? To, string? Actor, string? Staff, string? Cycle, string? Q, string? Page)
{
    public static AuditQuery Of(IQueryCollection query) => new(
        query["source"], query["from"], query["to"], query["actor"], query["staff"], query["cycle"], query["q"], query["page"]);

    /// <summary>The query string of the same filters (without the page), for the export links and the next page.</summary>
    public string Filters() => string.Join("&", new[] { ("source", Source), ("from", From), ("to", To), ("actor", Actor), ("staff", Staff), ("cycle", Cycle), ("q", Q) }
        .Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!.Trim())}"));

    /// <summary>The filter and page, or the problems keyed by parameter.</summary>
    public (AuditFilter Filter, int Page, Dictionary<string, string[]> Problems) Parse(IStringLocalizer<SharedResource> l)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        AuditSource? source = null;
        if (Blank(Source) is { } word)
        {
            if (Enum.TryParse<AuditSource>(word, ignoreCase: true, out var parsed) && !int.TryParse(word, out _))
            {
                source = parsed;
            }
            else
            {
                problems["source"] = [l["Audit.Error.Source"]];
            }
        }

        var from = Day("from", From, problems, l);
        var to = Day("to", To, problems, l);
        if (from is { } f && to is { } t && t < f)
        {
            problems["to"] = [l["Audit.Error.Range"]];
        }

        Guid? cycle = null;
        if (Blank(Cycle) is { } id)
        {
            if (Guid.TryParse(id, out var parsed))
            {
                cycle = parsed;
            }
            else
            {
                problems["cycle"] = [l["Audit.Error.Cycle"]];
            }
        }

        var page = 1;
        if (Blank(Page) is { } number && (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page is < 1 or > 10_000))
        {
            problems["page"] = [l["Audit.Error.Page"]];
            page = 1;
        }

        var filter = new AuditFilter
        {
            Source = source,
            From = from is { } start ? Start(start) : null,
            Before = to is { } end ? Start(end.AddDays(1)) : null,
            Actor = Blank(Actor),
            StaffCode = Blank(Staff),
            CycleId = cycle,
            Text = Blank(Q),
        };
        return (filter, page, problems);
    }

    private static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), VietnamTime.Offset);

    private static DateOnly? Day(string name, string? value, Dictionary<string, string[]> problems, IStringLocalizer<SharedResource> l)
    {
        if (Blank(value) is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            if (QueryDates.Plausible(day))
            {
                return day;
            }

            problems[name] = [l["Query.Error.Year", text, QueryDates.FirstYear, QueryDates.LastYear]];
            return null;
        }

        problems[name] = [l["Audit.Error.Date"]];
        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
