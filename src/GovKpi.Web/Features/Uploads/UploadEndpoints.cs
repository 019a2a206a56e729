using System.Security.Claims;
using GovKpi.Core.Access;
using GovKpi.Core.Uploads;
using GovKpi.Data;
using GovKpi.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Uploads;

/// <summary>One upload job as its uploader sees it in the list.</summary>
public sealed record UploadJobResponse(Guid Id, UploadKind Kind, string Detail, UploadJobState State, IReadOnlyList<string> Files,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, long Rows, string? Error, string? CancelledBy)
{
    public static UploadJobResponse From(UploadJob job, IStringLocalizer<SharedResource> l) => new(job.Id, job.Kind, job.Detail, job.State,
        [.. job.Files.Select(f => f.Name)], job.CreatedAt, job.StartedAt, job.FinishedAt, job.Rows, UploadStatus.Error(job, l), job.CancelledBy);
}

public static class UploadStatus
{
    /// <summary>Why the job failed, in the reader's language when the job names a message.</summary>
    public static string? Error(UploadJob job, IStringLocalizer<SharedResource> l) => job.ErrorKey is { } key ? l[key] : job.Error;
}

public static class UploadList
{
    public static async Task<IReadOnlyList<UploadJobResponse>> MineAsync(GovKpiDbContext db, string user, int count, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        (await db.UploadJobs.AsNoTracking().Where(j => j.CreatedBy == user)
            .OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).Take(count).ToListAsync(ct))
        .Select(j => UploadJobResponse.From(j, l)).ToList();

    /// <summary>
    /// Cancels a queued job for its uploader or HR and deletes its files, or asks a running one to
    /// stop (its node rolls it back and marks it cancelled); null when there is no such job.
    /// </summary>
    public static async Task<(CancelOutcome Outcome, UploadJob Job)?> CancelAsync(
        GovKpiDbContext db, UploadQueue queue, Guid id, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        while (true)
        {
            var job = await db.UploadJobs.SingleOrDefaultAsync(j => j.Id == id, ct);
            if (job is null)
            {
                return null;
            }

            var version = job.Version;
            var outcome = UploadJobs.Cancel(job, CurrentUser.From(user).UserName, user.IsInRole(Roles.Hr), clock.GetUtcNow());
            if (outcome is CancelOutcome.NotAllowed or CancelOutcome.TooLate || job.Version == version)
            {
                return (outcome, job);
            }

            // Run here: stopped at once, and the worker saves who asked as it ends the job. Not saved
            // now, since on SQLite the running import holds the only write lock until it rolls back.
            if (outcome == CancelOutcome.Requested && queue.RequestStop(id, job.CancelledBy!))
            {
                return (outcome, job);
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A worker claimed, renewed or ended it meanwhile: decide again on what it is now.
                db.ChangeTracker.Clear();
                continue;
            }

            if (outcome == CancelOutcome.Cancelled)
            {
                job.Files.Select(f => f.Path).ToList().ForEach(File.Delete);
            }

            return (outcome, job);
        }
    }
}

public static class UploadEndpoints
{
    public const int ListSize = 50;

    public static void MapUploadEndpoints(this IEndpointRouteBuilder app)
    {
        var uploads = app.MapGroup("/api/uploads").WithTags("Uploads")
            .RequireAuthorization(p => p.RequireRole(Roles.RecordStewards));

        // The uploader's own jobs, newest first.
        uploads.MapGet("", async (HttpContext http, GovKpiDbContext db, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            TypedResults.Ok(await UploadList.MineAsync(db, CurrentUser.From(http.User).UserName, ListSize, l, ct)));

        // 200 cancelled; 202 running, asked to stop (its state becomes cancelled once its node rolled it back); 409 ended.
        uploads.MapPost("/{id:guid}/cancel", async Task<Results<Ok<UploadJobResponse>, Accepted<UploadJobResponse>, NotFound, Conflict<UploadJobResponse>>> (
            Guid id, HttpContext http, GovKpiDbContext db, UploadQueue queue, TimeProvider clock, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            await UploadList.CancelAsync(db, queue, id, http.User, clock, ct) switch
            {
                (CancelOutcome.Cancelled, { } job) => TypedResults.Ok(UploadJobResponse.From(job, l)),
                (CancelOutcome.Requested, { } job) => TypedResults.Accepted((string?)null, UploadJobResponse.From(job, l)),
                (CancelOutcome.TooLate, { } job) => TypedResults.Conflict(UploadJobResponse.From(job, l)),
                // Someone else's upload is not even shown to exist.
                _ => TypedResults.NotFound(),
            });
    }
}
