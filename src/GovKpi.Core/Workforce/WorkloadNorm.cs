namespace GovKpi.Core.Workforce;

/// <summary>
/// What one working day of a position holds (định mức): either <see cref="DossiersPerDay"/>
/// dossiers handled or <see cref="StandardProductsPerDay"/> standard products (sản phẩm chuẩn).
/// A day that holds some of each is filled by the sum of the two fractions.
/// </summary>
public sealed record WorkloadNorm
{
    public required string PositionCode { get; init; }
    public decimal DossiersPerDay { get; init; } = WorkloadNorms.DefaultDossiersPerDay;
    public decimal StandardProductsPerDay { get; init; } = WorkloadNorms.DefaultStandardProductsPerDay;

    /// <summary>The share of a norm day that <paramref name="dossiers"/> and <paramref name="products"/> fill.</summary>
    public decimal NormDays(int dossiers, decimal products) =>
        (DossiersPerDay > 0 ? dossiers / DossiersPerDay : 0) + (StandardProductsPerDay > 0 ? products / StandardProductsPerDay : 0);
}

/// <summary>The norms per position, with a default for a position HR has not set.</summary>
public sealed class WorkloadNorms(IEnumerable<WorkloadNorm> norms)
{
    /// <summary>
    /// Eight dossiers a day: a one-stop desk handling 20–40 minute procedures for most of a
    /// working day. One standard product a day: the task catalogue's coefficients are set so
    /// that an ordinary product of one working day is 1 (DOMAIN.md, "standard products").
    /// </summary>
    public const decimal DefaultDossiersPerDay = 8m;
    public const decimal DefaultStandardProductsPerDay = 1m;

    /// <summary>A unit above this load ratio is over capacity (the norm itself).</summary>
    public const decimal OverAbove = 1.0m;

    /// <summary>A unit below this load ratio is under capacity: a fifth of its days idle.</summary>
    public const decimal UnderBelow = 0.8m;

    private readonly Dictionary<string, WorkloadNorm> _byPosition = norms.ToDictionary(n => n.PositionCode, StringComparer.Ordinal);

    public IReadOnlyCollection<WorkloadNorm> Set => _byPosition.Values;

    public WorkloadNorm For(string positionCode) =>
        _byPosition.TryGetValue(positionCode, out var norm) ? norm : new WorkloadNorm { PositionCode = positionCode };

    /// <summary>The problems of a norm as given, keyed by field; none when it can be stored.</summary>
    public static IReadOnlyList<(string Field, string Reason)> Check(WorkloadNorm norm)
    {
        var problems = new List<(string, string)>();
        if (norm.DossiersPerDay < 0 || norm.DossiersPerDay > 1000)
        {
            problems.Add(("dossiers_per_day", "must be between 0 and 1000"));
        }

        if (norm.StandardProductsPerDay < 0 || norm.StandardProductsPerDay > 100)
        {
            problems.Add(("standard_products_per_day", "must be between 0 and 100"));
        }

        if (norm.DossiersPerDay == 0 && norm.StandardProductsPerDay == 0)
        {
            problems.Add(("dossiers_per_day", "a norm needs dossiers or standard products per day"));
        }

        return problems;
    }
}
