using System.Globalization;

namespace GovKpi.Core.Evaluation;

/// <summary>
/// Thresholds of the calibration cross-checks (policy data).
/// Lenient manager: a team of at least <see cref="LenientMinTeam"/> people with an objective score,
/// whose manager's scores exceed the objective ones by <see cref="LenientMeanGap"/> points or more
/// on average and whose gap stands <see cref="LenientZ"/> standard deviations above the other
/// managers' gaps (not tested with fewer than two other managers).
/// HTXS share: a unit of at least <see cref="HtxsMinUnitSize"/> people whose HTXS share exceeds
/// everyone else's share by <see cref="HtxsShareGap"/> or more.
/// Cào bằng: a team of at least <see cref="FlatMinTeamSize"/> whose manager's scores have a standard
/// deviation of <see cref="FlatMaxStdDev"/> points or less.
/// </summary>
public sealed record CalibrationPolicy(decimal LenientMeanGap, decimal LenientZ, int LenientMinTeam, decimal HtxsShareGap, int HtxsMinUnitSize, decimal FlatMaxStdDev, int FlatMinTeamSize)
{
    public static CalibrationPolicy Decree335 { get; } = new(10, 1.5m, 3, 0.15m, 5, 1.0m, 5);
}

/// <summary>
/// One person's result as calibration sees it: the direct manager's score and the objective score
/// from the KPIs (<see cref="KpiAchievement.Ratio"/> × 100, or null without KPI values), on the
/// same 0–100 scale, and the level.
/// </summary>
public sealed record CalibrationEntry(string StaffCode, string UnitCode, string AgencyCode, string GroupCode, string ManagerCode,
    decimal ManagerScore, decimal? ObjectiveScore, ClassificationLevel Level)
{
    /// <summary>The manager changed the computed task-result points (with a reason): the meeting sees both numbers.</summary>
    public Cycles.TaskPointsAdjustment? Adjustment { get; init; }
}

public enum CalibrationFlagKind
{
    /// <summary>A manager whose ratings sit far above what the objective KPIs of their team show.</summary>
    LenientManager,
    /// <summary>A unit whose share of HTXS is far above its peers'.</summary>
    HtxsShareAbovePeers,
    /// <summary>"Cào bằng": near-identical scores across a team.</summary>
    FlatScores,
    /// <summary>The manager adjusted the task-result points computed from the KPIs and tasks.</summary>
    ManualAdjustment,
}

/// <summary>
/// A flag for the calibration meeting. <see cref="Subject"/> is the manager or unit code;
/// <see cref="StaffCodes"/> the people concerned; the explanation's key is the flag kind and its
/// arguments the numbers that raised it.
/// </summary>
public sealed record CalibrationFlag(CalibrationFlagKind Kind, string Subject, IReadOnlyList<string> StaffCodes, Explanation Explanation);

/// <summary>Cross-checks of a set of results (one agency, or whatever scope the caller calibrates).</summary>
public static class CalibrationFlags
{
    public static IReadOnlyList<CalibrationFlag> Find(IReadOnlyList<CalibrationEntry> entries, CalibrationPolicy policy)
    {
        var flags = new List<CalibrationFlag>();
        flags.AddRange(LenientManagers(entries, policy));
        flags.AddRange(HtxsShares(entries, policy));
        flags.AddRange(FlatTeams(entries, policy));
        flags.AddRange(Adjustments(entries));
        return flags;
    }

    private static IEnumerable<CalibrationFlag> Adjustments(IReadOnlyList<CalibrationEntry> entries) =>
        entries.Where(e => e.Adjustment is not null).OrderBy(e => e.StaffCode, StringComparer.Ordinal).Select(e =>
        {
            var a = e.Adjustment!;
            var change = a.AdjustedPoints - a.ComputedPoints;
            return new CalibrationFlag(CalibrationFlagKind.ManualAdjustment, e.ManagerCode, [e.StaffCode],
                Explanation.Of(nameof(CalibrationFlagKind.ManualAdjustment),
                    $"{e.StaffCode}: {Show.N(a.ComputedPoints)} → {Show.N(a.AdjustedPoints)} ({(change >= 0 ? "+" : "−")}{Show.N(Math.Abs(change))})",
                    e.ManagerCode, e.StaffCode, Show.N(a.ComputedPoints), Show.N(a.AdjustedPoints), (change >= 0 ? "+" : "−") + Show.N(Math.Abs(change)), a.Reason));
        });

    private static IEnumerable<CalibrationFlag> LenientManagers(IReadOnlyList<CalibrationEntry> entries, CalibrationPolicy policy)
    {
        var teams = entries.Where(e => e.ObjectiveScore is not null)
            .GroupBy(e => e.ManagerCode, StringComparer.Ordinal)
            .Where(g => g.Count() >= policy.LenientMinTeam)
            .Select(g => (Manager: g.Key, People: g.ToList(), Gap: g.Average(e => e.ManagerScore - e.ObjectiveScore!.Value)))
            .OrderBy(t => t.Manager, StringComparer.Ordinal)
            .ToList();
        foreach (var team in teams)
        {
            if (team.Gap < policy.LenientMeanGap)
            {
                continue;
            }

            var others = teams.Where(t => t.Manager != team.Manager).Select(t => (double)t.Gap).ToList();
            double? z = null;
            var zText = "—";
            if (others.Count >= 2 && StdDev(others) is var sd && sd > 0)
            {
                var mean = others.Average();
                z = ((double)team.Gap - mean) / sd;
                zText = $"({Show.N(team.Gap)} − {Show.N(mean)}) ÷ {Show.N(sd)} = {Show.N(z.Value)}";
                if (z < (double)policy.LenientZ)
                {
                    continue;
                }
            }

            var managerMean = team.People.Average(e => e.ManagerScore);
            var objectiveMean = team.People.Average(e => e.ObjectiveScore!.Value);
            yield return new(CalibrationFlagKind.LenientManager, team.Manager, Codes(team.People),
                Explanation.Of(nameof(CalibrationFlagKind.LenientManager),
                    $"{Show.N(managerMean)} − {Show.N(objectiveMean)} = {Show.N(team.Gap)} ≥ {Show.N(policy.LenientMeanGap)}; z = {zText}" + (z is null ? "" : $" ≥ {Show.N(policy.LenientZ)}"),
                    team.Manager, Count(team.People.Count), Show.N(managerMean), Show.N(objectiveMean), Show.N(team.Gap), Show.N(policy.LenientMeanGap),
                    z is { } value ? Show.N(value) : "—", Show.N(policy.LenientZ)));
        }
    }

    private static IEnumerable<CalibrationFlag> HtxsShares(IReadOnlyList<CalibrationEntry> entries, CalibrationPolicy policy)
    {
        var allHtxs = entries.Count(e => e.Level == ClassificationLevel.Htxs);
        foreach (var unit in entries.GroupBy(e => e.UnitCode, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var size = unit.Count();
            var peers = entries.Count - size;
            if (size < policy.HtxsMinUnitSize || peers == 0)
            {
                continue;
            }

            var htxs = unit.Count(e => e.Level == ClassificationLevel.Htxs);
            var share = (decimal)htxs / size;
            var peerShare = (decimal)(allHtxs - htxs) / peers;
            if (share - peerShare < policy.HtxsShareGap)
            {
                continue;
            }

            yield return new(CalibrationFlagKind.HtxsShareAbovePeers, unit.Key, Codes(unit.Where(e => e.Level == ClassificationLevel.Htxs)),
                Explanation.Of(nameof(CalibrationFlagKind.HtxsShareAbovePeers),
                    $"{Count(htxs)}/{Count(size)} = {Show.Pct(share)} − {Count(allHtxs - htxs)}/{Count(peers)} = {Show.Pct(peerShare)} → {Show.Pct(share - peerShare)} ≥ {Show.Pct(policy.HtxsShareGap)}",
                    unit.Key, Count(htxs), Count(size), Show.Pct(share), Count(allHtxs - htxs), Count(peers), Show.Pct(peerShare), Show.Pct(policy.HtxsShareGap)));
        }
    }

    private static IEnumerable<CalibrationFlag> FlatTeams(IReadOnlyList<CalibrationEntry> entries, CalibrationPolicy policy)
    {
        foreach (var team in entries.GroupBy(e => e.ManagerCode, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var scores = team.Select(e => (double)e.ManagerScore).ToList();
            if (scores.Count < policy.FlatMinTeamSize)
            {
                continue;
            }

            var sd = StdDev(scores);
            if (sd > (double)policy.FlatMaxStdDev)
            {
                continue;
            }

            yield return new(CalibrationFlagKind.FlatScores, team.Key, Codes(team),
                Explanation.Of(nameof(CalibrationFlagKind.FlatScores),
                    $"n = {Count(scores.Count)}, σ = {Show.N(sd)} ≤ {Show.N(policy.FlatMaxStdDev)}, {Show.N(scores.Min())} – {Show.N(scores.Max())}",
                    team.Key, Count(scores.Count), Show.N(sd), Show.N(policy.FlatMaxStdDev), Show.N(scores.Min()), Show.N(scores.Max())));
        }
    }

    /// <summary>Population standard deviation: the team is the whole population being judged, not a sample.</summary>
    private static double StdDev(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }

    private static IReadOnlyList<string> Codes(IEnumerable<CalibrationEntry> people) => people.Select(e => e.StaffCode).Order(StringComparer.Ordinal).ToList();

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
