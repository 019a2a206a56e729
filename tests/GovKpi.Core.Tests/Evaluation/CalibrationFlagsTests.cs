using GovKpi.Core.Evaluation;

namespace GovKpi.Core.Tests.Evaluation;

public class CalibrationFlagsTests
{
    private static readonly CalibrationPolicy Policy = CalibrationPolicy.Decree335;

    private static CalibrationEntry E(string staff, string manager, decimal managerScore, decimal? objective = null,
        ClassificationLevel level = ClassificationLevel.Htt, string unit = "U") =>
        new(staff, unit, "A", "G", manager, managerScore, objective, level);

    /// <summary>A team of three whose manager scores each person <paramref name="gap"/> above the objective 70.</summary>
    private static IEnumerable<CalibrationEntry> Team(string manager, decimal gap) =>
        Enumerable.Range(1, 3).Select(i => E($"{manager}-{i}", manager, 70 + gap + i, 70 + i));

    private static List<CalibrationFlag> Find(IEnumerable<CalibrationEntry> entries, CalibrationFlagKind kind) =>
        CalibrationFlags.Find(entries.ToList(), Policy).Where(f => f.Kind == kind).ToList();

    [Fact]
    public void A_manager_far_above_the_objective_KPIs_and_above_the_other_managers_is_flagged()
    {
        var entries = Team("M1", 15).Concat(Team("M2", 0)).Concat(Team("M3", 1)).Concat(Team("M4", 2));

        var flag = Assert.Single(Find(entries, CalibrationFlagKind.LenientManager));

        Assert.Equal("M1", flag.Subject);
        Assert.Equal(["M1-1", "M1-2", "M1-3"], flag.StaffCodes);
        // z = (15 − 1) ÷ σ(0, 1, 2) = 14 ÷ 0.816…
        Assert.Equal(["M1", "3", "87", "72", "15", "10", "17.15", "1.5"], flag.Explanation.Arguments);
        Assert.Equal("87 − 72 = 15 ≥ 10; z = (15 − 1) ÷ 0.82 = 17.15 ≥ 1.5", flag.Explanation.Formula);
    }

    [Fact]
    public void A_gap_just_under_the_threshold_is_not_flagged()
    {
        var entries = Team("M1", 9.99m).Concat(Team("M2", 0)).Concat(Team("M3", 1));

        Assert.Empty(Find(entries, CalibrationFlagKind.LenientManager));
    }

    [Fact]
    public void A_large_gap_that_every_manager_shares_is_not_singled_out()
    {
        var entries = Team("M1", 12).Concat(Team("M2", 11)).Concat(Team("M3", 13)).Concat(Team("M4", 12.5m)).Concat(Team("M5", 11.5m));

        Assert.DoesNotContain(Find(entries, CalibrationFlagKind.LenientManager), f => f.Subject == "M1");
    }

    [Fact]
    public void With_too_few_other_managers_the_gap_alone_decides_and_small_teams_are_ignored()
    {
        var flag = Assert.Single(Find(Team("M1", 10).Concat(Team("M2", 0)), CalibrationFlagKind.LenientManager));
        Assert.Equal("—", flag.Explanation.Arguments[6]);

        Assert.Empty(Find(Team("M1", 30).Take(2), CalibrationFlagKind.LenientManager));
    }

    [Fact]
    public void A_unit_whose_HTXS_share_is_15_points_above_its_peers_is_flagged()
    {
        var unit = Enumerable.Range(1, 20).Select(i => E($"U1-{i:00}", "M1", 80, level: i <= 5 ? ClassificationLevel.Htxs : ClassificationLevel.Htt, unit: "U1"));
        var peers = Enumerable.Range(1, 20).Select(i => E($"U2-{i:00}", "M2", 80, level: i <= 2 ? ClassificationLevel.Htxs : ClassificationLevel.Htt, unit: "U2"));

        var flag = Assert.Single(Find(unit.Concat(peers), CalibrationFlagKind.HtxsShareAbovePeers));

        Assert.Equal("U1", flag.Subject);
        Assert.Equal(5, flag.StaffCodes.Count);
        Assert.Equal("5/20 = 25% − 2/20 = 10% → 15% ≥ 15%", flag.Explanation.Formula);
    }

    [Fact]
    public void A_unit_just_under_the_gap_or_too_small_is_not_flagged()
    {
        var unit = Enumerable.Range(1, 20).Select(i => E($"U1-{i:00}", "M1", 80, level: i <= 5 ? ClassificationLevel.Htxs : ClassificationLevel.Htt, unit: "U1"));
        var peers = Enumerable.Range(1, 20).Select(i => E($"U2-{i:00}", "M2", 80, level: i <= 3 ? ClassificationLevel.Htxs : ClassificationLevel.Htt, unit: "U2"));
        Assert.Empty(Find(unit.Concat(peers), CalibrationFlagKind.HtxsShareAbovePeers));

        var small = Enumerable.Range(1, 4).Select(i => E($"S{i}", "M3", 80, level: ClassificationLevel.Htxs, unit: "S"));
        var others = Enumerable.Range(1, 20).Select(i => E($"O{i}", "M4", 80, unit: "O"));
        Assert.Empty(Find(small.Concat(others), CalibrationFlagKind.HtxsShareAbovePeers));
    }

    [Fact]
    public void Near_identical_scores_across_a_team_of_five_are_flagged_as_cao_bang()
    {
        var flat = new[] { 85m, 85m, 85.5m, 85m, 86m }.Select((s, i) => E($"F{i}", "MF", s));
        var spread = new[] { 80m, 82m, 84m, 86m, 88m }.Select((s, i) => E($"S{i}", "MS", s));
        var small = Enumerable.Range(1, 4).Select(i => E($"T{i}", "MT", 85));

        var flag = Assert.Single(Find(flat.Concat(spread).Concat(small), CalibrationFlagKind.FlatScores));

        Assert.Equal("MF", flag.Subject);
        Assert.Equal("n = 5, σ = 0.4 ≤ 1, 85 – 86", flag.Explanation.Formula);
    }

    [Fact]
    public void A_manual_adjustment_of_computed_task_points_is_flagged_with_both_numbers_and_the_reason()
    {
        var adjusted = E("CB1", "M1", 80) with { Adjustment = new Core.Evaluation.Cycles.TaskPointsAdjustment(52.5m, 60m, "Lỗi phần mềm") };

        var flag = Assert.Single(Find([adjusted, E("CB2", "M1", 70)], CalibrationFlagKind.ManualAdjustment));

        Assert.Equal("M1", flag.Subject);
        Assert.Equal(["CB1"], flag.StaffCodes);
        Assert.Equal(["M1", "CB1", "52.5", "60", "+7.5", "Lỗi phần mềm"], flag.Explanation.Arguments);
        Assert.Equal("CB1: 52.5 → 60 (+7.5)", flag.Explanation.Formula);
    }
}
