using System.Text.Json;
using GovKpi.Core.Organisation;
using GovKpi.Core.Uploads;
using GovKpi.Data;
using GovKpi.Data.Files;
using GovKpi.Data.Organisation;
using GovKpi.Web.Features.Shared;
using GovKpi.Web.Features.Uploads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Organisation;

/// <summary>
/// Where an upload is: <c>queued</c>, <c>running</c> (at step <see cref="Step"/> of <see cref="Steps"/>:
/// reading, checking, saving), <c>completed</c> (with its summary), <c>invalid</c> (every located
/// problem; nothing changed), <c>failed</c> or <c>cancelled</c>.
/// </summary>
public sealed record OrganisationImportStatus(
    Guid Id, string State, int Step, IReadOnlyList<KindSummaryResponse> Summary, bool Changed,
    IReadOnlyList<string> Problems, IReadOnlyList<string> Warnings, string? Error)
{
    public const int Steps = 3;

    public static async Task<OrganisationImportStatus?> FindAsync(Guid id, GovKpiDbContext db, UploadQueue queue, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var job = await db.UploadJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id && j.Kind == UploadKind.Organisation, ct);
        OrganisationImportStatus Status(string state, int step, string? error = null) => new(id, state, step, [], false, [], [], error);
        return job?.State switch
        {
            null => null,
            UploadJobState.Queued => Status("queued", 0),
            UploadJobState.Running => Status("running", queue.Progress(id)?.Step ?? job.Step),
            UploadJobState.Done => JsonSerializer.Deserialize<OrganisationImportStatus>(job.Result ?? "null", JsonSerializerOptions.Web) ?? Status("completed", Steps),
            UploadJobState.Cancelled => Status("cancelled", 0),
            _ => Status("failed", 0, UploadStatus.Error(job, l)),
        };
    }
}

/// <summary>
/// Imports uploaded organisation files (an <see cref="UploadJob"/> of kind organisation) together,
/// all or nothing; the result keeps the summary, or every located problem.
/// </summary>
internal sealed class OrganisationUploadRunner(ILogger<OrganisationUploadRunner> log) : IUploadRunner
{
    public UploadKind Kind => UploadKind.Organisation;

    public async Task<UploadRunOutcome> RunAsync(UploadJob job, IServiceProvider services, Action<UploadProgress> progress, CancellationToken ct)
    {
        var db = services.GetRequiredService<GovKpiDbContext>();
        var importer = new OrganisationImporter(db, services.GetRequiredService<TimeProvider>());
        UploadRunOutcome Ended(OrganisationImportStatus status, long rows) =>
            UploadRunOutcome.Completed(rows, JsonSerializer.Serialize(status, JsonSerializerOptions.Web));
        try
        {
            progress(new UploadProgress(0, 0, 1));
            var streams = job.Files.Select(f => (f.Name, (Stream)File.OpenRead(f.Path))).ToList();
            OrganisationRead read;
            try
            {
                read = OrganisationFileReader.ReadFiles(streams, services.GetRequiredService<SpreadsheetLimits>());
            }
            finally
            {
                streams.ForEach(s => s.Item2.Dispose());
            }

            progress(new UploadProgress(0, job.TotalBytes, 2));
            return await services.GetRequiredService<UploadQueue>().WritingAsync(db, async () =>
            {
                var result = await importer.PlanAsync(read.Rows, job.CreatedBy, OrganisationChangeSource.Upload, ct);
                var problems = OrganisationImport.Ordered(read.Problems.Concat(result.Problems)).Select(p => p.ToString()).ToList();
                if (problems.Count > 0 || result.Plan is null)
                {
                    return Ended(new OrganisationImportStatus(job.Id, "invalid", OrganisationImportStatus.Steps, [], false, problems, read.Warnings, null), 0);
                }

                progress(new UploadProgress(0, job.TotalBytes, 3));
                if (result.Plan.ChangesAnything)
                {
                    await importer.ApplyAsync(result.Plan, ct);
                }

                var summary = result.Plan.Summary.Select(KindSummaryResponse.From).ToList();
                return Ended(new OrganisationImportStatus(job.Id, "completed", OrganisationImportStatus.Steps,
                    summary, result.Plan.ChangesAnything, [], read.Warnings, null), summary.Sum(k => (long)k.Added + k.Changed + k.Retired + k.Unchanged));
            }, ct);
        }
        catch (UploadLimitException e)
        {
            // The page checks uploads first; this holds when the limits were lowered while the job waited.
            return UploadRunOutcome.Failed(UploadRefusal.Message(e, services.GetRequiredService<IStringLocalizer<SharedResource>>()));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The transaction was rolled back; the page shows why.
            log.LogError(e, "Organisation import {Id} failed", job.Id);
            return UploadRunOutcome.Failed(UploadFailure.Describe(e, job.Id, services.GetRequiredService<IStringLocalizer<SharedResource>>()));
        }
    }
}
