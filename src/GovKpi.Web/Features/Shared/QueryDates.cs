namespace GovKpi.Web.Features.Shared;

/// <summary>
/// The years a query may name (a day, a month, a year of a period). Beyond them nothing is
/// stored or planned, and at the edges of .NET's calendar the period arithmetic fails: the first
/// day of year 1 has no instant at +07:00, the day after 9999-12-31 does not exist. A query outside
/// is refused with <c>Query.Error.Year</c>, keyed by its parameter.
/// </summary>
public static class QueryDates
{
    public const int FirstYear = 1900;
    public const int LastYear = 2199;

    public static bool Plausible(int year) => year is >= FirstYear and <= LastYear;

    public static bool Plausible(DateOnly day) => Plausible(day.Year);
}
