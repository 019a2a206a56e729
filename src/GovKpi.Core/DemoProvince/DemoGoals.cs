using GovKpi.Core.Collective;
using GovKpi.Core.Organisation;

namespace GovKpi.Core.DemoProvince;

/// <summary>
/// The demo province's objectives for 2026, cascaded to every commune: on time as the province,
/// online share stepped up where a commune can (70, 75, 80 %), and one commune left looser than the
/// province so that the goals page shows its warning. The dossier specialist's 2026 set serves the
/// on-time objective (<see cref="DemoKpiSets"/>).
/// </summary>
internal static class DemoGoals
{
    public const string OnTime = "MT-2026-DUNGHAN";
    public const string Online = "MT-2026-TRUCTUYEN";
    public const string Satisfaction = "MT-2026-HAILONG";
    private const int Year = 2026;

    public static IReadOnlyList<Objective> Objectives { get; } =
    [
        Objective(OnTime, "Giải quyết hồ sơ thủ tục hành chính đúng hạn", "on_time_rate", 98m),
        Objective(Online, "Tiếp nhận hồ sơ trực tuyến", "online_share", 70m),
        Objective(Satisfaction, "Người dân hài lòng với dịch vụ hành chính công", "satisfaction_avg", 4.5m),
    ];

    public static IReadOnlyList<UnitTarget> TargetsFor(IEnumerable<Unit> units)
    {
        var communes = units.Where(u => u.Kind == UnitKind.Commune && u.IsActiveOn(new DateOnly(Year, 1, 1))).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        var targets = new List<UnitTarget>();
        for (var i = 0; i < communes.Count; i++)
        {
            var code = communes[i].Code;
            var online = i == communes.Count - 1 ? 65m : 70m + i % 3 * 5m;
            targets.Add(Target(OnTime, code, 98m));
            targets.Add(Target(Online, code, online));
            targets.Add(Target(Satisfaction, code, 4.5m));
        }

        return targets;
    }

    private static Objective Objective(string code, string name, string kpi, decimal target) => new()
    {
        Code = code, Name = name, Year = Year, KpiCode = kpi, ProvinceTarget = target, RecordedBy = "demo",
        RecordedAt = new DateTimeOffset(2026, 1, 5, 8, 0, 0, VietnamTime.Offset),
    };

    private static UnitTarget Target(string objective, string unit, decimal target) => new()
    {
        ObjectiveCode = objective, UnitCode = unit, Target = target, RecordedBy = "demo",
        RecordedAt = new DateTimeOffset(2026, 1, 15, 8, 0, 0, VietnamTime.Offset),
    };
}
