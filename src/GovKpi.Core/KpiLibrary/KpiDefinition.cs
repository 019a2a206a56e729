namespace GovKpi.Core.KpiLibrary;

public enum KpiKind
{
    /// <summary>Counted from operational records (dossier system, surveys, complaints).</summary>
    Quantitative,
    /// <summary>A behavioural rating given by the manager or peers against written anchors.</summary>
    Qualitative,
}

public enum KpiDirection
{
    HigherIsBetter,
    LowerIsBetter,
}

public enum MeasurementPeriod
{
    Month,
    Quarter,
    Year,
}

/// <summary>
/// One version of a KPI definition, valid over <c>[EffectiveFrom, EffectiveTo)</c>. A change of
/// meaning, target or formula makes a new version so that past scores keep their rules.
/// </summary>
public sealed record KpiDefinition
{
    public required string Code { get; init; }
    public int Version { get; init; } = 1;
    public required string NameVi { get; init; }
    public required string NameEn { get; init; }
    public string Description { get; init; } = "";
    public required KpiKind Kind { get; init; }
    /// <summary>Name of the formula in the measurement engine (e.g. <c>on_time_rate</c>); empty for ratings.</summary>
    public string? FormulaRef { get; init; }
    /// <summary>The KPI value this definition reads from the measurement engine: its formula, else its own code.</summary>
    public string MeasuredAs => FormulaRef ?? Code;
    /// <summary>Unit of measure: <c>%</c>, <c>dossiers/day</c>, <c>points (1–5)</c>, <c>rating</c>.</summary>
    public required string UnitOfMeasure { get; init; }
    public required KpiDirection Direction { get; init; }
    /// <summary>The value to reach (at least, or at most for lower-is-better). For ratings, a <see cref="RatingLevel"/> as a number.</summary>
    public decimal? Target { get; init; }
    /// <summary>Value at which the KPI turns amber: close to missing the target.</summary>
    public decimal? WarningThreshold { get; init; }
    /// <summary>Value at which the KPI turns red: clearly missed.</summary>
    public decimal? CriticalThreshold { get; init; }
    public string DataSource { get; init; } = "";
    public MeasurementPeriod? Period { get; init; }
    public required DateOnly EffectiveFrom { get; init; }
    public DateOnly? EffectiveTo { get; init; }

    public bool IsActiveOn(DateOnly day) => EffectiveFrom <= day && (EffectiveTo is null || day < EffectiveTo);
}

/// <summary>Scale of qualitative ratings; targets of rating KPIs are one of these levels.</summary>
public enum RatingLevel
{
    Weak = 1,
    Fair = 2,
    Good = 3,
    Excellent = 4,
}
