using System.Text.Json;
using GovKpi.Core.Measurement;
using GovKpi.Core.Uploads;
using GovKpi.Data;
using GovKpi.Data.Files;
using GovKpi.Data.Measurement;
using GovKpi.Web.Features.Shared;
using GovKpi.Web.Features.Uploads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Measurement;

/// <summary>
/// Imports an uploaded contract file (an <see cref="UploadJob"/> of kind measurement) as one
/// batch whose id is the job's. The batch row says how it went; the job adds the located problems.
/// </summary>
internal sealed class MeasurementUploadRunner(ILogger<MeasurementUploadRunner> log) : IUploadRunner
{
    public UploadKind Kind => UploadKind.Measurement;

    public async Task<UploadRunOutcome> RunAsync(UploadJob job, IServiceProvider services, Action<UploadProgress> progress, CancellationToken ct)
    {
        var db = services.GetRequiredService<GovKpiDbContext>();
        var clock = services.GetRequiredService<TimeProvider>();
        var file = job.Files[0];
        try
        {
            await using var stream = File.OpenRead(file.Path);
            var batch = UploadedFile.Batch(job.Id, Enum.Parse<RecordKind>(job.Detail), file.Name, job.CreatedBy, stream,
                services.GetRequiredService<SpreadsheetLimits>(), services.GetRequiredService<RecordPlausibility>());
            var outcome = await services.GetRequiredService<UploadQueue>().WritingAsync(db, () =>
                new MeasurementImport(db, clock).RunAsync(batch, new Reporter(p => progress(new UploadProgress(p.Rows, p.BytesRead, 0))), ct), ct);
            return UploadRunOutcome.Completed(outcome.Batch.Read,
                JsonSerializer.Serialize(new MeasurementUploadResult([.. outcome.Problems.Select(p => p.ToString())])));
        }
        catch (UploadLimitException e)
        {
            // The page checks uploads first; this holds when the limits were lowered while the job waited.
            return UploadRunOutcome.Failed(UploadRefusal.Message(e, services.GetRequiredService<IStringLocalizer<SharedResource>>()));
        }
        catch (UnusableFileException e)
        {
            return UploadRunOutcome.Failed(e.Error.ToString());
        }
        catch (WorkbookException e)
        {
            // Located in the words of the worker's culture (vi-VN), never the library's text.
            return UploadRunOutcome.Failed(e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The batch was rolled back and recorded as failed; the page shows why.
            log.LogError(e, "Import of {File} (batch {BatchId}) failed", file.Name, job.Id);
            return UploadRunOutcome.Failed(UploadFailure.Describe(e, job.Id, services.GetRequiredService<IStringLocalizer<SharedResource>>()));
        }
    }

    private sealed class Reporter(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}

/// <summary>What a finished measurement job keeps beside its batch row: the located problems.</summary>
internal sealed record MeasurementUploadResult(IReadOnlyList<string> Problems);

/// <summary>The status of a measurement upload as the page and <c>/api/measurement/imports/{id}</c> show it.</summary>
public static class MeasurementUploadStatus
{
    public static async Task<ImportStatusResponse?> FindAsync(Guid batchId, GovKpiDbContext db, UploadQueue queue, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var job = await db.UploadJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == batchId && j.Kind == UploadKind.Measurement, ct);
        var batch = await db.ImportBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId, ct);
        if (job is null)
        {
            // A batch pushed through the API, or uploaded before jobs were kept: its row tells the story.
            return batch is null ? null
                : new ImportStatusResponse(batch.Id, batch.Status == ImportStatus.Completed ? "completed" : "failed",
                    batch.Read, 0, 0, batch, [], batch.Status == ImportStatus.Failed ? batch.Error : null);
        }

        var live = queue.Progress(job.Id);
        return job.State switch
        {
            UploadJobState.Queued => new(job.Id, "queued", 0, 0, job.TotalBytes, null, [], null),
            UploadJobState.Running => new(job.Id, "running", live?.Rows ?? job.Rows, live?.BytesRead ?? job.BytesRead, job.TotalBytes, null, [], null),
            UploadJobState.Done => new(job.Id, "completed", job.Rows, job.TotalBytes, job.TotalBytes, batch,
                JsonSerializer.Deserialize<MeasurementUploadResult>(job.Result ?? "{}")?.Problems ?? [], null),
            UploadJobState.Cancelled => new(job.Id, "cancelled", 0, 0, job.TotalBytes, null, [], null),
            _ => new(job.Id, "failed", 0, 0, job.TotalBytes, null, [], UploadStatus.Error(job, l)),
        };
    }
}

/// <summary>Turns an uploaded CSV or .xlsx file of one kind into an import batch.</summary>
public static class UploadedFile
{
    public static bool IsExcel(string fileName) => fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);

    public static MeasurementBatch Batch(Guid batchId, RecordKind kind, string fileName, string importedBy, Stream stream, SpreadsheetLimits limits,
        RecordPlausibility plausibility)
    {
        var name = Path.GetFileName(fileName);
        var batch = new MeasurementBatch(ImportSource.Upload, importedBy) { Id = batchId };
        return kind switch
        {
            RecordKind.Dossier => batch with
            {
                Dossiers = IsExcel(name) ? Xlsx<DossierVersion>(stream, name, kind, limits, plausibility) : ImportFiles.DossiersCsv(stream, name, plausibility: plausibility),
            },
            RecordKind.Survey => batch with
            {
                Surveys = IsExcel(name) ? Xlsx<SurveyResponse>(stream, name, kind, limits, plausibility) : ImportFiles.SurveysCsv(stream, name, plausibility: plausibility),
            },
            RecordKind.Complaint => batch with
            {
                Complaints = IsExcel(name) ? Xlsx<Complaint>(stream, name, kind, limits, plausibility) : ImportFiles.ComplaintsCsv(stream, name, plausibility: plausibility),
            },
            _ => batch with
            {
                Calendar = IsExcel(name) ? Xlsx<CalendarException>(stream, name, kind, limits, plausibility) : ImportFiles.CalendarCsv(stream, name, plausibility: plausibility),
            },
        };
    }

    private static ImportFile<T> Xlsx<T>(Stream stream, string name, RecordKind kind, SpreadsheetLimits limits, RecordPlausibility plausibility) where T : class =>
        new(name, ImportFiles.Xlsx<T>(stream, name, kind, limits, plausibility), stream.Length);
}
