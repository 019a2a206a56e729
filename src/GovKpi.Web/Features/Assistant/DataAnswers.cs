using System.Globalization;
using GovKpi.Core.Access;
using GovKpi.Core.Calendar;
using GovKpi.Core.DataQuestions;
using GovKpi.Core.Measurement;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Data.Measurement;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.KpiValues;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Assistant;

public sealed record DataAnswerRow(int Rank, string Code, string Name, double? Value, string Display, decimal Numerator, decimal Denominator, string ExplainUrl);

/// <summary>
/// The answer to a question on the data: what it was understood as, one sentence, and the table
/// (the page draws its chart in the browser from the same rows, <c>wwwroot/js/charts.js</c>).
/// </summary>
public sealed record DataAnswer(
    string Mode, string Question, string Interpretation, bool PeriodAssumed, string Measure, string MeasureName, string Level,
    DateOnly From, DateOnly To, string Answer, IReadOnlyList<DataAnswerRow> Rows, string PeriodName, bool Percent);

/// <summary>
/// Answers a <see cref="DataQuestion"/> from the stored per-period aggregates (the same numbers as
/// <c>/api/kpis/values</c>), only over the subjects the asking user may see: units in their
/// <see cref="UnitScope"/>, and among people only themselves for a Staff account.
/// </summary>
public sealed class DataAnswers(GovKpiDbContext db, IStringLocalizer<SharedResource> l)
{
    public const string OfflineMode = "offline";

    public async Task<DataAnswer> AnswerAsync(string text, DataQuestion question, bool periodAssumed, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        var period = question.Period;
        var formula = KpiFormula.Find(question.Measure.Kpi)!;
        var exceptions = await db.CalendarExceptions.AsNoTracking().ToListAsync(ct);
        var days = (exceptions.Count == 0 ? WorkingCalendar.Official : new WorkingCalendar(exceptions)).WorkingDays(period.From, period.To);
        var stored = await new KpiAggregateStore(db).IsStoredAsync(period, ct);

        var subjects = await SubjectsAsync(question.Level, period, user, scope, ct);
        var tallies = stored ? await TalliesAsync(question.Level, period, subjects, ct) : [];

        var percent = question.Measure.Kpi is not (KpiFormula.PerWorkingDay or KpiFormula.SatisfactionAvg);
        var ranked = subjects
            .Select(s => (Subject: s, Value: formula.Evaluate(tallies.GetValueOrDefault(s.Code), days)))
            .Where(r => r.Value.Denominator > 0)
            .Select(r => (r.Subject, r.Value, Measure: question.Measure.Of(r.Value)!.Value))
            .OrderBy(r => question.Ranking == Ranking.Highest ? -r.Measure : r.Measure)
            .ThenBy(r => r.Subject.Code, StringComparer.Ordinal)
            .Take(question.Top)
            .Select((r, i) => new DataAnswerRow(i + 1, r.Subject.Code, r.Subject.Name, r.Measure, KpiDisplay.Format(r.Measure, percent),
                question.Measure.Numerator(r.Value), r.Value.Denominator,
                KpiValueReader.ExplainUrl(formula.Code, r.Subject.Scope, r.Subject.Code, period)))
            .ToList();

        var measureName = l["Assistant.Measure." + question.Measure.Code];
        var periodName = PeriodName(question);
        var levelName = l["Assistant.Level." + question.Level];
        var interpretation = l["Assistant.Data.Interpretation", measureName, levelName, periodName,
            l[question.Ranking == Ranking.Highest ? "Assistant.Data.HighestFirst" : "Assistant.Data.LowestFirst"]];
        var answer = ranked.Count == 0
            ? l["Assistant.Data.NoData", measureName, periodName]
            : l["Assistant.Data.Answer", ranked[0].Name, measureName,
                l[question.Ranking == Ranking.Highest ? "Assistant.Data.Highest" : "Assistant.Data.Lowest"], periodName, ranked[0].Display,
                KpiDisplay.Number(ranked[0].Numerator), KpiDisplay.Number(ranked[0].Denominator)];
        return new DataAnswer(OfflineMode, text, interpretation, periodAssumed, question.Measure.Code, measureName,
            question.Level.ToString().ToLowerInvariant(), period.From, period.To, answer, ranked, periodName, percent);
    }

    private sealed record Subject(string Scope, string Code, string Name, IReadOnlyList<string> UnitCodes);

    private async Task<List<Subject>> SubjectsAsync(SubjectLevel level, ReportingPeriod period, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        if (level == SubjectLevel.Staff)
        {
            var staff = await db.Staff.AsNoTracking().OrderBy(s => s.Code).ToListAsync(ct);
            return [.. staff
                .Where(s => user.Role == Role.Staff ? s.Code == user.StaffCode : scope.Contains(s.UnitCode))
                .Select(s => new Subject(KpiScope.Staff, s.Code, s.FullName, []))];
        }

        var last = period.To.AddDays(-1);
        var units = scope.Codes.Select(scope.Tree.Find).OfType<Unit>()
            .Where(u => level switch
            {
                SubjectLevel.Commune => u.Kind == UnitKind.Commune,
                SubjectLevel.Agency => u.Kind == UnitKind.Agency,
                _ => true,
            })
            .Where(u => u.IsActiveOn(last) || (level == SubjectLevel.Unit && u.EffectiveFrom < period.To && (u.EffectiveTo is null || u.EffectiveTo > period.From)))
            .OrderBy(u => u.Code, StringComparer.Ordinal);
        return [.. units.Select(u => level == SubjectLevel.Unit
            ? new Subject(KpiSubjectScope.Unit, u.Code, u.NameVi, [u.Code])
            : new Subject(KpiSubjectScope.Subtree, u.Code, u.NameVi, [.. scope.Tree.SubtreeOf(u.Code).Where(scope.Contains)]))];
    }

    /// <summary>Each subject's tally: a person's own row, or the sum of the rows of a unit's (subtree's) units.</summary>
    private async Task<Dictionary<string, KpiTally>> TalliesAsync(SubjectLevel level, ReportingPeriod period, List<Subject> subjects, CancellationToken ct)
    {
        var rowScope = level == SubjectLevel.Staff ? KpiScope.Staff : KpiScope.Unit;
        var rows = await db.KpiAggregates.AsNoTracking()
            .Where(a => a.PeriodFrom == period.From && a.PeriodTo == period.To && a.Scope == rowScope)
            .ToListAsync(ct);
        var byCode = rows.ToDictionary(r => r.Code, r => r.ToTally(), StringComparer.Ordinal);

        var tallies = new Dictionary<string, KpiTally>(StringComparer.Ordinal);
        foreach (var subject in subjects)
        {
            var tally = new KpiTally();
            foreach (var code in level == SubjectLevel.Staff ? [subject.Code] : subject.UnitCodes)
            {
                if (byCode.TryGetValue(code, out var row))
                {
                    tally.Add(row);
                }
            }

            tallies[subject.Code] = tally;
        }

        return tallies;
    }

    private string PeriodName(DataQuestion question)
    {
        var from = question.Period.From;
        return question.PeriodKind switch
        {
            PeriodKind.Month => l["Assistant.Period.Month", from.Month, from.Year],
            PeriodKind.Quarter => l["Assistant.Period.Quarter", (from.Month + 2) / 3, from.Year],
            _ => l["Assistant.Period.Year", from.Year.ToString(CultureInfo.InvariantCulture)],
        };
    }
}
