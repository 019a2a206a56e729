using GovKpi.Core.Measurement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace GovKpi.Data.Measurement;

/// <summary>
/// Keeps <c>kpi_aggregates</c> equal to a full recompute across one import, inside its transaction.
/// </summary>
/// <remarks>
/// A batch of at most <see cref="IncrementalRows"/> rows (every API push, small uploads) is read
/// ahead into memory; the records it touches are read before and after the write, and the
/// difference becomes signed deltas (<see cref="KpiAggregates"/>): dossiers first, carrying the
/// surveys they had, then the surveys that changed, rated under their dossier's new version, then
/// complaints. A larger batch (a bulk file) into empty record tables is counted as it streams
/// by (<see cref="StreamedTallies"/>) up to <see cref="DefaultStreamedBytes"/> (<see cref="MeasurementImport.StreamedBytes"/>); any other larger batch streams through untouched and the
/// tallies are then recomputed from the tables, which costs about as much as reading the records
/// once. Surveys and complaints are updated in place by the import, so their previous content is
/// only known by reading it before the write.
/// </remarks>
internal sealed class AggregateMaintenance
{
    /// <summary>Rows of a batch up to which the aggregates are updated by deltas (the largest API push).</summary>
    public const int IncrementalRows = 50_000;

    /// <summary>Files from this size on are taken as more than <see cref="IncrementalRows"/> rows without reading them ahead.</summary>
    private const long LargeBytes = 16 << 20;

    /// <summary>
    /// Files up to this size landing in empty tables are counted as they stream by, which holds the
    /// current version of every dossier in memory (about 700 bytes each with its table entry; a
    /// million dossiers are 235 MB of files). Larger ones spill to the database: the current
    /// versions are resolved there and the tallies recomputed from the tables, one record in memory
    /// at a time, so that memory stops growing with the files (issue 15, docs/PERFORMANCE.md "Memory").
    /// </summary>
    internal const long DefaultStreamedBytes = 256L << 20;

    /// <summary>Ids per query when reading records by id.</summary>
    private const int Chunk = 2_000;

    private readonly GovKpiDbContext _db;
    private readonly Touched? _touched;
    private readonly Snapshot? _before;
    private readonly StreamedTallies? _streamed;

    private AggregateMaintenance(GovKpiDbContext db, MeasurementBatch batch, Touched? touched = null, Snapshot? before = null, StreamedTallies? streamed = null)
    {
        _db = db;
        Batch = batch;
        _touched = touched;
        _before = before;
        _streamed = streamed;
    }

    /// <summary>The batch to write: the same rows, some of them already read ahead.</summary>
    public MeasurementBatch Batch { get; }

    /// <summary>The tallies of a batch landing in empty record tables, counted as its rows are read; null otherwise.</summary>
    public StreamedTallies? Streamed => _streamed;

    public static async Task<AggregateMaintenance> BeginAsync(GovKpiDbContext db, MeasurementBatch batch, long streamedBytes, CancellationToken ct)
    {
        // Files this large hold more rows than the deltas are for (unless their rows average over
        // 300 bytes; any way is exact): they are not read ahead, which took 0.3 – 0.6 s on one
        // core before the rows could be written.
        if (batch.TotalBytes >= LargeBytes)
        {
            return await LargeAsync(db, batch, streamedBytes, ct);
        }

        var budget = new Budget { Remaining = IncrementalRows };
        List<DossierVersion> dossiers = [];
        List<SurveyResponse> surveys = [];
        List<Complaint> complaints = [];
        batch = batch with
        {
            Dossiers = ReadAhead(batch.Dossiers, budget, dossiers),
            Surveys = ReadAhead(batch.Surveys, budget, surveys),
            Complaints = ReadAhead(batch.Complaints, budget, complaints),
        };
        if (budget.Exceeded)
        {
            return await LargeAsync(db, batch, streamedBytes, ct);
        }

        var surveyIds = surveys.Select(s => s.ResponseId).ToHashSet(StringComparer.Ordinal);
        var storedSurveys = await ByIdsAsync(surveyIds, ids => db.Surveys.AsNoTracking().Where(s => ids.Contains(s.ResponseId)), ct);
        var dossierIds = dossiers.Select(d => d.DossierId)
            .Concat(surveys.Select(s => s.DossierId))
            .Concat(storedSurveys.Select(s => s.DossierId))
            .ToHashSet(StringComparer.Ordinal);
        var touched = new Touched(dossierIds, surveyIds, complaints.Select(c => c.ComplaintId).ToHashSet(StringComparer.Ordinal));
        return new AggregateMaintenance(db, batch, touched, await ReadAsync(db, touched, ct));
    }

    /// <summary>Brings the aggregates up to date with what the batch wrote; call after the write, before commit.</summary>
    public async Task FinishAsync(CancellationToken ct)
    {
        var store = new KpiAggregateStore(_db);
        if (_streamed is not null)
        {
            await store.ReplaceAllAsync(_streamed.Tallies(), ct);
            return;
        }

        if (_touched is null || _before is null)
        {
            await store.RecomputeAsync(ct);
            return;
        }

        if (_touched.IsEmpty)
        {
            return;
        }

        var periods = await store.StoredPeriodsAsync(ct);
        var after = await ReadAsync(_db, _touched, ct);
        if (periods.Count == 0 || !after.WithinYears(periods.Min(p => p.From.Year), periods.Max(p => p.From.Year)))
        {
            // The records reach a year not stored yet: its periods need every record, not only these.
            await store.RecomputeAsync(ct);
            return;
        }

        await store.AddAsync(Deltas(new KpiAggregates(periods), _before, after), ct);
    }

    /// <summary>A batch too large for deltas: counted as it streams into empty record tables, otherwise recomputed after the write.</summary>
    private static async Task<AggregateMaintenance> LargeAsync(GovKpiDbContext db, MeasurementBatch batch, long streamedBytes, CancellationToken ct)
    {
        if (batch.TotalBytes > streamedBytes || !await RecordTablesEmptyAsync(db, ct))
        {
            return new AggregateMaintenance(db, batch);
        }

        var streamed = new StreamedTallies();
        return new AggregateMaintenance(db, streamed.Counting(batch), streamed: streamed);
    }

    /// <summary>Whether no record is stored yet, so that a batch's records will be all the records.</summary>
    private static async Task<bool> RecordTablesEmptyAsync(GovKpiDbContext db, CancellationToken ct)
    {
        // One plain statement: compiling four EF queries cost a tenth of a second on a fresh process.
        string[] tables = [MeasurementModel.DossierVersionsTable, MeasurementModel.CurrentDossiersTable, RecordTables.Surveys.Name, RecordTables.Complaints.Name];
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"SELECT CASE WHEN {string.Join(" OR ", tables.Select(table => $"EXISTS (SELECT 1 FROM {table})"))} THEN 1 ELSE 0 END";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 0;
    }

    private static Dictionary<AggregateKey, KpiTally> Deltas(KpiAggregates aggregates, Snapshot before, Snapshot after)
    {
        var deltas = new Dictionary<AggregateKey, KpiTally>();
        void Merge(Dictionary<AggregateKey, KpiTally> more)
        {
            foreach (var (key, tally) in more)
            {
                ref var sum = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(deltas, key, out _);
                sum.Add(tally);
            }
        }

        var surveysBefore = before.Surveys.Values.ToLookup(s => s.DossierId, StringComparer.Ordinal);
        foreach (var (id, dossier) in after.Dossiers)
        {
            var previous = before.Dossiers.GetValueOrDefault(id);
            if (previous != dossier)
            {
                Merge(aggregates.DossierChanged(previous, dossier, surveysBefore[id].ToList()));
            }
        }

        // The dossiers have moved with the surveys they had; now each changed survey moves
        // between the current versions of its old and new dossier.
        foreach (var (id, survey) in after.Surveys)
        {
            var previous = before.Surveys.GetValueOrDefault(id);
            if (previous != survey)
            {
                Merge(aggregates.SurveyChanged(
                    previous, previous is null ? null : after.Dossiers.GetValueOrDefault(previous.DossierId),
                    survey, after.Dossiers.GetValueOrDefault(survey.DossierId)));
            }
        }

        foreach (var (id, complaint) in after.Complaints)
        {
            var previous = before.Complaints.GetValueOrDefault(id);
            if (previous != complaint)
            {
                Merge(aggregates.ComplaintChanged(previous, complaint));
            }
        }

        return deltas;
    }

    private static async Task<Snapshot> ReadAsync(GovKpiDbContext db, Touched touched, CancellationToken ct)
    {
        var dossiers = await ByIdsAsync(touched.DossierIds, ids => db.Dossiers.AsNoTracking().Where(d => ids.Contains(d.DossierId)), ct);
        var surveys = await ByIdsAsync(touched.DossierIds, ids => db.Surveys.AsNoTracking().Where(s => ids.Contains(s.DossierId)), ct);
        surveys.AddRange(await ByIdsAsync(touched.SurveyIds, ids => db.Surveys.AsNoTracking().Where(s => ids.Contains(s.ResponseId)), ct));
        var complaints = await ByIdsAsync(touched.ComplaintIds, ids => db.Complaints.AsNoTracking().Where(c => ids.Contains(c.ComplaintId)), ct);
        return new Snapshot(
            dossiers.ToDictionary(d => d.DossierId, StringComparer.Ordinal),
            surveys.DistinctBy(s => s.ResponseId, StringComparer.Ordinal).ToDictionary(s => s.ResponseId, StringComparer.Ordinal),
            complaints.ToDictionary(c => c.ComplaintId, StringComparer.Ordinal));
    }

    private static async Task<List<T>> ByIdsAsync<T>(IReadOnlyCollection<string> ids, Func<List<string>, IQueryable<T>> query, CancellationToken ct)
    {
        var result = new List<T>();
        foreach (var chunk in ids.Chunk(Chunk))
        {
            result.AddRange(await query([.. chunk]).ToListAsync(ct));
        }

        return result;
    }

    /// <summary>
    /// Reads the rows of <paramref name="file"/> ahead while the budget lasts, collecting its valid
    /// records; the file handed on yields the same rows, the read-ahead ones first.
    /// </summary>
    private static ImportFile<T>? ReadAhead<T>(ImportFile<T>? file, Budget budget, List<T> records) where T : class
    {
        if (file is null || budget.Exceeded)
        {
            return file;
        }

        var rows = file.Rows.GetEnumerator();
        var read = new List<SourceRow<T>>();
        var more = false;
        while (rows.MoveNext())
        {
            read.Add(rows.Current);
            if (rows.Current.Record is { } record)
            {
                records.Add(record);
            }

            if (--budget.Remaining < 0)
            {
                budget.Exceeded = true;
                more = true;
                break;
            }
        }

        if (!more)
        {
            rows.Dispose();
        }

        return new ImportFile<T>(file.Name, more ? Continue(read, rows) : read, file.TotalBytes, () => file.BytesRead);
    }

    private static IEnumerable<SourceRow<T>> Continue<T>(List<SourceRow<T>> read, IEnumerator<SourceRow<T>> rest) where T : class
    {
        using (rest)
        {
            foreach (var row in read)
            {
                yield return row;
            }

            while (rest.MoveNext())
            {
                yield return rest.Current;
            }
        }
    }

    private sealed class Budget
    {
        public int Remaining;
        public bool Exceeded;
    }

    private sealed record Touched(HashSet<string> DossierIds, HashSet<string> SurveyIds, HashSet<string> ComplaintIds)
    {
        public bool IsEmpty => DossierIds.Count == 0 && SurveyIds.Count == 0 && ComplaintIds.Count == 0;
    }

    private sealed record Snapshot(
        Dictionary<string, DossierVersion> Dossiers, Dictionary<string, SurveyResponse> Surveys, Dictionary<string, Complaint> Complaints)
    {
        public bool WithinYears(int first, int last)
        {
            bool In(DateTimeOffset? t) => t is not { } instant || KpiAggregateStore.LocalYear(instant) is var y && y >= first && y <= last;
            return Dossiers.Values.All(d => In(d.ReceivedAt) && In(d.FinishedAt))
                && Surveys.Values.All(s => In(s.SubmittedAt))
                && Complaints.Values.All(c => In(c.ReceivedAt));
        }
    }
}
