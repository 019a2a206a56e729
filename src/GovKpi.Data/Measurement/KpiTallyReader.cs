using System.Data.Common;
using GovKpi.Core.Measurement;
using GovKpi.Data.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace GovKpi.Data.Measurement;

/// <summary>Where a tally came from.</summary>
public enum TallySource
{
    /// <summary>A stored calendar period (<c>kpi_aggregates</c>).</summary>
    Aggregates,
    /// <summary>Stored months, and the records of the days before and after them.</summary>
    AggregatesAndRecords,
    /// <summary>Counted from the records (no stored month lies inside the period).</summary>
    Records,
}

/// <summary>
/// The <see cref="KpiTally"/> of any period for the province, a set of units or one staff member,
/// exactly as <see cref="KpiComputation"/> counts it over the current records (ADR 0009). A stored
/// calendar period is read from <c>kpi_aggregates</c>. Any other period is split into the stored
/// months that lie inside it and the days before and after them, which are counted from the
/// records; the parts make the whole as a quarter is made of its months
/// (<see cref="KpiTally.OfConsecutive"/>: counts add up, open-late is the last part's).
/// </summary>
/// <remarks>
/// Counting a part from the records reads only the dossiers that can have a fact in it (received
/// or finished in it, or open and late at its end) with plain data readers (<see cref="StoredRecords"/>):
/// computing a custom range of a year over a million dossiers with EF from every record took
/// 11 – 20 s (docs/PERFORMANCE.md, KPI aggregates and values).
/// </remarks>
public sealed class KpiTallyReader(GovKpiDbContext db)
{
    private readonly bool _postgres = db.Database.IsNpgsql();

    /// <summary>The tally of the records of <paramref name="unitCodes"/> (unit_code), or of <paramref name="staffCode"/> (handler_code, staff_code), or of every record when both are null.</summary>
    public async Task<(KpiTally Tally, TallySource Source)> ReadAsync(ReportingPeriod period, IReadOnlyList<string>? unitCodes, string? staffCode, CancellationToken ct)
    {
        var (tally, source) = await ReadRecordsAsync(period, unitCodes, staffCode, ct);
        // The staff and their training are a state on the period's last day, never aggregated: always read from the records.
        var share = await new Training.TrainingShareReader(db).ReadAsync(period.To.AddDays(-1), unitCodes?.ToHashSet(), staffCode, ct);
        tally.Staff = share.Staff;
        tally.TrainedStaff = share.Trained;
        return (tally, source);
    }

    private async Task<(KpiTally Tally, TallySource Source)> ReadRecordsAsync(ReportingPeriod period, IReadOnlyList<string>? unitCodes, string? staffCode, CancellationToken ct)
    {
        var subject = new Subject(unitCodes, staffCode);
        if (await new KpiAggregateStore(db).IsStoredAsync(period, ct))
        {
            return ((await StoredAsync([period], subject, ct))[0], TallySource.Aggregates);
        }

        var months = await StoredMonthsWithinAsync(period, ct);
        if (months.Count == 0)
        {
            return (await BeforeAnyRecordAsync(period, ct) ? default : (await CountAsync(period, subject, ct)).TallyOfAll, TallySource.Records);
        }

        var parts = new List<KpiTally>();
        if (period.From < months[0].From)
        {
            parts.Add((await CountAsync(new ReportingPeriod(period.From, months[0].From), subject, ct)).TallyOfAll);
        }

        parts.AddRange(await StoredAsync(months, subject, ct));
        if (months[^1].To < period.To)
        {
            parts.Add((await CountAsync(new ReportingPeriod(months[^1].To, period.To), subject, ct)).TallyOfAll);
        }

        return (KpiTally.OfConsecutive([.. parts]), parts.Count > months.Count ? TallySource.AggregatesAndRecords : TallySource.Aggregates);
    }

    /// <summary>
    /// The tally of each of <paramref name="codes"/> — units (<see cref="KpiScope.Unit"/>, by
    /// unit_code) or staff (<see cref="KpiScope.Staff"/>, by handler_code) — in one read for all of
    /// them, not one per code: a stored period is one query of <c>kpi_aggregates</c>, and a part
    /// counted from the records is one pass that tallies every unit and person at once. A code
    /// without records is left out. Staff and training are not read (see <see cref="ReadAsync"/>).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, KpiTally>> ReadEachAsync(ReportingPeriod period, string scope, IReadOnlyCollection<string> codes, CancellationToken ct)
    {
        if (scope is not (KpiScope.Unit or KpiScope.Staff))
        {
            throw new ArgumentException($"Only units and staff are read each ({scope}).", nameof(scope));
        }

        if (codes.Count == 0)
        {
            return new Dictionary<string, KpiTally>(StringComparer.Ordinal);
        }

        List<ReportingPeriod> months = await new KpiAggregateStore(db).IsStoredAsync(period, ct) ? [period] : await StoredMonthsWithinAsync(period, ct);
        var parts = new List<IReadOnlyDictionary<string, KpiTally>>();
        // Counting from the records narrows by unit; a person's dossiers may lie in any unit, so staff are counted over all of them.
        var counted = scope == KpiScope.Unit ? new Subject([.. codes], null) : new Subject(null, null);
        if (months.Count == 0)
        {
            parts.Add(Of(await CountAsync(period, counted, ct), scope));
        }
        else
        {
            if (period.From < months[0].From)
            {
                parts.Add(Of(await CountAsync(new ReportingPeriod(period.From, months[0].From), counted, ct), scope));
            }

            parts.AddRange(await StoredEachAsync(months, scope, codes, ct));
            if (months[^1].To < period.To)
            {
                parts.Add(Of(await CountAsync(new ReportingPeriod(months[^1].To, period.To), counted, ct), scope));
            }
        }

        var wanted = codes.ToHashSet(StringComparer.Ordinal);
        var each = new Dictionary<string, KpiTally>(StringComparer.Ordinal);
        foreach (var code in parts.SelectMany(p => p.Keys).Where(wanted.Contains).Distinct())
        {
            each[code] = KpiTally.OfConsecutive([.. parts.Select(p => p.GetValueOrDefault(code))]);
        }

        return each;
    }

    /// <summary>
    /// The tally of each procedure (procedure_code) among the records of <paramref name="unitCodes"/>
    /// (every record when null), counted from the records: <c>kpi_aggregates</c> holds no procedure
    /// scope. Dossiers and the surveys of their dossiers; complaints name no procedure.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, KpiTally>> ReadByProcedureAsync(ReportingPeriod period, IReadOnlyList<string>? unitCodes, CancellationToken ct)
    {
        var subject = new Subject(unitCodes, null);
        var procedures = new Dictionary<string, KpiTally>(StringComparer.Ordinal);
        var procedureColumn = RecordDefinitions.Dossiers.Name(RecordDefinitions.Dossier.ProcedureCode);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using (var command = Command(
                $"SELECT {StoredRecords.DossierColumns("d.")}, d.{procedureColumn} FROM {MeasurementModel.CurrentDossiersTable} d " +
                "WHERE ((d.received_at >= @start AND d.received_at < @end) OR (d.finished_at >= @start AND d.finished_at < @end) " +
                "OR (d.received_at < @end AND d.due_at < @end AND (d.finished_at IS NULL OR d.finished_at >= @end)))" +
                SubjectFilter(subject, "d.unit_code", "d.handler_code"), period, subject))
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    var facts = DossierClassification.Classify(StoredRecords.Dossier(reader, _postgres), period);
                    if (facts != DossierFacts.None)
                    {
                        var code = reader.GetString(9);
                        var tally = procedures.GetValueOrDefault(code);
                        tally.Add(facts);
                        procedures[code] = tally;
                    }
                }
            }

            await using (var command = Command(
                $"SELECT d.{procedureColumn}, s.score FROM surveys s JOIN {MeasurementModel.CurrentDossiersTable} d ON d.dossier_id = s.dossier_id " +
                "WHERE s.submitted_at >= @start AND s.submitted_at < @end" + SubjectFilter(subject, "d.unit_code", "d.handler_code"), period, subject))
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    var code = reader.GetString(0);
                    var tally = procedures.GetValueOrDefault(code);
                    tally.AddSurvey(reader.GetInt32(1));
                    procedures[code] = tally;
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return procedures;
    }

    private static IReadOnlyDictionary<string, KpiTally> Of(KpiComputation computation, string scope) =>
        scope == KpiScope.Unit ? computation.Units : computation.Staff;

    /// <summary>The stored tallies of each code in each of <paramref name="periods"/>, in one query.</summary>
    private async Task<List<IReadOnlyDictionary<string, KpiTally>>> StoredEachAsync(IReadOnlyList<ReportingPeriod> periods, string scope, IReadOnlyCollection<string> codes,
        CancellationToken ct)
    {
        var (first, last) = (periods[0].From, periods[^1].To);
        var list = codes.ToList();
        var rows = await db.KpiAggregates.AsNoTracking()
            .Where(a => a.PeriodFrom >= first && a.PeriodTo <= last && a.Scope == scope && list.Contains(a.Code)).ToListAsync(ct);
        var index = periods.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i);
        var parts = periods.Select(_ => new Dictionary<string, KpiTally>(StringComparer.Ordinal)).ToList();
        foreach (var row in rows)
        {
            if (index.TryGetValue(row.Period, out var i))
            {
                var tally = parts[i].GetValueOrDefault(row.Code);
                tally.Add(row.ToTally());
                parts[i][row.Code] = tally;
            }
        }

        return [.. parts];
    }

    private sealed record Subject(IReadOnlyList<string>? UnitCodes, string? StaffCode);

    /// <summary>
    /// Whether <paramref name="period"/> ends before the first stored year begins (or nothing is
    /// stored): every record's times lie in the stored years, so no record has a fact in it and
    /// its tally is zero without reading them. A period after the stored years is still counted:
    /// a dossier left open there is late at its end.
    /// </summary>
    private async Task<bool> BeforeAnyRecordAsync(ReportingPeriod period, CancellationToken ct)
    {
        var first = await db.KpiAggregates.AsNoTracking().Where(a => a.Scope == KpiScope.All).MinAsync(a => (DateOnly?)a.PeriodFrom, ct);
        return first is not { } start || period.To <= start;
    }

    /// <summary>The stored months inside <paramref name="period"/>, in order, when they follow each other (stored years always do); otherwise none.</summary>
    private async Task<List<ReportingPeriod>> StoredMonthsWithinAsync(ReportingPeriod period, CancellationToken ct)
    {
        var stored = await db.KpiAggregates.AsNoTracking()
            .Where(a => a.Scope == KpiScope.All && a.PeriodFrom >= period.From && a.PeriodTo <= period.To)
            .Select(a => new { a.PeriodFrom, a.PeriodTo }).ToListAsync(ct);
        var months = stored.Where(p => p.PeriodFrom.Day == 1 && p.PeriodTo == p.PeriodFrom.AddMonths(1))
            .Select(p => new ReportingPeriod(p.PeriodFrom, p.PeriodTo)).OrderBy(p => p.From).ToList();
        for (var i = 1; i < months.Count; i++)
        {
            if (months[i].From != months[i - 1].To)
            {
                return [];
            }
        }

        return months;
    }

    /// <summary>The stored tallies of the subject in each of <paramref name="periods"/> (a missing row is a zero tally).</summary>
    private async Task<KpiTally[]> StoredAsync(IReadOnlyList<ReportingPeriod> periods, Subject subject, CancellationToken ct)
    {
        var (first, last) = (periods[0].From, periods[^1].To);
        var rows = db.KpiAggregates.AsNoTracking().Where(a => a.PeriodFrom >= first && a.PeriodTo <= last);
        rows = subject switch
        {
            { StaffCode: { } staff } => rows.Where(a => a.Scope == KpiScope.Staff && a.Code == staff),
            { UnitCodes: { } units } => rows.Where(a => a.Scope == KpiScope.Unit && units.Contains(a.Code)),
            _ => rows.Where(a => a.Scope == KpiScope.All),
        };
        var index = periods.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i);
        var tallies = new KpiTally[periods.Count];
        foreach (var row in await rows.ToListAsync(ct))
        {
            if (index.TryGetValue(row.Period, out var i))
            {
                tallies[i].Add(row.ToTally());
            }
        }

        return tallies;
    }

    /// <summary>The tallies of the subject in <paramref name="period"/> (of all of it, each unit and each person), counted from the current records.</summary>
    private async Task<KpiComputation> CountAsync(ReportingPeriod period, Subject subject, CancellationToken ct)
    {
        var computation = new KpiComputation(period, 0);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // Received or finished in the period, or open and late at its end: every other dossier has no fact in it.
            await using (var command = Command(
                $"SELECT {StoredRecords.DossierColumns("d.")} FROM {MeasurementModel.CurrentDossiersTable} d " +
                "WHERE ((d.received_at >= @start AND d.received_at < @end) OR (d.finished_at >= @start AND d.finished_at < @end) " +
                "OR (d.received_at < @end AND d.due_at < @end AND (d.finished_at IS NULL OR d.finished_at >= @end)))" +
                SubjectFilter(subject, "d.unit_code", "d.handler_code"), period, subject))
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    computation.AddDossier(StoredRecords.Dossier(reader, _postgres));
                }
            }

            await using (var command = Command(
                "SELECT s.response_id, s.dossier_id, s.submitted_at, s.score, d.unit_code, d.handler_code " +
                $"FROM surveys s JOIN {MeasurementModel.CurrentDossiersTable} d ON d.dossier_id = s.dossier_id " +
                "WHERE s.submitted_at >= @start AND s.submitted_at < @end" + SubjectFilter(subject, "d.unit_code", "d.handler_code"), period, subject))
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    computation.AddSurvey(new SurveyResponse(reader.GetString(0), reader.GetString(1), StoredRecords.Time(reader, 2, _postgres), reader.GetInt32(3)),
                        StoredRecords.RatedDossier(reader.GetString(1), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
                }
            }

            await using (var command = Command(
                "SELECT c.complaint_id, c.unit_code, c.staff_code, c.received_at FROM complaints c " +
                "WHERE c.upheld AND c.received_at >= @start AND c.received_at < @end" + SubjectFilter(subject, "c.unit_code", "c.staff_code"), period, subject))
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    computation.AddComplaint(new Complaint(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), null,
                        StoredRecords.Time(reader, 3, _postgres), ComplaintCategory.Other, Upheld: true));
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return computation;
    }

    private static string SubjectFilter(Subject subject, string unitColumn, string staffColumn) => subject switch
    {
        { StaffCode: not null } => $" AND {staffColumn} = @staff",
        { UnitCodes: [] } => " AND 1 = 0",
        { UnitCodes: { } units } => $" AND {unitColumn} IN ({string.Join(", ", units.Select((_, i) => $"@unit{i}"))})",
        _ => "",
    };

    private DbCommand Command(string sql, ReportingPeriod period, Subject subject)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        Parameter(command, "start", StoredRecords.TimeParameter(period.Start, _postgres));
        Parameter(command, "end", StoredRecords.TimeParameter(period.End, _postgres));
        if (subject.StaffCode is { } staff)
        {
            Parameter(command, "staff", staff);
        }
        else if (subject.UnitCodes is { } units)
        {
            for (var i = 0; i < units.Count; i++)
            {
                Parameter(command, $"unit{i}", units[i]);
            }
        }

        return command;
    }

    private static void Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
