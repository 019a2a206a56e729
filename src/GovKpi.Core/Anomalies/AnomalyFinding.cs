namespace GovKpi.Core.Anomalies;

/// <summary>The signs of gaming the numbers the detector looks for (docs/ASSISTANT.md, "Anomalies").</summary>
public enum AnomalyRule
{
    /// <summary>Refusals or supplement requests bunched just before the appointment date, more than peers do for the same procedures.</summary>
    DeadlineBunching,
    /// <summary>Many dossiers finished by one handler within minutes, far more than their own pace allows by chance.</summary>
    CompletionBurst,
    /// <summary>An on-time rate well above peers' together with far more refusals than peers (late dossiers refused to keep the rate).</summary>
    OnTimeWithRefusals,
}

/// <summary>
/// One number behind a finding: how many of <see cref="OutOf"/> records showed it, how many
/// were expected from peers (or the handler's own pace), and the chance of a result at least as
/// extreme if nothing were wrong (<see cref="PValue"/>, before the correction for testing many handlers).
/// </summary>
/// <param name="What">
/// <c>near_deadline</c> (refusals and supplement requests on the due date; also
/// <c>refusals_near_deadline</c> and <c>supplement_requests_near_deadline</c> apart), <c>in_window</c>
/// (completions within the burst window), <c>refused</c> (refusals among finished dossiers), or
/// <c>late</c> (finished after the due time; the p-value is for so few).
/// </param>
public sealed record AnomalyMeasure(string What, int Observed, double Expected, int OutOf, double PValue);

/// <summary>
/// A handler whose records look like gaming, with the numbers and the dossiers behind it. A
/// finding is a reason to look, not a verdict: a manager reads the dossiers it lists.
/// </summary>
/// <param name="UnitCode">The unit most of the handler's dossiers belong to.</param>
/// <param name="From">Time of the first event behind the finding (refusal, request, completion).</param>
/// <param name="To">Time of the last event behind the finding.</param>
/// <param name="DossierIds">The dossiers that make the finding: the bunched events, the burst, the refusals; sorted.</param>
public sealed record AnomalyFinding(
    AnomalyRule Rule,
    string HandlerCode,
    string UnitCode,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<AnomalyMeasure> Measures,
    IReadOnlyList<string> DossierIds);

/// <summary>What the detector found, and how many handlers (or handler-quarters) each rule tested: findings ÷ tested is the flag rate.</summary>
public sealed record AnomalyReport(IReadOnlyList<AnomalyFinding> Findings, IReadOnlyDictionary<AnomalyRule, int> Tested);

/// <summary>
/// The thresholds of the rules. Every test controls its false alarms the same way: a handler is
/// flagged when the chance of what they show, had they behaved like their peers, is below
/// <see cref="FalseAlarmRate"/> divided by the number of handlers tested (Bonferroni), so that a
/// clean province gets a false alarm from a rule in at most about one run in a hundred.
/// </summary>
public sealed record AnomalyOptions
{
    /// <summary>Chance, per rule and per run over a clean province, of any false alarm.</summary>
    public double FalseAlarmRate { get; init; } = 0.01;

    /// <summary>
    /// "Just before the deadline": on the due date itself (0), or also within this many working
    /// days before it. The due date alone is the sharper test: on the demo data a planted habit of
    /// refusing late dossiers on their last day had a chance of 2e-16 counted on the due date
    /// alone, 5e-12 with the day before (ordinary short procedures end the day before too).
    /// </summary>
    public int DeadlineWorkingDays { get; init; }

    /// <summary>Fewer bunched events than this is no pattern worth a manager's time, however unlikely.</summary>
    public int MinimumBunchedEvents { get; init; } = 5;

    /// <summary>Completions this close together form a burst; ten minutes is less than any procedure takes to examine.</summary>
    public TimeSpan BurstWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A burst has at least this many completions; two or three at once happen when a citizen files several dossiers together.</summary>
    public int MinimumBurst { get; init; } = 6;

    /// <summary>A civil servant's working day (8 hours), over which a handler's pace is spread.</summary>
    public double WorkingMinutesPerDay { get; init; } = 480;

    /// <summary>Handler-quarters with fewer finished dossiers are not compared with peers: too few to tell a rate.</summary>
    public int MinimumFinished { get; init; } = 20;

    /// <summary>
    /// How unlikely, at most, the handler's few late dossiers must be among peers' rates for the
    /// on-time rate to count as "well above peers". Not corrected for the number of handlers: it
    /// only corroborates the refusal test, which carries the correction.
    /// </summary>
    public double OnTimeAbovePeers { get; init; } = 0.01;
}
