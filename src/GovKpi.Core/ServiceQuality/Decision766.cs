using GovKpi.Core.Measurement;

namespace GovKpi.Core.ServiceQuality;

/// <summary>
/// The service index in the manner of Decision 766/QĐ-TTg (DOMAIN.md): 100 points in six groups —
/// transparency 18, progress and results 20, online public services 22, online payment 10,
/// satisfaction 18, digitisation of dossiers and results 12. The split inside a group and the
/// full-points thresholds are this definition's data, not code: a province that reads the
/// decision differently changes them here (and the unit tests say what changed).
/// </summary>
/// <remarks>
/// The groups the records of this system cannot measure — publication of procedures, procedures
/// offered online, online payments, digitised dossiers — are indicators without a KPI: reported as
/// not recorded, never scored from a guess.
/// </remarks>
public static class Decision766
{
    public const string Code = "qd766";

    public static ServiceIndexDefinition Definition { get; } = new(Code,
    [
        new("transparency", [new("transparency.publication", 18m)]),
        new("progress",
        [
            new("progress.on_time", 14m, KpiFormula.OnTimeRate, FullAt: 1.0),
            new("progress.completion", 6m, KpiFormula.CompletionRate, FullAt: 1.0),
        ]),
        new("online",
        [
            new("online.procedures_offered", 10m),
            new("online.dossier_share", 12m, KpiFormula.OnlineShare, FullAt: 0.5),
        ]),
        new("payment", [new("payment.online_payments", 10m)]),
        new("satisfaction", [new("satisfaction.score", 18m, KpiFormula.SatisfactionAvg, FullAt: 5.0)]),
        new("digitisation", [new("digitisation.dossiers", 12m)]),
    ]);
}
