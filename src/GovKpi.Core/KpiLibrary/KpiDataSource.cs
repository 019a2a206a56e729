using GovKpi.Core.Measurement;

namespace GovKpi.Core.KpiLibrary;

/// <summary>
/// Where a KPI's values come from: one of the kinds of record or rating GovKpi holds. The list
/// is closed because a KPI is only objective when something GovKpi records gives it a value
/// (seed 001: a KPI that nobody can measure becomes a formality). <see cref="Records"/> names
/// the records whose formulas the measurement engine computes (the formula's numerator counts
/// them); <see cref="Rates"/> says the source gives a level on the anchored rating scale.
/// </summary>
public sealed record KpiDataSource(string Code, RecordSource? Records, bool Rates)
{
    /// <summary>Administrative dossiers of the one-stop system (dossiers.csv).</summary>
    public const string Dossiers = "dossiers";
    /// <summary>Citizen satisfaction surveys (surveys.csv).</summary>
    public const string Surveys = "surveys";
    /// <summary>Complaints and petitions, upheld or not (complaints.csv).</summary>
    public const string Complaints = "complaints";
    /// <summary>The manager's rating of a behavioural KPI on the evaluation's anchored scale.</summary>
    public const string ManagerRating = "manager_rating";
    /// <summary>Implementation reports of delegated tasks: held and tracked, but no KPI formula reads them yet.</summary>
    public const string DelegatedTaskReports = "delegated_task_reports";
    /// <summary>Training completions of the staff (digital capacity, issue 14): who holds a valid digital or AI course.</summary>
    public const string TrainingRecords = "training_records";

    public static IReadOnlyList<KpiDataSource> All { get; } =
    [
        new(Dossiers, RecordSource.Dossiers, Rates: false),
        new(Surveys, RecordSource.Surveys, Rates: false),
        new(Complaints, RecordSource.Complaints, Rates: false),
        new(ManagerRating, null, Rates: true),
        new(DelegatedTaskReports, null, Rates: false),
        new(TrainingRecords, RecordSource.TrainingCompletions, Rates: false),
    ];

    public static KpiDataSource? Find(string? code) => All.FirstOrDefault(s => s.Code == code?.Trim());

    /// <summary>The codes of the formulas the engine computes from these records, in ordinal order.</summary>
    public IReadOnlyList<string> Formulas { get; } = Records is { } records
        ? [.. KpiFormula.All.Where(f => f.Numerator.Source == records).Select(f => f.Code)]
        : [];

    /// <summary>The source whose records a formula's numerator counts; null for a formula the engine does not compute.</summary>
    public static KpiDataSource? OfFormula(string? formulaRef) => All.FirstOrDefault(s => s.Formulas.Contains(formulaRef?.Trim() ?? ""));
}

/// <summary>Why nothing GovKpi holds can give a KPI its values.</summary>
public enum FeedGap
{
    /// <summary>The data source is not one of <see cref="KpiDataSource.All"/>.</summary>
    UnknownSource,
    /// <summary>GovKpi holds the source, but no formula computes a KPI from it.</summary>
    SourceFeedsNoKpi,
    /// <summary>A rated (qualitative) KPI whose source gives no rating.</summary>
    RatingWithoutRatingSource,
    /// <summary>A measured (quantitative) KPI whose source only gives ratings.</summary>
    MeasureFromRatingSource,
    /// <summary>A measured KPI without a formula reference.</summary>
    MissingFormula,
    /// <summary>A formula reference that the measurement engine does not compute.</summary>
    UnknownFormula,
    /// <summary>The formula counts other records than the named source.</summary>
    FormulaFromOtherSource,
}

/// <summary>
/// A <see cref="FeedGap"/> with its arguments for the localised message (the KPI's code comes
/// first in the message, then these) and the same finding in English for readers without one.
/// </summary>
public sealed record KpiFeedGap(FeedGap Gap, IReadOnlyList<string> Arguments, string Detail)
{
    /// <summary>The field of the definition to correct: its formula reference or its data source.</summary>
    public string Field => Gap is FeedGap.MissingFormula or FeedGap.UnknownFormula ? "formulaRef" : "dataSource";
}

/// <summary>Whether a KPI definition can be fed: its data source is one GovKpi holds and gives values of the KPI's kind.</summary>
public static class KpiFeed
{
    /// <summary>Null when a record or a rating can feed <paramref name="definition"/>; otherwise why not. An empty source is the SMART check's own finding.</summary>
    public static KpiFeedGap? Check(KpiDefinition definition)
    {
        var given = definition.DataSource.Trim();
        var source = KpiDataSource.Find(given);
        var sources = string.Join(", ", KpiDataSource.All.Select(s => s.Code));
        if (source is null)
        {
            return new(FeedGap.UnknownSource, [given, sources],
                $"data source '{given}' is not one GovKpi records (sources: {sources})");
        }

        if (source.Records is null && !source.Rates)
        {
            return new(FeedGap.SourceFeedsNoKpi, [given, KpiDataSource.ManagerRating],
                $"GovKpi holds '{given}' but computes no KPI from it; rate the KPI with '{KpiDataSource.ManagerRating}'");
        }

        if (definition.Kind == KpiKind.Qualitative)
        {
            return source.Rates ? null : new(FeedGap.RatingWithoutRatingSource, [given, KpiDataSource.ManagerRating],
                $"a rated KPI takes its level from '{KpiDataSource.ManagerRating}'; '{given}' gives no rating");
        }

        var recordSources = string.Join(", ", KpiDataSource.All.Where(s => s.Formulas.Count > 0).Select(s => s.Code));
        if (source.Records is null)
        {
            return new(FeedGap.MeasureFromRatingSource, [given, recordSources],
                $"'{given}' only gives ratings; a measured KPI needs the records of {recordSources}");
        }

        var formula = definition.FormulaRef?.Trim() ?? "";
        var formulas = string.Join(", ", KpiFormula.All.Select(f => f.Code));
        if (formula.Length == 0)
        {
            return new(FeedGap.MissingFormula, [given, formulas], $"a measured KPI needs the formula that computes it ({formulas})");
        }

        if (KpiDataSource.OfFormula(formula) is not { } computedFrom)
        {
            return new(FeedGap.UnknownFormula, [formula, formulas], $"formula '{formula}' is not one GovKpi computes ({formulas})");
        }

        return computedFrom == source ? null : new(FeedGap.FormulaFromOtherSource, [given, formula, computedFrom.Code],
            $"formula '{formula}' counts '{computedFrom.Code}', not '{given}'");
    }
}
