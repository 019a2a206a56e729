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

    public const decimal MaxDossiersPerDay = 1000m;
    public const decimal MaxStandardProductsPerDay = 100m;

    /// <summary>
    /// The problems of a whole table of norms as HR gives it (each position known, once), keyed
    /// <c>norms[i].field</c>; none when it can replace the stored one.
    /// </summary>
    public static IReadOnlyList<WorkforceProblem> CheckTable(IReadOnlyList<WorkloadNorm> norms, IReadOnlySet<string> positions)
    {
        var problems = new List<WorkforceProblem>();
        for (var i = 0; i < norms.Count; i++)
        {
            var at = $"norms[{i}]";
            if (string.IsNullOrWhiteSpace(norms[i].PositionCode))
            {
                problems.Add(new($"{at}.position_code", WorkforceKeys.Required));
            }
            else if (!positions.Contains(norms[i].PositionCode))
            {
                problems.Add(new($"{at}.position_code", WorkforceKeys.UnknownPosition, norms[i].PositionCode));
            }
            else if (norms.Take(i).Any(n => n.PositionCode == norms[i].PositionCode))
            {
                problems.Add(new($"{at}.position_code", WorkforceKeys.GivenTwice));
            }

            problems.AddRange(Check(norms[i]).Select(p => p with { Field = $"{at}.{p.Field}" }));
        }

        return problems;
    }

    /// <summary>The problems of one norm as given, keyed by field; none when it can be stored.</summary>
    public static IReadOnlyList<WorkforceProblem> Check(WorkloadNorm norm)
    {
        var problems = new List<WorkforceProblem>();
        if (norm.DossiersPerDay < 0 || norm.DossiersPerDay > MaxDossiersPerDay)
        {
            problems.Add(new("dossiers_per_day", WorkforceKeys.OutOfRange, "0", Number(MaxDossiersPerDay)));
        }

        if (norm.StandardProductsPerDay < 0 || norm.StandardProductsPerDay > MaxStandardProductsPerDay)
        {
            problems.Add(new("standard_products_per_day", WorkforceKeys.OutOfRange, "0", Number(MaxStandardProductsPerDay)));
        }

        if (norm.DossiersPerDay == 0 && norm.StandardProductsPerDay == 0)
        {
            problems.Add(new("dossiers_per_day", WorkforceKeys.NormEmpty));
        }

        return problems;
    }

    private static string Number(decimal value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
