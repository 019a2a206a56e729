using System.Collections.Concurrent;
using System.Threading.Channels;
using GovKpi.Core.Organisation;
using GovKpi.Core.Uploads;
using GovKpi.Data;
using GovKpi.Data.Files;
using GovKpi.Data.Organisation;
using GovKpi.Web.Features.Shared;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Organisation;

/// <summary>Organisation files uploaded together (temporary copies the job deletes), to be imported as one.</summary>
public sealed record OrganisationImportJob(Guid Id, IReadOnlyList<(string FileName, string TempPath)> Files, string ImportedBy);

/// <summary>
/// Where an upload is: <c>queued</c>, <c>running</c> (at step <see cref="Step"/> of <see cref="Steps"/>:
/// reading, checking, saving), <c>completed</c> (with its summary), <c>invalid</c> (every located
/// problem; nothing changed) or <c>failed</c>.
/// </summary>
public sealed record OrganisationImportStatus(
    Guid Id, string State, int Step, IReadOnlyList<KindSummaryResponse> Summary, bool Changed,
    IReadOnlyList<string> Problems, IReadOnlyList<string> Warnings, string? Error)
{
    public const int Steps = 3;
}

/// <summary>
/// Uploaded organisation files are imported one upload at a time by a background service, as the
/// record uploads are (<see cref="Measurement.ImportJobs"/>): the request returns at once and the
/// page polls the status, which is kept in memory on the node that runs the import.
/// </summary>
public sealed class OrganisationImportJobs
{
    private readonly Channel<OrganisationImportJob> _queue = Channel.CreateUnbounded<OrganisationImportJob>();
    private readonly ConcurrentDictionary<Guid, OrganisationImportStatus> _status = new();

    public void Enqueue(OrganisationImportJob job)
    {
        _status[job.Id] = new OrganisationImportStatus(job.Id, "queued", 0, [], false, [], [], null);
        if (!_queue.Writer.TryWrite(job))
        {
            throw new InvalidOperationException("The organisation import queue is closed.");
        }
    }

    public OrganisationImportStatus? Find(Guid id) => _status.GetValueOrDefault(id);

    internal ChannelReader<OrganisationImportJob> Queue => _queue.Reader;

    internal void Set(OrganisationImportStatus status) => _status[status.Id] = status;
}

internal sealed class OrganisationImportWorker(OrganisationImportJobs jobs, IServiceScopeFactory scopes, ILogger<OrganisationImportWorker> log) : BackgroundService
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
                foreach (var (_, path) in job.Files)
                {
                    File.Delete(path);
                }
            }
        }
    }

    private async Task RunAsync(OrganisationImportJob job, CancellationToken ct)
    {
        OrganisationImportStatus Status(string state, int step) => new(job.Id, state, step, [], false, [], [], null);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        var importer = new OrganisationImporter(db, scope.ServiceProvider.GetRequiredService<TimeProvider>());
        try
        {
            jobs.Set(Status("running", 1));
            var streams = job.Files.Select(f => (f.FileName, (Stream)File.OpenRead(f.TempPath))).ToList();
            OrganisationRead read;
            try
            {
                read = OrganisationFileReader.ReadFiles(streams, scope.ServiceProvider.GetRequiredService<SpreadsheetLimits>());
            }
            finally
            {
                streams.ForEach(s => s.Item2.Dispose());
            }

            jobs.Set(Status("running", 2));
            var result = await importer.PlanAsync(read.Rows, job.ImportedBy, OrganisationChangeSource.Upload, ct);
            var problems = OrganisationImport.Ordered(read.Problems.Concat(result.Problems)).Select(p => p.ToString()).ToList();
            if (problems.Count > 0 || result.Plan is null)
            {
                jobs.Set(new OrganisationImportStatus(job.Id, "invalid", OrganisationImportStatus.Steps, [], false, problems, read.Warnings, null));
                return;
            }

            jobs.Set(Status("running", 3));
            if (result.Plan.ChangesAnything)
            {
                await importer.ApplyAsync(result.Plan, ct);
            }

            jobs.Set(new OrganisationImportStatus(job.Id, "completed", OrganisationImportStatus.Steps,
                [.. result.Plan.Summary.Select(KindSummaryResponse.From)], result.Plan.ChangesAnything, [], read.Warnings, null));
        }
        catch (UploadLimitException e)
        {
            // The page checks uploads first; this holds when the limits were lowered while the job waited.
            jobs.Set(new OrganisationImportStatus(job.Id, "failed", 0, [], false, [], [],
                UploadRefusal.Message(e, scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>())));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The transaction was rolled back; the page shows why.
            log.LogError(e, "Organisation import {Id} failed", job.Id);
            jobs.Set(new OrganisationImportStatus(job.Id, "failed", 0, [], false, [], [], e.Message));
        }
    }
}
