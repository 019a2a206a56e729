namespace GovKpi.Core;

/// <summary>
/// Local time of the users: Vietnam keeps UTC+7 all year (no daylight saving), so a fixed
/// offset is exact and does not depend on the server's time-zone database.
/// </summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateTimeOffset Now(TimeProvider clock) => clock.GetUtcNow().ToOffset(Offset);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Now(clock).DateTime);
}
