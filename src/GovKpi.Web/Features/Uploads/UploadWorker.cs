using System.Globalization;
using GovKpi.Core.Uploads;
using GovKpi.Data;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Uploads;

/// <summary>
/// Runs upload jobs from the database on <see cref="UploadOptions.Workers"/> workers, so a slow
/// file does not hold up the others. A worker claims a queued job by saving the transition with
/// the job's version checked, so with several nodes on one database each job runs once. While it
/// runs, the node renews its claim; a job whose claim lapsed (its node died) is marked failed by
/// whichever node looks next, since the import is one transaction and wrote nothing.
/// </summary>
internal sealed class UploadWorker(
    UploadQueue queue, IEnumerable<IUploadRunner> runners, UploadJobEvents events, IServiceScopeFactory scopes,
    TimeProvider clock, ILogger<UploadWorker> log) : BackgroundService
{
    private static readonly TimeSpan StrayAge = TimeSpan.FromDays(1);
    private readonly UploadOptions _options = queue.Options;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The host's start-up is not held by a slow database.
        await Task.Yield();
        await Safely(() => RecoverAsync(stoppingToken), stoppingToken);
        await Task.WhenAll(Enumerable.Range(0, _options.Workers).Select(_ => WorkAsync(stoppingToken)));
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            UploadJob? job = null;
            var claimed = await Safely(async () => (job = await ClaimNextAsync(ct)) is not null, ct);
            if (job is not null)
            {
                await Safely(() => RunAsync(job, ct), ct);
            }
            else if (!claimed)
            {
                await Safely(() => AbandonLapsedAsync(ct), ct);
                try
                {
                    await queue.WaitAsync(_options.Poll, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>The oldest queued job, claimed by this node; null when none is left (or another node took the last look's).</summary>
    private async Task<UploadJob?> ClaimNextAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        var job = await db.UploadJobs.Where(j => j.State == UploadJobState.Queued).OrderBy(j => j.CreatedAt).FirstOrDefaultAsync(ct);
        if (job is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var lost = job.Files.Any(f => !File.Exists(f.Path));
        if (lost)
        {
            UploadJobs.Fail(job, now, null, UploadJobs.FileLostKey);
        }
        else
        {
            UploadJobs.Claim(job, _options.Node, now, _options.Lease);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another worker or node changed it first; look again.
            queue.Wake();
            return null;
        }

        if (lost)
        {
            log.LogWarning("Upload {Id}: its file is gone (was Uploads:Directory shared by every node?); marked failed", job.Id);
            queue.Wake();
            return null;
        }

        // More may be waiting: another idle worker looks too.
        queue.Wake();
        return job;
    }

    private async Task RunAsync(UploadJob job, CancellationToken ct)
    {
        var runner = runners.Single(r => r.Kind == job.Kind);
        queue.Report(job.Id, new UploadProgress(0, 0, 0));
        // Cancelled when the uploader or HR asks the job to stop (seen by the renewal) or the node stops.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(ct);
        queue.Running(job.Id, stop);
        var renewing = RenewAsync(job.Id, stop, renewal.Token);
        UploadRunOutcome? outcome = null;
        try
        {
            try
            {
                await events.StartingAsync(job, _options.Node, stop.Token);
                // The job keeps what it reports in words (located refusals, failures); jobs do not record
                // their uploader's language, so they speak the app's default, Vietnamese, whatever the host's.
                CultureInfo.CurrentUICulture = Startup.Cultures[0];
                await using var scope = scopes.CreateAsyncScope();
                outcome = await runner.RunAsync(job, scope.ServiceProvider, p =>
                {
                    queue.Report(job.Id, p);
                    events.Progressed(job, p, stop.Token);
                }, stop.Token);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                log.LogWarning("Upload {Id} stopped with the node; marked failed, nothing of it was written", job.Id);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                log.LogInformation("Upload {Id} stopped as asked; nothing of it was written", job.Id);
                outcome = UploadRunOutcome.Stopped;
            }

            // A job never runs twice, so its files are not needed whatever the ending.
            DeleteFiles(job);

            // The claim is renewed until the ending is saved, which may wait for the database to come back.
            await FinishAsync(job.Id, outcome, ct);
        }
        finally
        {
            await renewal.CancelAsync();
            await renewing;
            queue.Forget(job.Id);
        }
    }

    /// <summary>
    /// Saves how the job ended; a job the node was stopped in is failed as a restart. When the
    /// database is what failed the job, it is retried until the database takes it, so that the
    /// uploader reads that reason rather than a restart's.
    /// </summary>
    private async Task FinishAsync(Guid id, UploadRunOutcome? outcome, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
                var job = await db.UploadJobs.SingleAsync(j => j.Id == id, CancellationToken.None);
                var now = clock.GetUtcNow();
                var changed = outcome switch
                {
                    null => UploadJobs.Fail(job, now, null, UploadJobs.RestartedKey),
                    { Done: true } => UploadJobs.Complete(job, now, outcome.Rows, outcome.Result!),
                    { Cancelled: true } => UploadJobs.Stopped(job, now, queue.StopAskedBy(id)),
                    _ => UploadJobs.Fail(job, now, outcome.Error),
                };
                if (!changed)
                {
                    log.LogError("Upload {Id} ended after its claim lapsed and it was marked {State}", id, job.State);
                    return;
                }

                await db.SaveChangesAsync(CancellationToken.None);
                return;
            }
            catch (DbUpdateConcurrencyException)
            {
                // The renewal or a cancel request changed the row meanwhile: read it again.
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is not DbUpdateConcurrencyException)
            {
                log.LogError(e, "Upload {Id}: how it ended could not be saved; trying again", id);
                try
                {
                    await Task.Delay(_options.Poll, ct);
                }
                catch (OperationCanceledException)
                {
                    // The node stops: the claim lapses and another node marks the job failed as a restart.
                    return;
                }
            }
        }
    }

    /// <summary>
    /// While the job runs: looks at its row every poll interval and stops the run when a cancel was
    /// asked on another node (one asked on this node stops it at once, <see cref="UploadQueue.RequestStop"/>); renews the claim every third of the lease with the progress so far. A failed look or
    /// renewal (a database away for a moment, or a lock held by the import itself on SQLite) is
    /// tried again rather than letting the claim lapse under a job that is still running.
    /// </summary>
    private async Task RenewAsync(Guid id, CancellationTokenSource stop, CancellationToken ct)
    {
        var every = _options.Poll < _options.Lease / 3 ? _options.Poll : _options.Lease / 3;
        var looksPerRenewal = Math.Max(1, (int)(_options.Lease / 3 / every));
        var looks = 0;
        try
        {
            while (true)
            {
                await Task.Delay(every, ct);
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
                    var job = await db.UploadJobs.SingleAsync(j => j.Id == id, ct);
                    if (UploadJobs.StopRequested(job) && !stop.IsCancellationRequested)
                    {
                        log.LogInformation("Upload {Id}: {Actor} asked it to stop", id, job.CancelledBy);
                        await stop.CancelAsync();
                    }

                    if (job.State == UploadJobState.Running && ++looks % looksPerRenewal != 0)
                    {
                        continue;
                    }

                    var progress = queue.Progress(id) ?? new UploadProgress(0, 0, 0);
                    if (!UploadJobs.Renew(job, _options.Node, clock.GetUtcNow(), _options.Lease, progress.Rows, progress.BytesRead, progress.Step))
                    {
                        return;
                    }

                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateConcurrencyException)
                {
                    // A cancel request or the job's ending came first; look again next time.
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "Upload {Id}: its claim could not be renewed; trying again", id);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// At start: jobs whose node died are failed, the files of ended jobs are deleted, and files in
    /// the upload directory older than a day that no waiting job needs are removed.
    /// </summary>
    private async Task RecoverAsync(CancellationToken ct)
    {
        await AbandonLapsedAsync(ct);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        var now = clock.GetUtcNow();
        var since = now - 2 * StrayAge;
        var ended = await db.UploadJobs.AsNoTracking()
            .Where(j => j.State != UploadJobState.Queued && j.State != UploadJobState.Running && j.FinishedAt >= since).ToListAsync(ct);
        ended.ForEach(DeleteFiles);
        if (!Directory.Exists(_options.Directory))
        {
            return;
        }

        var waiting = (await db.UploadJobs.AsNoTracking()
                .Where(j => j.State == UploadJobState.Queued || j.State == UploadJobState.Running).ToListAsync(ct))
            .SelectMany(j => j.Files).Select(f => Path.GetFullPath(f.Path)).ToHashSet(StringComparer.Ordinal);
        foreach (var file in new DirectoryInfo(_options.Directory).EnumerateFiles())
        {
            if (!waiting.Contains(file.FullName) && file.LastWriteTimeUtc < (now - StrayAge).UtcDateTime)
            {
                Delete(file.FullName);
            }
        }
    }

    private async Task AbandonLapsedAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
        var now = clock.GetUtcNow();
        foreach (var job in await db.UploadJobs.Where(j => j.State == UploadJobState.Running && j.LeaseUntil < now).ToListAsync(ct))
        {
            // This node's own job still runs here (its renewal could not reach the database for a while).
            if ((job.ClaimedBy == _options.Node && queue.Progress(job.Id) is not null) || !UploadJobs.Abandon(job, now))
            {
                continue;
            }

            try
            {
                await db.SaveChangesAsync(ct);
                log.LogWarning("Upload {Id}: its node {Node} stopped while running it; marked failed", job.Id, job.ClaimedBy);
                DeleteFiles(job);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another node got there first.
                db.ChangeTracker.Clear();
            }
        }
    }

    private void DeleteFiles(UploadJob job) => job.Files.Select(f => f.Path).ToList().ForEach(Delete);

    private void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException e)
        {
            log.LogWarning(e, "Upload file {Path} could not be deleted", path);
        }
        catch (UnauthorizedAccessException e)
        {
            log.LogWarning(e, "Upload file {Path} could not be deleted", path);
        }
    }

    /// <summary>A database that is down is waited for, not a reason to stop the node; returns false when the step failed.</summary>
    private async Task<bool> Safely(Func<Task<bool>> step, CancellationToken ct)
    {
        try
        {
            return await step();
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogError(e, "Upload jobs: a step failed; retrying later");
            try
            {
                await Task.Delay(_options.Poll, ct);
            }
            catch (OperationCanceledException)
            {
            }

            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private Task<bool> Safely(Func<Task> step, CancellationToken ct) => Safely(async () =>
    {
        await step();
        return true;
    }, ct);
}
