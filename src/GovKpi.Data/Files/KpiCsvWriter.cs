using System.Globalization;
using GovKpi.Core.Measurement;

namespace GovKpi.Data.Files;

/// <summary>
/// The output of <c>govkpi compute</c> (CONTRACTS.md): header
/// <c>scope,scope_code,kpi,numerator,denominator,value</c>, one row per <see cref="KpiRow"/> in
/// the order given, with the conventions of every GovKpi file (<see cref="CsvRowWriter"/>).
/// </summary>
public static class KpiCsvWriter
{
    public static IReadOnlyList<string> Columns { get; } = ["scope", "scope_code", "kpi", "numerator", "denominator", "value"];

    /// <summary>Significant digits every value shows at least (CONTRACTS.md).</summary>
    public const int SignificantDigits = 6;

    public static void Write(Stream output, IEnumerable<KpiRow> rows)
    {
        using var csv = new CsvRowWriter(output, Columns);
        foreach (var row in rows)
        {
            csv.Field(row.Scope);
            csv.Field(row.ScopeCode);
            csv.Field(row.Kpi);
            csv.Number(WholeNumber(row.Value.Numerator));
            csv.Number(WholeNumber(row.Value.Denominator));
            csv.Number(row.Value.Value is { } value ? FormatValue(value) : null);
            csv.EndRow();
        }
    }

    /// <summary>
    /// A value in plain decimal notation, never with an exponent: the shortest digits that read
    /// back as the same double, padded with zeros to at least <see cref="SignificantDigits"/>
    /// significant digits (<c>0.500000</c>, <c>0.3333333333333333</c>, <c>0.00000100000</c>,
    /// <c>4000.00</c>), so that the precision the contract promises is visible in every value.
    /// </summary>
    public static string FormatValue(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A KPI value is a finite number.");
        }

        if (value == 0)
        {
            return "0." + new string('0', SignificantDigits - 1);
        }

        // "R" gives the shortest round-trip digits, as d.ddd or d.dddE±xx.
        var roundTrip = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = roundTrip.IndexOf('E', StringComparison.Ordinal);
        var mantissa = exponentAt < 0 ? roundTrip : roundTrip[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(roundTrip.AsSpan(exponentAt + 1), CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = point < 0 ? mantissa.Length : point;
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal);

        // Make value = 0.digits × 10^pointAt, with no leading zero in digits.
        var pointAt = integerDigits + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits[leadingZeros..].TrimEnd('0');
        pointAt -= leadingZeros;
        digits = digits.PadRight(Math.Max(SignificantDigits, pointAt), '0');

        var text = pointAt <= 0
            ? "0." + new string('0', -pointAt) + digits
            : pointAt >= digits.Length ? digits : digits[..pointAt] + "." + digits[pointAt..];
        return value < 0 ? "-" + text : text;
    }

    private static string WholeNumber(decimal value) => decimal.Truncate(value) == value
        ? value.ToString("0", CultureInfo.InvariantCulture)
        : throw new ArgumentOutOfRangeException(nameof(value), value, "Numerators and denominators are counts or sums of scores.");
}
