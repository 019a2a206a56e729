using GovKpi.Core.Anomalies;
using GovKpi.Core.DemoProvince;
using GovKpi.Core.Measurement;

namespace GovKpi.Core.Tests.Anomalies;

/// <summary>
/// The detector on generated provinces: it finds the gaming planted into one (with the dossiers
/// that were tampered with) and nothing in clean ones. The demo generator has no gaming of its
/// own, so every finding on clean data is a false alarm.
/// </summary>
public class PlantedAnomalyTests
{
    private const int Staff = 300, Count = 20_000;

    private sealed record Planted(List<DossierVersion> Versions, string Gamer, HashSet<string> Refused, string Burster, List<string> Burst);

    /// <summary>
    /// Seed 2026 (the demo installation's) with two handlers turned bad: the gamer refuses, on the
    /// afternoon of its due date, every dossier that would have been late; the burster closes
    /// eight open-then-finished dossiers within four minutes one morning.
    /// </summary>
    private static Planted Plant()
    {
        var province = DemoProvinceGenerator.Generate(2026, Staff);
        var dossiers = DemoProvinceGenerator.Dossiers(province, Count).ToList();
        var busiest = dossiers.Select(d => d.Current.HandlerCode).OfType<string>()
            .GroupBy(h => h).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
        var (gamer, burster) = (busiest[3], busiest[5]);
        var random = new Random(7);
        var refused = new HashSet<string>(StringComparer.Ordinal);
        var burstAt = new DateTimeOffset(2025, 10, 15, 9, 0, 0, TimeSpan.FromHours(7));
        var burst = dossiers.Select(d => d.Current)
            .Where(d => d.HandlerCode == burster && d.Status == DossierStatus.ResultReturned && d.ReceivedAt < burstAt.AddDays(-1) && d.FinishedAt > burstAt)
            .Take(8).Select(d => d.DossierId).ToList();

        var versions = new List<DossierVersion>();
        foreach (var dossier in dossiers)
        {
            var current = dossier.Current;
            var tampered = current;
            if (current is { HandlerCode: var h, FinishedAt: { } finished } && h == gamer && current.Status != DossierStatus.Withdrawn && finished > current.DueAt)
            {
                var at = current.DueAt.AddMinutes(-random.Next(10, 180));
                if (at > current.ReceivedAt)
                {
                    tampered = current with { Status = DossierStatus.Refused, FinishedAt = at, UpdatedAt = at };
                    refused.Add(current.DossierId);
                }
            }

            var position = burst.IndexOf(current.DossierId);
            if (position >= 0)
            {
                var at = burstAt.AddSeconds(30 * position);
                tampered = current with { FinishedAt = at, UpdatedAt = at, Status = DossierStatus.Processed };
            }

            versions.AddRange(dossier.Versions.Take(dossier.Versions.Count - 1).Where(v => v.UpdatedAt < tampered.UpdatedAt));
            versions.Add(tampered);
        }

        return new Planted(versions, gamer, refused, burster, burst);
    }

    [Fact]
    public void The_planted_gaming_is_found_with_the_tampered_dossiers_and_nothing_else_is()
    {
        var planted = Plant();
        Assert.True(planted.Refused.Count >= 50, $"{planted.Refused.Count} dossiers refused");
        Assert.Equal(8, planted.Burst.Count);

        var report = AnomalyDetector.Detect(planted.Versions, DemoProvinceGenerator.Generate(2026, Staff).Calendar);

        // Every tampered dossier is among the records behind the findings (with the gamer's ordinary refusals near a deadline).
        var bunching = Assert.Single(report.Findings, f => f.Rule == AnomalyRule.DeadlineBunching);
        Assert.Equal(planted.Gamer, bunching.HandlerCode);
        Assert.Subset(bunching.DossierIds.ToHashSet(), planted.Refused);
        var refusals = Assert.Single(report.Findings, f => f.Rule == AnomalyRule.OnTimeWithRefusals);
        Assert.Equal(planted.Gamer, refusals.HandlerCode);
        Assert.Subset(refusals.DossierIds.ToHashSet(), planted.Refused);
        var burst = Assert.Single(report.Findings, f => f.Rule == AnomalyRule.CompletionBurst);
        Assert.Equal(planted.Burster, burst.HandlerCode);
        Assert.Equal(planted.Burst.Order(StringComparer.Ordinal), burst.DossierIds);
        Assert.Equal(3, report.Findings.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(2026)]
    public void Clean_demo_data_gives_no_finding(int seed)
    {
        var province = DemoProvinceGenerator.Generate(seed, Staff);

        var report = AnomalyDetector.Detect(DemoProvinceGenerator.DossierVersions(province, Count), province.Calendar);

        Assert.Empty(report.Findings);
        Assert.All(report.Tested.Values, tested => Assert.True(tested > 20));
    }
}
