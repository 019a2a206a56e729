using GovKpi.Core.Access;
using GovKpi.Core.Evaluation;
using GovKpi.Core.Evaluation.Cycles;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Evaluation;

/// <summary>One person's year: the score weighted by months worked (each agency's part), the level and what it leads to.</summary>
public sealed record AnnualPersonResponse(
    string StaffCode, string StaffName, string UnitCode, string AgencyCode, StaffType Type, LeaderRole Leader, IReadOnlyList<string> Periods,
    decimal? Score, decimal WorkedMonths, IReadOnlyList<AgencyTime> Agencies, ClassificationLevel? Level, ClassificationReason? Reason,
    decimal? BonusCoefficient, IReadOnlyList<string> Commendations, bool TrainingNeeded, IReadOnlyList<string> Lists,
    IReadOnlyDictionary<int, ClassificationLevel> PreviousLevels, IReadOnlyList<ExplanationLine> Explanation);

/// <summary>A list with its legal or policy name: required by law, commendation candidates, or training.</summary>
public sealed record AnnualListResponse(string Code, string Name, IReadOnlyList<string> StaffCodes);

public sealed record AnnualResponse(int Year, string? UnitCode, string PolicyCode, int Cycles, IReadOnlyList<AnnualPersonResponse> People, IReadOnlyList<AnnualListResponse> Lists);

/// <summary>
/// The annual classification (issue 4, item 6) from the <b>locked</b> results of the year's cycles,
/// province-wide (the HTXS quota spans each agency; a transferred person's periods in both agencies
/// count): <see cref="YearScore"/> per person, <see cref="AnnualClassification"/> over everyone, and
/// the consequences of the policy. Where a person has results of periods that overlap (a quarter
/// and its months), the finer periods count. The policy is the one of the year's latest locked cycle.
/// Earlier years' levels, for the runs the law counts (KHT two years running), are classified the
/// same way from their own locked results.
/// </summary>
public sealed class AnnualResultsReader(GovKpiDbContext db, IStringLocalizer<SharedResource> l)
{
    private static bool English => System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);

    private sealed record Period(EvaluationPeriodRow Row, string StaffName, string UnitCode, PositionGroup Group, LeaderRole Leader, bool ForcedKht);

    private sealed record EvaluationPeriodRow(string StaffCode, EvaluationPeriod Period, string AgencyCode, decimal Score, DateTimeOffset OpenedAt, EvaluationPolicy Policy);

    private sealed record Year(EvaluationPolicy Policy, int Cycles, IReadOnlyList<AnnualPerson> People, IReadOnlyDictionary<string, IReadOnlyList<Period>> Periods);

    public async Task<DeskResult<AnnualResponse>> ReadAsync(Caller caller, int? year, string? unitCode, CancellationToken ct)
    {
        if (caller.User.Role is not (Role.Hr or Role.Leader))
        {
            return DeskResult<AnnualResponse>.Forbidden();
        }

        var errors = new Dictionary<string, string[]>();
        if (year is not (>= 2000 and <= 2100))
        {
            errors["year"] = [l["Evaluation.Error.Year"]];
        }

        var unit = string.IsNullOrWhiteSpace(unitCode) ? null : caller.Scope.Tree.Find(unitCode.Trim());
        if (unitCode is not null && unit is null)
        {
            errors["unit"] = [l["Evaluation.Error.Unit", unitCode]];
        }
        else if (unit is not null && !caller.Scope.Contains(unit.Code))
        {
            return DeskResult<AnnualResponse>.Forbidden();
        }

        if (errors.Count > 0)
        {
            return DeskResult<AnnualResponse>.Invalid(l["Evaluation.Error.Title"], errors);
        }

        var current = await YearAsync(year!.Value, ct);
        if (current is null)
        {
            return DeskResult<AnnualResponse>.Ok(new AnnualResponse(year.Value, unit?.Code, EvaluationPolicy.Decree335.Code, 0, [], []));
        }

        var runs = current.Policy.Consequences.Lists.Select(r => r.ConsecutiveYears).Concat(current.Policy.Consequences.Commendations.Select(r => r.ConsecutiveYears)).Max();
        var previous = new Dictionary<string, Dictionary<int, ClassificationLevel>>(StringComparer.Ordinal);
        for (var back = 1; back < runs; back++)
        {
            if (await YearAsync(year.Value - back, ct) is not { } earlier)
            {
                continue;
            }

            foreach (var outcome in AnnualClassification.Classify(earlier.People, earlier.Policy).People.Where(o => o.Level is not null))
            {
                (previous.TryGetValue(outcome.StaffCode, out var levels) ? levels : previous[outcome.StaffCode] = new())[year.Value - back] = outcome.Level!.Value;
            }
        }

        var people = current.People.Select(p => p with { PreviousLevels = previous.GetValueOrDefault(p.Year.StaffCode) ?? new Dictionary<int, ClassificationLevel>() }).ToList();
        var results = AnnualClassification.Classify(people, current.Policy);
        var byCode = people.ToDictionary(p => p.Year.StaffCode, StringComparer.Ordinal);
        var shown = results.People
            .Select(o => (Outcome: o, Latest: current.Periods[o.StaffCode][^1]))
            .Where(x => caller.Scope.Contains(x.Latest.UnitCode) && (unit is null || caller.Scope.Tree.IsWithin(x.Latest.UnitCode, unit.Code)))
            .Select(x => new AnnualPersonResponse(x.Outcome.StaffCode, x.Latest.StaffName, x.Latest.UnitCode, byCode[x.Outcome.StaffCode].Year.AgencyCode,
                byCode[x.Outcome.StaffCode].Type, x.Latest.Leader, current.Periods[x.Outcome.StaffCode].Select(p => p.Row.Period.Label).ToList(),
                x.Outcome.Score, byCode[x.Outcome.StaffCode].Year.WorkedMonths, byCode[x.Outcome.StaffCode].Year.Agencies, x.Outcome.Level, x.Outcome.Reason,
                x.Outcome.BonusCoefficient, x.Outcome.Commendations, x.Outcome.TrainingNeeds.Count > 0, x.Outcome.Lists,
                byCode[x.Outcome.StaffCode].PreviousLevels,
                x.Outcome.Explanations.Select(e => new ExplanationLine(e.Key, ExplanationText.Render(e, l), e.Formula)).ToList()))
            .ToList();
        var visible = shown.Select(p => p.StaffCode).ToHashSet(StringComparer.Ordinal);
        var lists = results.Lists.Select(list => new AnnualListResponse(list.Code, English ? list.NameEn : list.NameVi,
            list.StaffCodes.Where(visible.Contains).ToList())).ToList();
        return DeskResult<AnnualResponse>.Ok(new AnnualResponse(year.Value, unit?.Code, current.Policy.Code, current.Cycles, shown, lists));
    }

    /// <summary>Everyone with a locked result in <paramref name="year"/>, ready to classify; null when the year has none.</summary>
    private async Task<Year?> YearAsync(int year, CancellationToken ct)
    {
        var from = new DateOnly(year, 1, 1);
        var to = from.AddYears(1);
        var cycles = await db.EvaluationCycles.AsNoTracking().Where(c => c.Stage == CycleStage.Locked && c.PeriodFrom >= from && c.PeriodFrom < to).ToListAsync(ct);
        if (cycles.Count == 0)
        {
            return null;
        }

        var ids = cycles.Select(c => c.Id).ToList();
        var byId = cycles.ToDictionary(c => c.Id);
        var evaluations = await db.Evaluations.AsNoTracking().Where(e => ids.Contains(e.CycleId) && e.ResultVersion > 0).ToListAsync(ct);
        var evaluationIds = evaluations.Select(e => e.Id).ToList();
        var results = (await db.EvaluationResults.AsNoTracking().Where(r => evaluationIds.Contains(r.EvaluationId)).ToListAsync(ct))
            .GroupBy(r => r.EvaluationId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Version)!);
        var codes = evaluations.Select(e => e.StaffCode).Distinct().ToList();
        var types = await db.Staff.AsNoTracking().Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, s => s.Type, ct);
        var leave = (await db.Leave.AsNoTracking().Where(x => codes.Contains(x.StaffCode) && x.From < to && x.To > from).ToListAsync(ct))
            .ToLookup(x => x.StaffCode, x => x.Record);

        var periods = evaluations.Select(e =>
            {
                var cycle = byId[e.CycleId];
                var result = results[e.Id];
                return new Period(new EvaluationPeriodRow(e.StaffCode, cycle.Period, cycle.AgencyCode, result.Score, cycle.OpenedAt, cycle.Policy),
                    e.StaffName, e.UnitCode, e.Group, e.Leader, result.ForcedKht);
            })
            .GroupBy(p => p.Row.StaffCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Period>)Counted(g), StringComparer.Ordinal);
        var policy = cycles.OrderBy(c => c.PeriodFrom).ThenBy(c => c.OpenedAt).Last().Policy;
        var people = periods.Select(p =>
        {
            var latest = p.Value[^1];
            // A person no longer on the staff list keeps the civil servants' rules (the most common type).
            var type = types.GetValueOrDefault(p.Key, StaffType.CongChuc);
            var score = YearScore.Compute(p.Key, type, year, p.Value.Select(x => new PeriodResult(x.Row.Period.Dates, x.Row.AgencyCode, x.Row.Score)).ToList(),
                Leave.Absences(leave[p.Key]), policy);
            return new AnnualPerson(score, type, latest.Leader, latest.Group.ToString(), p.Value.Any(x => x.ForcedKht));
        }).ToList();
        return new Year(policy, cycles.Count, people, periods);
    }

    /// <summary>The periods that count, in time order: finer ones first, and a coarser one only where it overlaps none of them.</summary>
    private static List<Period> Counted(IEnumerable<Period> periods)
    {
        var counted = new List<Period>();
        foreach (var p in periods.OrderBy(p => p.Row.Period.Kind).ThenBy(p => p.Row.Period.From))
        {
            if (!counted.Any(c => c.Row.Period.From < p.Row.Period.To && p.Row.Period.From < c.Row.Period.To))
            {
                counted.Add(p);
            }
        }

        return counted.OrderBy(p => p.Row.Period.From).ToList();
    }
}
