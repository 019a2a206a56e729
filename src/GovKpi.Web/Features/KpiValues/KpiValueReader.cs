using System.Globalization;
using System.Text.Json;
using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.Calendar;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Measurement;
using GovKpi.Core.Training;
using GovKpi.Data;
using GovKpi.Data.Caching;
using GovKpi.Data.Measurement;
using GovKpi.Data.Training;
using GovKpi.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.KpiValues;

/// <summary>How a value compares with its target: green (met), amber (missed), red (at or past the critical threshold).</summary>
public enum KpiStatus
{
    None,
    Green,
    Amber,
    Red,
}

public sealed record KpiValueResponse(
    string Kpi, string Name, decimal Numerator, decimal Denominator, double? Value, string Display, string UnitOfMeasure,
    decimal? Target, string TargetDisplay, KpiStatus Status, string ExplainUrl);

public sealed record KpiTableResponse(
    string Scope, string Code, string Name, DateOnly From, DateOnly To, int WorkingDays,
    /// <summary>
    /// <c>aggregates</c> for a stored calendar period (or stored months only), <c>aggregates_and_records</c>
    /// for stored months plus the days before and after them counted from the records, <c>records</c>
    /// when counted from the records (<see cref="TallySource"/>).
    /// </summary>
    string Source, IReadOnlyList<KpiValueResponse> Values);

/// <summary>
/// One record counted by a term of a formula, with why it counts. <see cref="HandlerHidden"/>: the
/// record names a person whose results the caller may not see (<see cref="ResultVisibility"/>), so
/// <see cref="HandlerCode"/> is left out.
/// </summary>
public sealed record CountedRecord(
    string Kind, string Id, string? DossierId, string? UnitCode, string? HandlerCode, DateTimeOffset? ReceivedAt, DateTimeOffset? DueAt,
    DateTimeOffset? FinishedAt, DateTimeOffset? SubmittedAt, string? Status, string? Channel, int? Score, string Reason, bool HandlerHidden = false);

/// <summary>Who reads an explanation: what <see cref="ResultVisibility"/> needs to know of them.</summary>
public sealed record ResultReader(Role Role, string? StaffCode, UnitScope Scope);

/// <summary>
/// The records of a numerator or denominator: <see cref="Records"/> of them count, adding up to
/// <see cref="Counted"/> (their number, or the sum of scores for a survey numerator; the working
/// days for <c>per_working_day</c>'s denominator, which has no records); one page of them listed.
/// </summary>
public sealed record CountedRecords(string Source, long Records, decimal Counted, int Page, int PageSize, IReadOnlyList<CountedRecord> Items);

public sealed record KpiExplanationResponse(
    string Kpi, string Name, string Scope, string Code, string SubjectName, DateOnly From, DateOnly To, string Formula,
    decimal Numerator, decimal Denominator, double? Value, string Display, int WorkingDays,
    CountedRecords NumeratorRecords, CountedRecords DenominatorRecords);

/// <summary>
/// KPI values of a subject and period, and their explanation (ADR 0009). The tallies come from
/// <see cref="KpiTallyReader"/>: a stored calendar period from <c>kpi_aggregates</c>, any other
/// period from the stored months inside it and the records of the days around them. An
/// explanation classifies the records again with the formula's own terms (<see cref="KpiTerm.Counts"/>),
/// so it cannot disagree with the value.
/// </summary>
public sealed class KpiValueReader(GovKpiDbContext db, IStringLocalizer<SharedResource> l, StampedCache cache)
{
    public const int MaximumPageSize = 500;

    /// <summary>What a table is read from: the records and their tallies, the library, the staff and units, and training.</summary>
    private static readonly string[] TableAreas = [CacheArea.Measurement, CacheArea.Library, CacheArea.Organisation, CacheArea.Training];

    private static bool English => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);

    /// <summary>
    /// The table of a subject and period in the request's cultures, kept by the node until an
    /// import or a change of the library, the organisation or training moves a stamp of
    /// <see cref="TableAreas"/>: the province's values were counted again on every request (issue 15, item 9).
    /// </summary>
    public Task<KpiTableResponse> TableAsync(KpiSubject subject, ReportingPeriod period, CancellationToken ct) =>
        cache.GetOrLoadAsync(db, TableKey("kpi-table", subject, period), TableAreas, size: 1, c => ReadTableAsync(subject, period, c), ct);

    /// <summary>
    /// The table as the API sends it, UTF-8 JSON kept beside the table under the same stamps: a
    /// cached answer is written out as it is, not serialised again at every request.
    /// </summary>
    public Task<byte[]> TableJsonAsync(KpiSubject subject, ReportingPeriod period, JsonSerializerOptions json, CancellationToken ct) =>
        cache.GetOrLoadAsync(db, TableKey("kpi-table-json", subject, period), TableAreas, size: 1,
            async c => JsonSerializer.SerializeToUtf8Bytes(await TableAsync(subject, period, c), json), ct);

    // A separator no code or name holds, so two subjects never share a key.
    private static string TableKey(string kind, KpiSubject subject, ReportingPeriod period) =>
        string.Join('\u001f', kind, subject.Scope, subject.Code, subject.StaffCode, subject.Name,
            period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), period.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            CultureInfo.CurrentCulture.Name, CultureInfo.CurrentUICulture.Name, subject.UnitCodes is { } units ? string.Join(",", units) : "*");

    /// <summary>
    /// The tables of several people for one period in three reads in all (the stored tallies of
    /// every one of them, the staff and training on the period's last day, the library), equal to
    /// <see cref="TableAsync"/> for each: a manager's home read one table per person of the team.
    /// </summary>
    public async Task<IReadOnlyList<KpiTableResponse>> StaffTablesAsync(IReadOnlyList<KpiSubject> people, ReportingPeriod period, CancellationToken ct)
    {
        var days = (await CalendarAsync(ct)).WorkingDays(period.From, period.To);
        var codes = people.Select(p => p.StaffCode ?? throw new ArgumentException("Only people.", nameof(people))).ToList();
        var tallies = await new KpiTallyReader(db).ReadEachAsync(period, KpiScope.Staff, codes, ct);
        // Everyone on staff on the last day, then each person's own: what the reader of one person counts.
        var share = await new TrainingShareReader(db).ReadAsync(period.To.AddDays(-1), null, null, ct);
        var trained = share.People.ToLookup(p => p.StaffCode, StringComparer.Ordinal);
        var source = SourceName(await new KpiAggregateStore(db).IsStoredAsync(period, ct) ? TallySource.Aggregates : TallySource.AggregatesAndRecords);
        var definitions = await DefinitionsAsync(period, ct);
        return [.. people.Select(subject =>
        {
            var tally = tallies.GetValueOrDefault(subject.StaffCode!);
            tally.Staff = trained[subject.StaffCode!].Count();
            tally.TrainedStaff = trained[subject.StaffCode!].Count(p => p.Status == TrainedStatus.Trained);
            var values = KpiFormula.All
                .OrderBy(f => Order(f.Code))
                .Select(f => Value(subject, period, f, f.Evaluate(tally, days), definitions.GetValueOrDefault(f.Code)))
                .ToList();
            return new KpiTableResponse(subject.Scope, subject.Code, subject.Name, period.From, period.To, days, source, values);
        })];
    }

    private async Task<KpiTableResponse> ReadTableAsync(KpiSubject subject, ReportingPeriod period, CancellationToken ct)
    {
        var days = (await CalendarAsync(ct)).WorkingDays(period.From, period.To);
        var (tally, source) = await new KpiTallyReader(db).ReadAsync(period, subject.UnitCodes, subject.StaffCode, ct);
        var definitions = await DefinitionsAsync(period, ct);
        var values = KpiFormula.All
            .OrderBy(f => Order(f.Code))
            .Select(f => Value(subject, period, f, f.Evaluate(tally, days), definitions.GetValueOrDefault(f.Code)))
            .ToList();
        return new KpiTableResponse(subject.Scope, subject.Code, subject.Name, period.From, period.To, days, SourceName(source), values);
    }

    /// <summary>
    /// The explanation as <paramref name="reader"/> may read it: the handler of each listed record
    /// only where they may see that person's results, so a unit's explanation does not list a
    /// colleague's dossiers, ratings and complaints by name.
    /// </summary>
    public async Task<KpiExplanationResponse> ExplainAsync(KpiSubject subject, KpiFormula formula, ReportingPeriod period, int page, int pageSize,
        ResultReader reader, CancellationToken ct)
    {
        var days = (await CalendarAsync(ct)).WorkingDays(period.From, period.To);
        var numerator = await CountedAsync(subject, period, formula.Numerator, numerator: true, days, page, pageSize, ct);
        var denominator = await CountedAsync(subject, period, formula.Denominator, numerator: false, days, page, pageSize, ct);
        var handlersInScope = await HandlersInScopeAsync(reader, numerator.Items.Concat(denominator.Items), ct);
        numerator = numerator with { Items = [.. numerator.Items.Select(r => AsSeenBy(reader, r, handlersInScope))] };
        denominator = denominator with { Items = [.. denominator.Items.Select(r => AsSeenBy(reader, r, handlersInScope))] };
        var value = new KpiValue(numerator.Counted, denominator.Counted);
        var definition = (await DefinitionsAsync(period, ct)).GetValueOrDefault(formula.Code);
        return new KpiExplanationResponse(formula.Code, Name(formula.Code, definition), subject.Scope, subject.Code, subject.Name,
            period.From, period.To, l["Kpi.Formula." + formula.Code], value.Numerator, value.Denominator, value.Value,
            KpiDisplay.Format(value.Value, KpiDisplay.IsPercent(formula.Code, definition)), days, numerator, denominator);
    }

    /// <summary>The handlers of the listed records whose unit lies in the reader's scope (not needed for Staff, who see only themselves).</summary>
    private async Task<HashSet<string>> HandlersInScopeAsync(ResultReader reader, IEnumerable<CountedRecord> records, CancellationToken ct)
    {
        var handlers = records.Select(r => r.HandlerCode).OfType<string>().Distinct().ToList();
        if (handlers.Count == 0 || reader.Role == Role.Staff)
        {
            return [];
        }

        var units = await db.Staff.AsNoTracking().Where(s => handlers.Contains(s.Code)).Select(s => new { s.Code, s.UnitCode }).ToListAsync(ct);
        return [.. units.Where(s => reader.Scope.Contains(s.UnitCode)).Select(s => s.Code)];
    }

    private static CountedRecord AsSeenBy(ResultReader reader, CountedRecord record, HashSet<string> handlersInScope)
    {
        var (code, hidden) = ResultVisibility.Handler(reader.Role, reader.StaffCode, record.HandlerCode, handlersInScope.Contains);
        return record with { HandlerCode = code, HandlerHidden = hidden };
    }

    public static string ExplainUrl(string kpi, string scope, string code, ReportingPeriod period) =>
        string.Create(CultureInfo.InvariantCulture, $"/kpis/explain?kpi={kpi}&scope={scope}&code={Uri.EscapeDataString(code)}&from={period.From:yyyy-MM-dd}&to={period.To:yyyy-MM-dd}");

    public static string ValuesUrl(string scope, string code, ReportingPeriod period) =>
        string.Create(CultureInfo.InvariantCulture, $"/kpis/values?scope={scope}&code={Uri.EscapeDataString(code)}&kind=custom&from={period.From:yyyy-MM-dd}&to={period.To:yyyy-MM-dd}");

    private KpiValueResponse Value(KpiSubject subject, ReportingPeriod period, KpiFormula formula, KpiValue value, KpiDefinition? definition)
    {
        var percent = KpiDisplay.IsPercent(formula.Code, definition);
        return new KpiValueResponse(formula.Code, Name(formula.Code, definition), value.Numerator, value.Denominator, value.Value,
            KpiDisplay.Format(value.Value, percent), definition?.UnitOfMeasure ?? (percent ? "%" : ""), definition?.Target,
            definition?.Target is { } target ? KpiDisplay.FormatTarget(target, percent) : "",
            KpiDisplay.Status(value.Value, percent, definition), ExplainUrl(formula.Code, subject.Scope, subject.Code, period));
    }

    private static string Name(string code, KpiDefinition? definition) => definition is null ? code : English ? definition.NameEn : definition.NameVi;

    /// <summary>The order of the built-in library (on-time first), then any other formula by code.</summary>
    private static int Order(string code)
    {
        var index = BuiltInKpis.Definitions.Select(d => d.Code).ToList().IndexOf(code);
        return index < 0 ? int.MaxValue : index;
    }

    /// <summary>The library's definition of each formula in force at the start of the period.</summary>
    public async Task<Dictionary<string, KpiDefinition>> DefinitionsAsync(ReportingPeriod period, CancellationToken ct)
    {
        var definitions = await cache.GetOrLoadAsync(db, "kpi-definitions:formulas", [CacheArea.Library], size: 10,
            async c => (IReadOnlyList<KpiDefinition>)await db.KpiDefinitions.AsNoTracking().Where(d => d.FormulaRef != null).ToListAsync(c), ct);
        return KpiVersions.DefinitionsAt(definitions, d => d.FormulaRef!, period.From);
    }

    /// <summary>The official calendar, replaced entirely by the imported exceptions when there are any (CONTRACTS.md, calendar.csv).</summary>
    private Task<WorkingCalendar> CalendarAsync(CancellationToken ct) =>
        cache.GetOrLoadAsync(db, "working-calendar", [CacheArea.Measurement], size: 10, async c =>
        {
            var exceptions = await db.CalendarExceptions.AsNoTracking().ToListAsync(c);
            return exceptions.Count == 0 ? WorkingCalendar.Official : new WorkingCalendar(exceptions);
        }, ct);

    private static string SourceName(TallySource source) => source switch
    {
        TallySource.Aggregates => "aggregates",
        TallySource.AggregatesAndRecords => "aggregates_and_records",
        _ => "records",
    };

    private IQueryable<DossierVersion> DossiersOf(KpiSubject subject) => subject switch
    {
        { StaffCode: { } staff } => db.Dossiers.AsNoTracking().Where(d => d.HandlerCode == staff),
        { UnitCodes: [var unit] } => db.Dossiers.AsNoTracking().Where(d => d.UnitCode == unit),
        { UnitCodes: { } units } => db.Dossiers.AsNoTracking().Where(d => units.Contains(d.UnitCode)),
        _ => db.Dossiers.AsNoTracking(),
    };

    /// <summary>
    /// The dossiers that may have a fact in the period: received before its end and not finished
    /// before its start (finished_at ≥ received_at). The classification decides the rest.
    /// </summary>
    private IQueryable<DossierVersion> Candidates(KpiSubject subject, ReportingPeriod period)
    {
        var (start, end) = (period.Start, period.End);
        return DossiersOf(subject).Where(d => d.ReceivedAt < end && (d.FinishedAt == null || d.FinishedAt >= start));
    }

    /// <summary>A survey with the scopes of the dossier it rates: only those two columns of the dossier are read.</summary>
    private sealed record RatedSurvey(SurveyResponse Survey, string UnitCode, string? HandlerCode);

    private IQueryable<RatedSurvey> SurveysIn(KpiSubject subject, ReportingPeriod period)
    {
        var (start, end) = (period.Start, period.End);
        return from s in db.Surveys.AsNoTracking()
               where s.SubmittedAt >= start && s.SubmittedAt < end
               join d in DossiersOf(subject) on s.DossierId equals d.DossierId
               orderby s.ResponseId
               select new RatedSurvey(s, d.UnitCode, d.HandlerCode);
    }

    private IQueryable<Complaint> UpheldComplaintsIn(KpiSubject subject, ReportingPeriod period)
    {
        var (start, end) = (period.Start, period.End);
        var complaints = db.Complaints.AsNoTracking().Where(c => c.Upheld && c.ReceivedAt >= start && c.ReceivedAt < end);
        return subject switch
        {
            { StaffCode: { } staff } => complaints.Where(c => c.StaffCode == staff),
            { UnitCodes: { } units } => complaints.Where(c => units.Contains(c.UnitCode)),
            _ => complaints,
        };
    }

    private async Task<CountedRecords> CountedAsync(KpiSubject subject, ReportingPeriod period, KpiTerm term, bool numerator, int days,
        int page, int pageSize, CancellationToken ct)
    {
        var skip = (long)(page - 1) * pageSize;
        var items = new List<CountedRecord>();
        long records = 0;
        decimal counted = 0;
        void Count(Func<CountedRecord> describe, decimal weight)
        {
            if (records >= skip && items.Count < pageSize)
            {
                items.Add(describe());
            }

            records++;
            counted += weight;
        }

        switch (term.Source)
        {
            case RecordSource.WorkingDays:
                return new CountedRecords("working_days", 0, days, page, pageSize, []);
            case RecordSource.Dossiers:
                await foreach (var d in Candidates(subject, period).OrderBy(d => d.DossierId).AsAsyncEnumerable().WithCancellation(ct))
                {
                    var facts = DossierClassification.Classify(d, period);
                    if (term.Counts(facts))
                    {
                        Count(() => Describe(d, facts & term.AnyOf, facts), 1);
                    }
                }

                return new CountedRecords("dossiers", records, counted, page, pageSize, items);
            case RecordSource.TrainingCompletions or RecordSource.StaffOnLastDay:
                var day = period.To.AddDays(-1);
                var share = await new TrainingShareReader(db).ReadAsync(day, subject.UnitCodes?.ToHashSet(), subject.StaffCode, ct);
                foreach (var person in share.People.Where(p => !numerator || p.Status == TrainedStatus.Trained))
                {
                    Count(() => new CountedRecord("staff", person.StaffCode, null, person.UnitCode, person.StaffCode, null, null,
                        person.Completion is { } c ? Local(new DateTimeOffset(c.CompletedOn.ToDateTime(TimeOnly.MinValue), VietnamTime.Offset)) : null,
                        null, person.Status.ToString(), null, null, Training.TrainingWords.Reason(l, person, day)), 1);
                }

                return new CountedRecords(numerator ? "training_completions" : "staff", records, counted, page, pageSize, items);
            case RecordSource.Surveys:
                await foreach (var rated in SurveysIn(subject, period).AsAsyncEnumerable().WithCancellation(ct))
                {
                    var s = rated.Survey;
                    Count(() => new CountedRecord("survey", s.ResponseId, s.DossierId, rated.UnitCode, rated.HandlerCode,
                        null, null, null, Local(s.SubmittedAt), null, null, s.Score, l["Kpi.Reason.Survey", s.Score]), numerator ? s.Score : 1);
                }

                return new CountedRecords("surveys", records, counted, page, pageSize, items);
            default:
                await foreach (var c in UpheldComplaintsIn(subject, period).OrderBy(c => c.ComplaintId).AsAsyncEnumerable().WithCancellation(ct))
                {
                    Count(() => new CountedRecord("complaint", c.ComplaintId, c.DossierId, c.UnitCode, c.StaffCode, Local(c.ReceivedAt),
                        null, null, null, c.Category.ToString(), null, null, l["Kpi.Reason.Complaint"]), 1);
                }

                return new CountedRecords("complaints", records, counted, page, pageSize, items);
        }
    }

    private CountedRecord Describe(DossierVersion d, DossierFacts counted, DossierFacts all) => new(
        "dossier", d.DossierId, d.DossierId, d.UnitCode, d.HandlerCode, Local(d.ReceivedAt), Local(d.DueAt),
        d.FinishedAt is { } f ? Local(f) : null, null, d.Status.ToString(), d.Channel.ToString(), null, Reason(counted, all));

    /// <summary>Why a dossier counts, in the words of CONTRACTS.md: the facts of the term that hold for it.</summary>
    private string Reason(DossierFacts counted, DossierFacts all)
    {
        var reasons = new List<string>();
        if ((counted & (DossierFacts.Finished | DossierFacts.FinishedOnTime | DossierFacts.FinishedWithStaffError | DossierFacts.Completed)) != 0)
        {
            reasons.Add((all & DossierFacts.FinishedOnTime) != 0 ? l["Kpi.Reason.FinishedOnTime"] : l["Kpi.Reason.FinishedLate"]);
        }

        if ((counted & DossierFacts.FinishedWithStaffError) != 0)
        {
            reasons.Add(l["Kpi.Reason.StaffError"]);
        }

        if ((counted & DossierFacts.Completed) != 0)
        {
            reasons.Add(l["Kpi.Reason.Completed"]);
        }

        if ((counted & DossierFacts.OpenLate) != 0)
        {
            reasons.Add(l["Kpi.Reason.OpenLate"]);
        }

        if ((counted & DossierFacts.Withdrawn) != 0)
        {
            reasons.Add(l["Kpi.Reason.Withdrawn"]);
        }

        if ((counted & DossierFacts.ReceivedOnline) != 0)
        {
            reasons.Add(l["Kpi.Reason.ReceivedOnline"]);
        }
        else if ((counted & DossierFacts.Received) != 0)
        {
            reasons.Add((all & DossierFacts.ReceivedOnline) != 0 ? l["Kpi.Reason.ReceivedOnline"] : l["Kpi.Reason.Received"]);
        }

        return string.Join("; ", reasons);
    }

    private static DateTimeOffset Local(DateTimeOffset instant) => instant.ToOffset(VietnamTime.Offset);
}

/// <summary>How KPI values look to people: vi-VN numbers (<c>97,5 %</c>) and a traffic light against the library's target.</summary>
public static class KpiDisplay
{
    /// <summary>Rates are shown in percent, as the library states their targets; averages and per-day counts as they are.</summary>
    public static bool IsPercent(string code, KpiDefinition? definition) =>
        definition is not null ? definition.UnitOfMeasure.Trim() == "%" : code is not (KpiFormula.PerWorkingDay or KpiFormula.SatisfactionAvg);

    public static string Format(double? value, bool percent) => value is not { } v ? "—"
        : percent ? (v * 100).ToString("N1", CultureInfo.CurrentCulture) + " %" : v.ToString("N2", CultureInfo.CurrentCulture);

    public static string FormatTarget(decimal target, bool percent) =>
        percent ? target.ToString("0.##", CultureInfo.CurrentCulture) + " %" : target.ToString("0.##", CultureInfo.CurrentCulture);

    public static string Number(decimal value) => value.ToString(value == decimal.Truncate(value) ? "N0" : "N2", CultureInfo.CurrentCulture);

    /// <summary>
    /// Green when the target is met; red when the value is at or past the critical threshold;
    /// amber in between (missed, not yet critical). No value or no target: no status.
    /// </summary>
    public static KpiStatus Status(double? value, bool percent, KpiDefinition? definition)
    {
        if (value is not { } v || definition?.Target is not { } target)
        {
            return KpiStatus.None;
        }

        // Rounded so that 0.98 × 100 meets a target of 98 despite binary fractions.
        var shown = Math.Round((decimal)(percent ? v * 100 : v), 9);
        var higher = definition.Direction == KpiDirection.HigherIsBetter;
        if (higher ? shown >= target : shown <= target)
        {
            return KpiStatus.Green;
        }

        return definition.CriticalThreshold is { } critical && (higher ? shown <= critical : shown >= critical) ? KpiStatus.Red : KpiStatus.Amber;
    }
}
