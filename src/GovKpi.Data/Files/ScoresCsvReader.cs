using System.Globalization;
using GovKpi.Core.Evaluation;

namespace GovKpi.Data.Files;

/// <summary>scores.csv: one year score per person, the input of <c>govkpi classify</c> (CONTRACTS.md).</summary>
public static class ScoresCsvReader
{
    private const int StaffCode = 0, AgencyCode = 1, GroupCode = 2, Score = 3, ForcedKht = 4;

    public static IReadOnlyList<ContractColumn> Columns { get; } =
    [
        new("staff_code", true), new("agency_code", true), new("group_code", true), new("score", true), new("forced_kht", false),
    ];

    public static IEnumerable<Located<ScoredPerson>> Read(Stream input, string file, CsvDiagnostics diagnostics) =>
        ContractCsv.Read(input, file, diagnostics, Columns, Parse);

    private static ScoredPerson? Parse(CsvRow row)
    {
        var staff = row.Code(StaffCode);
        var agency = row.Code(AgencyCode);
        var group = row.Code(GroupCode);
        var score = ParseScore(row);
        var forced = row.OptionalBoolean(ForcedKht, byDefault: false);
        return row.HasProblems ? null : new ScoredPerson(staff, agency, group, score, forced);
    }

    private static decimal ParseScore(CsvRow row)
    {
        var text = row.Field(Score).Trim();
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var score))
        {
            row.Problem(Score, $"'{text}' is not a decimal number (use '.' as the decimal separator)");
            return 0;
        }

        if (score is < 0 or > 100)
        {
            row.Problem(Score, string.Create(CultureInfo.InvariantCulture, $"{score} is outside 0 – 100"));
        }

        return score;
    }
}
