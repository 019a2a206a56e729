using GovKpi.Core.Calendar;
using GovKpi.Core.Measurement;

namespace GovKpi.Core.Anomalies;

/// <summary>
/// Looks through the dossier records for the signs of gaming the numbers that DOMAIN.md's KPIs
/// invite (docs/ASSISTANT.md, "Anomalies"): refusing or sending back a dossier just before it
/// would be late (it then counts as finished on time), closing dossiers in bulk, and an on-time
/// rate bought with refusals. Each rule compares a handler with peers handling the same kinds of
/// dossiers, or with their own pace, and reports the dossiers behind what it found.
/// </summary>
public static class AnomalyDetector
{
    /// <param name="versions">Every row of dossiers.csv: the latest version of each dossier says how it ended; earlier ones show supplement requests and when they were made.</param>
    public static AnomalyReport Detect(IEnumerable<DossierVersion> versions, WorkingCalendar calendar, AnomalyOptions? options = null)
    {
        var records = new AnomalyRecords(versions.ToList(), calendar, options ?? new AnomalyOptions());
        var findings = new List<AnomalyFinding>();
        var tested = new Dictionary<AnomalyRule, int>();
        findings.AddRange(DeadlineBunching.Find(records, out var bunchingTested));
        tested[AnomalyRule.DeadlineBunching] = bunchingTested;
        findings.AddRange(CompletionBursts.Find(records, out var burstTested));
        tested[AnomalyRule.CompletionBurst] = burstTested;
        findings.AddRange(OnTimeWithRefusals.Find(records, out var refusalTested));
        tested[AnomalyRule.OnTimeWithRefusals] = refusalTested;
        return new AnomalyReport(
            [.. findings.OrderBy(f => f.Rule).ThenBy(f => f.HandlerCode, StringComparer.Ordinal).ThenBy(f => f.From)],
            tested);
    }
}

/// <summary>The records the rules read, prepared once.</summary>
internal sealed class AnomalyRecords
{
    public AnomalyRecords(List<DossierVersion> versions, WorkingCalendar calendar, AnomalyOptions options)
    {
        Versions = versions;
        Calendar = calendar;
        Options = options;
        var latest = new Dictionary<string, DossierVersion>(StringComparer.Ordinal);
        foreach (var version in versions)
        {
            if (!latest.TryGetValue(version.DossierId, out var kept) || version.UpdatedAt > kept.UpdatedAt)
            {
                latest[version.DossierId] = version;
            }
        }

        Latest = [.. latest.Values.OrderBy(d => d.DossierId, StringComparer.Ordinal)];
        UnitOf = Latest.Where(d => !string.IsNullOrEmpty(d.HandlerCode))
            .GroupBy(d => d.HandlerCode!, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.GroupBy(d => d.UnitCode, StringComparer.Ordinal).OrderByDescending(u => u.Count()).ThenBy(u => u.Key, StringComparer.Ordinal).First().Key,
                StringComparer.Ordinal);
    }

    public List<DossierVersion> Versions { get; }
    public WorkingCalendar Calendar { get; }
    public AnomalyOptions Options { get; }

    /// <summary>The latest version of each dossier, sorted by id so that every rule sees them in the same order.</summary>
    public List<DossierVersion> Latest { get; }

    /// <summary>The unit most of each handler's dossiers belong to.</summary>
    public Dictionary<string, string> UnitOf { get; }

    public static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(VietnamTime.Offset).DateTime);

    /// <summary>
    /// The stretches of time a handler is tested over: all the records given (a steady habit
    /// shows best over the longest time), then each calendar quarter they cover when there is
    /// more than one (a habit taken up for one quarter, as people are evaluated, would be diluted
    /// by the rest of the year). Every stretch counts as a test in the correction for testing many.
    /// </summary>
    public static IEnumerable<List<T>> Stretches<T>(List<T> items, Func<T, DateTimeOffset> at)
    {
        yield return items;
        var quarters = items.GroupBy(i => Quarter(at(i))).OrderBy(q => q.Key.From).ToList();
        if (quarters.Count > 1)
        {
            foreach (var quarter in quarters)
            {
                yield return quarter.ToList();
            }
        }
    }

    /// <summary>A handler's most telling finding of a rule: the one with the smallest chance (the first of equals).</summary>
    public static IEnumerable<AnomalyFinding> MostTellingPerHandler(IEnumerable<(AnomalyFinding Finding, double Chance)> flagged) =>
        flagged.GroupBy(f => f.Finding.HandlerCode, StringComparer.Ordinal).Select(g => g.MinBy(f => f.Chance).Finding);

    /// <summary>The calendar quarter an instant falls in, in local dates.</summary>
    public static ReportingPeriod Quarter(DateTimeOffset instant)
    {
        var day = LocalDate(instant);
        return ReportingPeriod.Quarter(day.Year, (day.Month + 2) / 3);
    }
}
