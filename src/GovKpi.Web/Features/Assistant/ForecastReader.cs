using System.Globalization;
using GovKpi.Core.Access;
using GovKpi.Core.Calendar;
using GovKpi.Core.Forecast;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Measurement;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using GovKpi.Web.Features.KpiValues;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Assistant;

/// <summary>
/// The projected end-of-period value of one KPI (values on the compute scale: rates as fractions),
/// with the displays the pages show and the link to the explanation of the value so far.
/// </summary>
public sealed record ForecastValue(
    string Kpi, string Name, decimal SoFarNumerator, decimal SoFarDenominator, double SoFar, double Projected, double Low, double High,
    double? Target, KpiDirection Direction, double? MissProbability, bool LikelyToMiss, double? Shortfall, ForecastConfidence? Confidence,
    string SoFarDisplay, string ProjectedDisplay, string IntervalDisplay, string TargetDisplay, string MissDisplay, string ShortfallDisplay,
    string Explanation, string ExplainUrl);

public sealed record PersonForecast(string StaffCode, string Name, string UnitCode, IReadOnlyList<ForecastValue> Values);

/// <summary>A person likely to miss the target of one KPI.</summary>
public sealed record ForecastWarning(string StaffCode, string Name, string UnitCode, ForecastValue Value);

/// <summary>
/// The forecast of a subject: its own KPIs (<see cref="Values"/>), each person in it the caller may
/// see (<see cref="People"/>; a Staff account only themselves), and the people likely to miss a
/// target, most likely first.
/// </summary>
public sealed record ForecastResponse(
    string Mode, string Scope, string Code, string Name, string Period, DateOnly From, DateOnly To, DateOnly AsOf,
    int ElapsedWorkingDays, int TotalWorkingDays, int HistoryDays, double IntervalLevel,
    IReadOnlyList<ForecastValue> Values, IReadOnlyList<PersonForecast> People, IReadOnlyList<ForecastWarning> LikelyToMiss);

/// <summary>
/// Runs <see cref="KpiForecaster"/> (docs/ASSISTANT-FORECAST.md) over the stored current records:
/// the dossiers, surveys and complaints of the period so far and of the
/// <see cref="ForecastOptions.HistoryDays"/> before it, with the calendar the KPI pages use.
/// </summary>
/// <remarks>
/// The forecaster runs over the whole province, whoever asks: each person's and unit's rate is
/// pulled towards its peers', and the peers must not change with the asker, or two people would
/// see two forecasts of the same person. Only the subject and the people the caller may see are
/// returned; the peers enter only as one pooled value. A unit's subtree or the province is
/// forecast as one unit, its records relabelled with one code.
/// </remarks>
public sealed class ForecastReader(GovKpiDbContext db, IStringLocalizer<SharedResource> l)
{
    /// <summary>The unit code the province's records are relabelled with when it is forecast as one unit.</summary>
    private const string WholeProvince = "(all)";

    private static readonly ForecastOptions Options = new();

    private static bool English => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);

    /// <summary>The forecast, or null with the reason keyed <c>asOf</c> when no working day of the period has passed by the as-of date.</summary>
    public async Task<ForecastResponse?> ForecastAsync(ForecastQuery query, KpiSubject subject, CurrentUser user, UnitScope scope,
        Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var (period, asOf) = (query.Period, query.AsOf);
        var known = asOf.AddDays(1);
        var calendar = await CalendarAsync(ct);
        var elapsed = calendar.WorkingDays(period.From, known);
        if (elapsed == 0)
        {
            errors["asOf"] = [l["Assistant.Forecast.Error.NothingYet", query.PeriodText, asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]];
            return null;
        }

        var definitions = await db.KpiDefinitions.AsNoTracking().Where(d => d.FormulaRef != null).ToListAsync(ct);
        var records = await RecordsAsync(new ReportingPeriod(period.From.AddDays(-Options.HistoryDays), known), ct);
        var subjectUnit = subject switch
        {
            { StaffCode: not null } => null,
            { UnitCodes: [var unit] } => unit,
            { UnitCodes: not null } => subject.Code,
            _ => WholeProvince,
        };
        if (subjectUnit is not null && subject.UnitCodes is not [_])
        {
            records = AsOneUnit(records, subject.UnitCodes, subjectUnit);
        }

        var forecasts = new KpiForecaster(calendar, definitions, Options).Forecast(period, asOf, records);
        var soFar = new ReportingPeriod(period.From, known);
        ForecastValue Value(KpiForecast f, string scopeName, string code) => Describe(f, Definition(definitions, f.Kpi, period), scopeName, code, soFar);

        var values = forecasts
            .Where(f => subjectUnit is null ? f.Scope == KpiScope.Staff && f.ScopeCode == subject.StaffCode : f.Scope == KpiScope.Unit && f.ScopeCode == subjectUnit)
            .OrderBy(f => Order(f.Kpi))
            .Select(f => Value(f, subject.Scope, subject.Code))
            .ToList();

        var staffForecasts = forecasts.Where(f => f.Scope == KpiScope.Staff).ToLookup(f => f.ScopeCode, StringComparer.Ordinal);
        var people = (await PeopleAsync(subject, user, scope, ct))
            .Where(p => staffForecasts.Contains(p.Code))
            .Select(p => new PersonForecast(p.Code, p.FullName, p.UnitCode,
                [.. staffForecasts[p.Code].OrderBy(f => Order(f.Kpi)).Select(f => Value(f, KpiSubjectScope.Staff, p.Code))]))
            .ToList();

        var atRisk = subject.StaffCode is { } staff
            ? values.Where(v => v.LikelyToMiss).Select(v => new ForecastWarning(staff, subject.Name, "", v))
            : people.SelectMany(p => p.Values.Where(v => v.LikelyToMiss).Select(v => new ForecastWarning(p.StaffCode, p.Name, p.UnitCode, v)));
        var warnings = atRisk
            .OrderByDescending(w => w.Value.MissProbability).ThenByDescending(w => w.Value.Shortfall)
            .ThenBy(w => w.StaffCode, StringComparer.Ordinal).ThenBy(w => Order(w.Value.Kpi))
            .ToList();

        return new ForecastResponse(DataAnswers.OfflineMode, subject.Scope, subject.Code, subject.Name, query.PeriodText, period.From, period.To, asOf,
            elapsed, calendar.WorkingDays(period.From, period.To), Options.HistoryDays, Options.IntervalLevel, values, people, warnings);
    }

    /// <summary>One line for the assistant's audit trail: how many forecasts, and who is likely to miss which target.</summary>
    public static string Summary(ForecastResponse r) =>
        $"{r.Values.Count} KPI, {r.People.Count} people; likely to miss: "
        + (r.LikelyToMiss.Count == 0 ? "none" : string.Join("; ", r.LikelyToMiss.Select(w =>
            string.Create(CultureInfo.InvariantCulture, $"{w.StaffCode} {w.Value.Kpi} {w.Value.Projected:0.####} vs {w.Value.Target:0.####} p={w.Value.MissProbability:0.##}"))));

    /// <summary>
    /// The records the forecaster can count in <paramref name="window"/> (history and period so
    /// far): dossiers received before its end and not finished before its start, the dossiers the
    /// window's surveys rate (for their unit and handler), the window's surveys and upheld complaints.
    /// </summary>
    private async Task<ForecastRecords> RecordsAsync(ReportingPeriod window, CancellationToken ct)
    {
        var (start, end) = (window.Start, window.End);
        var dossiers = await db.Dossiers.AsNoTracking().Where(d => d.ReceivedAt < end && (d.FinishedAt == null || d.FinishedAt >= start)).ToListAsync(ct);
        var surveys = await db.Surveys.AsNoTracking().Where(s => s.SubmittedAt >= start && s.SubmittedAt < end).ToListAsync(ct);
        var loaded = dossiers.Select(d => d.DossierId).ToHashSet(StringComparer.Ordinal);
        var rated = surveys.Select(s => s.DossierId).Where(id => !loaded.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
        if (rated.Count > 0)
        {
            // Finished before the window, they count only for their surveys: the window's tallies hold none of their facts.
            dossiers.AddRange(await db.Dossiers.AsNoTracking().Where(d => rated.Contains(d.DossierId)).ToListAsync(ct));
        }

        var complaints = await db.Complaints.AsNoTracking().Where(c => c.Upheld && c.ReceivedAt >= start && c.ReceivedAt < end).ToListAsync(ct);
        return new ForecastRecords(dossiers, surveys, complaints);
    }

    private static ForecastRecords AsOneUnit(ForecastRecords records, IReadOnlyList<string>? units, string code)
    {
        var members = units?.ToHashSet(StringComparer.Ordinal);
        bool In(string unit) => members is null || members.Contains(unit);
        return new ForecastRecords(
            [.. records.Dossiers.Select(d => In(d.UnitCode) ? d with { UnitCode = code } : d)],
            records.Surveys,
            [.. records.Complaints.Select(c => In(c.UnitCode) ? c with { UnitCode = code } : c)]);
    }

    /// <summary>The people of the subject the caller may see: staff whose unit is in it (a Staff account: only themselves).</summary>
    private async Task<List<Core.Organisation.StaffMember>> PeopleAsync(KpiSubject subject, CurrentUser user, UnitScope scope, CancellationToken ct)
    {
        if (subject.StaffCode is not null)
        {
            return [];
        }

        var staff = await db.Staff.AsNoTracking().OrderBy(s => s.Code).ToListAsync(ct);
        var units = subject.UnitCodes?.ToHashSet(StringComparer.Ordinal);
        return [.. staff.Where(s => user.Role == Role.Staff ? s.Code == user.StaffCode : scope.Contains(s.UnitCode) && (units is null || units.Contains(s.UnitCode)))];
    }

    private ForecastValue Describe(KpiForecast f, KpiDefinition? definition, string scope, string code, ReportingPeriod soFar)
    {
        var percent = KpiDisplay.IsPercent(f.Kpi, definition);
        string V(double value) => KpiDisplay.Format(value, percent);
        return new ForecastValue(
            f.Kpi, definition is null ? f.Kpi : English ? definition.NameEn : definition.NameVi,
            f.SoFar.Numerator, f.SoFar.Denominator, f.SoFar.Value!.Value, f.Projected, f.Low, f.High,
            f.Target, f.Direction, f.MissProbability, f.LikelyToMiss, f.Shortfall, f.Confidence,
            V(f.SoFar.Value.Value), V(f.Projected), l["Assistant.Forecast.IntervalRange", V(f.Low), V(f.High)],
            f.Target is { } t ? (f.Direction == KpiDirection.HigherIsBetter ? "≥ " : "≤ ") + V(t) : "",
            f.MissProbability is { } p ? (p * 100).ToString("N0", CultureInfo.CurrentCulture) + " %" : "",
            f.Shortfall is { } s ? Shortfall(s, percent) : "",
            Explanation(f, percent),
            KpiValueReader.ExplainUrl(f.Kpi, scope, code, soFar));
    }

    /// <summary>How far the projection misses the target: percentage points for a rate, the KPI's own unit otherwise.</summary>
    private string Shortfall(double shortfall, bool percent) => percent
        ? l["Assistant.Forecast.PercentagePoints", (shortfall * 100).ToString("N1", CultureInfo.CurrentCulture)]
        : shortfall.ToString("N2", CultureInfo.CurrentCulture);

    /// <summary>Every number the forecast is made of, in the words of docs/ASSISTANT-FORECAST.md.</summary>
    private string Explanation(KpiForecast f, bool percent)
    {
        var b = f.Basis;
        string V(double value) => KpiDisplay.Format(value, percent);
        var parts = new List<string>
        {
            l["Assistant.Forecast.Explain.SoFar", KpiDisplay.Number(f.SoFar.Numerator), KpiDisplay.Number(f.SoFar.Denominator), V(f.SoFar.Value!.Value),
                b.ElapsedWorkingDays, b.TotalWorkingDays, b.RemainingVolume.ToString("N1", CultureInfo.CurrentCulture)],
        };
        if (b.PipelineShare < 1)
        {
            parts.Add(l["Assistant.Forecast.Explain.Pipeline", (b.PipelineShare * 100).ToString("N0", CultureInfo.CurrentCulture)]);
        }

        if (b.CarriedLate > 0)
        {
            parts.Add(l["Assistant.Forecast.Explain.Late", b.CarriedLate]);
        }

        parts.Add(b.Own.Value is { } own
            ? l["Assistant.Forecast.Explain.Own", KpiDisplay.Number(b.Own.Numerator), KpiDisplay.Number(b.Own.Denominator), V(own),
                V(b.PeerValue), b.PeerWeight.ToString("N1", CultureInfo.CurrentCulture), V(b.RestValue),
                b.Own.Denominator > f.SoFar.Denominator && f.Kpi != KpiFormula.PerWorkingDay ? l["Assistant.Forecast.Explain.History", Options.HistoryDays].Value : ""]
            : l["Assistant.Forecast.Explain.Peers", V(b.PeerValue), V(b.RestValue)]);
        parts.Add(l["Assistant.Forecast.Explain.Interval", (Options.IntervalLevel * 100).ToString("N0", CultureInfo.CurrentCulture), V(f.Low), V(f.High)]);
        if (f.Target is { } target && f.MissProbability is { } miss)
        {
            parts.Add(l["Assistant.Forecast.Explain.Miss", (f.Direction == KpiDirection.HigherIsBetter ? "≥ " : "≤ ") + V(target),
                (miss * 100).ToString("N0", CultureInfo.CurrentCulture)]);
        }

        return string.Join("; ", parts) + ".";
    }

    /// <summary>The library's definition of a formula in force at the start of the period, as the KPI pages name it.</summary>
    private static KpiDefinition? Definition(List<KpiDefinition> definitions, string kpi, ReportingPeriod period) =>
        KpiVersions.DefinitionAt(definitions.Where(d => d.FormulaRef == kpi), period.From);

    /// <summary>The order of the built-in library (on-time first), then any other formula by code.</summary>
    private static int Order(string code)
    {
        var index = BuiltInKpis.Definitions.Select(d => d.Code).ToList().IndexOf(code);
        return index < 0 ? int.MaxValue : index;
    }

    /// <summary>The official calendar, replaced entirely by the imported exceptions when there are any (as <see cref="KpiValueReader"/>).</summary>
    private async Task<WorkingCalendar> CalendarAsync(CancellationToken ct)
    {
        var exceptions = await db.CalendarExceptions.AsNoTracking().ToListAsync(ct);
        return exceptions.Count == 0 ? WorkingCalendar.Official : new WorkingCalendar(exceptions);
    }
}
