using System.Collections.Concurrent;
using System.Threading.Channels;
using GovKpi.Core.Measurement;
using GovKpi.Core.Uploads;
using GovKpi.Data;
using GovKpi.Data.Files;
using GovKpi.Data.Measurement;
using GovKpi.Web.Features.Shared;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Measurement;

/// <summary>An uploaded file waiting to be imported; the file is a temporary copy the job deletes.</summary>
public sealed record ImportJob(Guid BatchId, RecordKind Kind, string FileName, string TempPath, string ImportedBy);

/// <summary>Where an upload is: queued, running (with progress), done (with its outcome) or failed.</summary>
public sealed record ImportJobStatus(Guid BatchId, string State, long Rows, long BytesRead, long TotalBytes, ImportBatch? Batch, IReadOnlyList<ImportProblem> Problems, string? Error);

/// <summary>
/// Uploaded files are imported one at a time by a background service, so a long import outlives
/// the request and SQLite sees one writer. Progress is kept in memory on the node that runs the
/// import; once it ends, the batch row in the database says how it went, on every node (ADR 0007).
/// </summary>
public sealed class ImportJobs
{
    private readonly Channel<ImportJob> _queue = Channel.CreateUnbounded<ImportJob>();
    private readonly ConcurrentDictionary<Guid, ImportJobStatus> _status = new();

    public void Enqueue(ImportJob job)
    {
        _status[job.BatchId] = new ImportJobStatus(job.BatchId, "queued", 0, 0, new FileInfo(job.TempPath).Length, null, [], null);
        if (!_queue.Writer.TryWrite(job))
        {
            throw new InvalidOperationException("The import queue is closed.");
        }
    }

    public ImportJobStatus? Find(Guid batchId) => _status.GetValueOrDefault(batchId);

    internal ChannelReader<ImportJob> Queue => _queue.Reader;

    internal void Set(ImportJobStatus status) => _status[status.BatchId] = status;
}

internal sealed class ImportWorker(ImportJobs jobs, IServiceScopeFactory scopes, ILogger<ImportWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in jobs.Queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(job, stoppingToken);
            }
            finally
            {
                File.Delete(job.TempPath);
            }
        }
    }

    private async Task RunAsync(ImportJob job, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var total = new FileInfo(job.TempPath).Length;
        jobs.Set(new ImportJobStatus(job.BatchId, "running", 0, 0, total, null, [], null));
        try
        {
            await using var stream = File.OpenRead(job.TempPath);
            var batch = UploadedFile.Batch(job, stream, scope.ServiceProvider.GetRequiredService<SpreadsheetLimits>());
            var progress = new Reporter(p => jobs.Set(new ImportJobStatus(job.BatchId, "running", p.Rows, p.BytesRead, p.TotalBytes, null, [], null)));
            var outcome = await new MeasurementImport(db, clock).RunAsync(batch, progress, ct);
            jobs.Set(new ImportJobStatus(job.BatchId, "completed", outcome.Batch.Read, total, total, outcome.Batch, outcome.Problems, null));
        }
        catch (UploadLimitException e)
        {
            // The page checks uploads first; this holds when the limits were lowered while the job waited.
            jobs.Set(new ImportJobStatus(job.BatchId, "failed", 0, 0, total, null, [],
                UploadRefusal.Message(e, scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>())));
        }
        catch (UnusableFileException e)
        {
            jobs.Set(new ImportJobStatus(job.BatchId, "failed", 0, 0, total, null, [], e.Error.ToString()));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The batch was rolled back and recorded as failed; the page shows why.
            log.LogError(e, "Import of {File} (batch {BatchId}) failed", job.FileName, job.BatchId);
            jobs.Set(new ImportJobStatus(job.BatchId, "failed", 0, 0, total, null, [], e.Message));
        }
    }

    private sealed class Reporter(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}

/// <summary>Turns an uploaded CSV or .xlsx file of one kind into an import batch.</summary>
public static class UploadedFile
{
    public static bool IsExcel(string fileName) => fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);

    public static MeasurementBatch Batch(ImportJob job, Stream stream, SpreadsheetLimits limits)
    {
        var name = Path.GetFileName(job.FileName);
        var batch = new MeasurementBatch(ImportSource.Upload, job.ImportedBy) { Id = job.BatchId };
        return job.Kind switch
        {
            RecordKind.Dossier => batch with { Dossiers = IsExcel(name) ? Xlsx<DossierVersion>(stream, name, job.Kind, limits) : ImportFiles.DossiersCsv(stream, name) },
            RecordKind.Survey => batch with { Surveys = IsExcel(name) ? Xlsx<SurveyResponse>(stream, name, job.Kind, limits) : ImportFiles.SurveysCsv(stream, name) },
            RecordKind.Complaint => batch with { Complaints = IsExcel(name) ? Xlsx<Complaint>(stream, name, job.Kind, limits) : ImportFiles.ComplaintsCsv(stream, name) },
            _ => batch with { Calendar = IsExcel(name) ? Xlsx<CalendarException>(stream, name, job.Kind, limits) : ImportFiles.CalendarCsv(stream, name) },
        };
    }

    private static ImportFile<T> Xlsx<T>(Stream stream, string name, RecordKind kind, SpreadsheetLimits limits) where T : class =>
        new(name, ImportFiles.Xlsx<T>(stream, name, kind, limits), stream.Length);
}
