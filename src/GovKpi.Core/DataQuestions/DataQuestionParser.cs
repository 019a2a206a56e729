using System.Globalization;
using System.Text.RegularExpressions;
using GovKpi.Core.Measurement;

namespace GovKpi.Core.DataQuestions;

/// <summary>
/// Maps a question in Vietnamese (with or without diacritics) or English to a
/// <see cref="DataQuestion"/> by the words it contains: a measure, a level, a period, a ranking
/// and a count. Words are matched on the folded text (no diacritics, <c>đ</c> as <c>d</c>), so
/// "xa nao co ty le tre han cao nhat quy 3" is understood like the question with its diacritics.
/// </summary>
public static partial class DataQuestionParser
{
    // Earlier entries win: "hoàn thành đúng hạn" is about on-time, "không đúng hạn" about late.
    private static readonly (DataMeasure Measure, string[] Phrases)[] Measures =
    [
        (new(KpiFormula.OnTimeRate, Complement: true), ["khong dung han", "tre han", "tre hen", "qua han", "cham tre", "late", "overdue"]),
        (new(KpiFormula.OnTimeRate, Complement: false), ["dung han", "dung hen", "on time", "ontime", "punctual"]),
        (new(KpiFormula.ErrorReturnRate, Complement: false), ["tra lai do loi", "do loi", "sai sot", "loi", "error", "errors"]),
        (new(KpiFormula.ComplaintRate, Complement: false), ["khieu nai", "phan anh", "kien nghi", "pakn", "complaint", "complaints"]),
        (new(KpiFormula.SatisfactionAvg, Complement: false), ["hai long", "satisfaction", "satisfied"]),
        (new(KpiFormula.OnlineShare, Complement: false), ["truc tuyen", "online"]),
        (new(KpiFormula.PerWorkingDay, Complement: false),
            ["ngay lam viec", "moi ngay", "nang suat", "so ho so", "bao nhieu ho so", "nhieu ho so", "it ho so", "per working day", "per day", "productivity", "dossiers"]),
        (new(KpiFormula.CompletionRate, Complement: false), ["hoan thanh", "giai quyet xong", "completion", "completed"]),
    ];

    private static readonly (SubjectLevel Level, string[] Phrases)[] Levels =
    [
        (SubjectLevel.Staff, ["can bo", "cong chuc", "vien chuc", "nhan vien", "chuyen vien", "nguoi", "ai", "staff", "who", "official", "officials", "handler", "handlers"]),
        (SubjectLevel.Commune, ["xa", "phuong", "dac khu", "commune", "communes", "ward", "wards"]),
        // "so" alone is also "số" (number): only phrases that cannot be read so.
        (SubjectLevel.Agency, ["so nao", "cac so", "moi so", "so ban nganh", "ban nganh", "co quan", "agency", "agencies", "department", "departments"]),
        (SubjectLevel.Unit, ["don vi", "phong", "unit", "units"]),
    ];

    private static readonly string[] Highest = ["cao nhat", "nhieu nhat", "lon nhat", "highest", "most", "largest"];
    private static readonly string[] Lowest = ["thap nhat", "it nhat", "nho nhat", "lowest", "least", "fewest", "smallest"];
    private static readonly string[] Best = ["tot nhat", "dan dau", "best", "top performing"];
    private static readonly string[] Worst = ["kem nhat", "te nhat", "yeu nhat", "worst"];

    /// <summary>Parses <paramref name="question"/>; relative periods ("quý này", "last month") are read against <paramref name="today"/>.</summary>
    public static DataQuestionParse Parse(string question, DateOnly today)
    {
        var text = " " + Words(VietnameseText.Fold(question)) + " ";
        // "người dân" are the citizens who rate a service, not staff to rank.
        var subjectText = text.Replace(" nguoi dan ", " ", StringComparison.Ordinal).Replace(" cong dan ", " ", StringComparison.Ordinal);
        var problems = new List<DataQuestionProblem>();

        var measure = Measures.FirstOrDefault(m => m.Phrases.Any(p => Has(text, p))).Measure;
        if (measure is null)
        {
            problems.Add(DataQuestionProblem.NoMeasure);
        }

        var level = Levels.FirstOrDefault(l => l.Phrases.Any(p => Has(subjectText, p)));
        var subjectLevel = level.Phrases is null ? SubjectLevel.Unit : level.Level;

        var period = ParsePeriod(text, today, out var kind, out var assumed);
        if (period is null)
        {
            problems.Add(DataQuestionProblem.InvalidPeriod);
        }

        if (problems.Count > 0)
        {
            return new DataQuestionParse(null, problems, assumed);
        }

        var ranking = Any(text, Lowest) ? Ranking.Lowest
            : Any(text, Best) ? (measure!.HigherIsBetter ? Ranking.Highest : Ranking.Lowest)
            : Any(text, Worst) ? (measure!.HigherIsBetter ? Ranking.Lowest : Ranking.Highest)
            : Ranking.Highest;

        return new DataQuestionParse(new DataQuestion(measure!, subjectLevel, period!.Value, kind, ranking, Top(text)), problems, assumed);
    }

    /// <summary>The words and numbers of the text, single-spaced; "Q3/2026" becomes "q3 2026".</summary>
    private static string Words(string folded) => string.Join(' ', WordPattern().Matches(folded).Select(m => m.Value));

    private static bool Has(string text, string phrase) => text.Contains(" " + phrase + " ", StringComparison.Ordinal);

    private static bool Any(string text, string[] phrases) => phrases.Any(p => Has(text, p));

    private static int Top(string text)
    {
        var match = TopPattern().Match(text);
        if (!match.Success)
        {
            return DataQuestion.DefaultTop;
        }

        var digits = match.Groups["n"].Success ? match.Groups["n"].Value : match.Groups["m"].Value;
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 1, DataQuestion.MaximumTop) : DataQuestion.DefaultTop;
    }

    private static ReportingPeriod? ParsePeriod(string text, DateOnly today, out PeriodKind kind, out bool assumed)
    {
        assumed = false;
        var thisQuarter = (today.Month + 2) / 3;
        if (Any(text, ["thang nay", "this month"]))
        {
            kind = PeriodKind.Month;
            return ReportingPeriod.Month(today.Year, today.Month);
        }

        if (Any(text, ["thang truoc", "last month", "previous month"]))
        {
            kind = PeriodKind.Month;
            var last = today.AddMonths(-1);
            return ReportingPeriod.Month(last.Year, last.Month);
        }

        if (Any(text, ["quy nay", "this quarter"]))
        {
            kind = PeriodKind.Quarter;
            return ReportingPeriod.Quarter(today.Year, thisQuarter);
        }

        if (Any(text, ["quy truoc", "last quarter", "previous quarter"]))
        {
            kind = PeriodKind.Quarter;
            return thisQuarter == 1 ? ReportingPeriod.Quarter(today.Year - 1, 4) : ReportingPeriod.Quarter(today.Year, thisQuarter - 1);
        }

        var year = YearPattern().Match(text) is { Success: true } y ? int.Parse(y.Groups["y"].Value, CultureInfo.InvariantCulture) : (int?)null;
        if (Any(text, ["nam truoc", "nam ngoai", "last year", "previous year"]))
        {
            year = today.Year - 1;
        }
        else if (Any(text, ["nam nay", "this year"]))
        {
            year = today.Year;
        }

        if (MonthPattern().Match(text) is { Success: true } month)
        {
            kind = PeriodKind.Month;
            var m = int.Parse(month.Groups["m"].Value, CultureInfo.InvariantCulture);
            if (m is < 1 or > 12)
            {
                return null;
            }

            var monthYear = year ?? (new DateOnly(today.Year, m, 1) > today ? today.Year - 1 : today.Year);
            return ReportingPeriod.Month(monthYear, m);
        }

        if (QuarterPattern().Match(text) is { Success: true } quarter)
        {
            kind = PeriodKind.Quarter;
            var q = Quarter(quarter.Groups["q"].Value);
            if (q is < 1 or > 4)
            {
                return null;
            }

            var quarterYear = year ?? (q > thisQuarter ? today.Year - 1 : today.Year);
            return ReportingPeriod.Quarter(quarterYear, q);
        }

        if (year is { } wholeYear)
        {
            kind = PeriodKind.Year;
            return ReportingPeriod.Year(wholeYear);
        }

        assumed = true;
        kind = PeriodKind.Quarter;
        return ReportingPeriod.Quarter(today.Year, thisQuarter);
    }

    private static int Quarter(string written) => written switch
    {
        "i" or "first" => 1,
        "ii" or "second" => 2,
        "iii" or "third" => 3,
        "iv" or "fourth" => 4,
        _ => int.TryParse(written, NumberStyles.None, CultureInfo.InvariantCulture, out var q) ? q : 0,
    };

    [GeneratedRegex(@"\p{L}+|\d+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"(?<!\b(?:thang|quy|q|month|quarter|nam)) (?:top (?<n>\d{1,3})|(?<m>\d{1,2}) (?:xa|phuong|so|don vi|can bo|cong chuc|nguoi|communes?|agencies|units?|staff|officials)) ")]
    private static partial Regex TopPattern();

    [GeneratedRegex(@" (?:thang|month) (?<m>\d{1,2}) ")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@" (?:quy (?<q>\d|i{1,3}|iv)|q (?<q>\d)|quarter (?<q>\d)|(?<q>first|second|third|fourth) quarter) ")]
    private static partial Regex QuarterPattern();

    [GeneratedRegex(@" (?<y>20\d{2}) ")]
    private static partial Regex YearPattern();
}
