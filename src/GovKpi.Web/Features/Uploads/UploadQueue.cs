using System.Collections.Concurrent;
using GovKpi.Core.Uploads;
using GovKpi.Data;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.Uploads;

/// <summary>Settings of the upload workers (<c>Uploads:*</c>).</summary>
public sealed record UploadOptions(int Workers, string Directory, TimeSpan Lease, TimeSpan Poll, string Node)
{
    public static UploadOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Uploads");
        return new UploadOptions(
            Math.Max(0, section.GetValue("Workers", 2)),
            section["Directory"] is { Length: > 0 } directory ? directory : Path.Combine(Path.GetTempPath(), "govkpi-uploads"),
            TimeSpan.FromSeconds(Math.Max(3, section.GetValue("LeaseSeconds", 60))),
            TimeSpan.FromSeconds(Math.Max(1, section.GetValue("PollSeconds", 5))),
            GovKpi.Web.Features.Shared.NodeName.ForClaims(configuration, section["Node"]));
    }
}

/// <summary>How far a running job got: rows read, bytes read, step (organisation: reading, checking, saving).</summary>
public sealed record UploadProgress(long Rows, long BytesRead, int Step);

/// <summary>
/// Accepts uploads into the database and tells this node's workers about them at once (other nodes
/// find them when they next look). Live progress of the jobs this node runs is kept here so the
/// status shown between two renewals of the claim is current.
/// </summary>
public sealed class UploadQueue(UploadOptions options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, UploadProgress> _progress = new();
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _running = new();
    private readonly ConcurrentDictionary<Guid, string> _stopAskedBy = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly SemaphoreSlim _sqliteWriter = new(1);

    public UploadOptions Options => options;

    /// <summary>A fresh path in the upload directory for a file named <paramref name="fileName"/>.</summary>
    public string NewTempPath(string fileName)
    {
        Directory.CreateDirectory(options.Directory);
        return Path.Combine(options.Directory, $"govkpi-upload-{Guid.NewGuid():N}{Path.GetExtension(fileName)}");
    }

    /// <summary>
    /// Saves an uploaded file to a fresh path in the upload directory. A file that could not be
    /// written whole (a full disk) is removed and the failure goes on to the caller: a full disk is
    /// answered 503 with its message by <see cref="Shared.DatabaseUnavailable"/>, never a 500.
    /// </summary>
    public async Task<string> SaveAsync(IFormFile upload, string fileName, CancellationToken ct)
    {
        var path = NewTempPath(fileName);
        try
        {
            await using var target = File.Create(path);
            await upload.CopyToAsync(target, ct);
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        return path;
    }

    public async Task<UploadJob> EnqueueAsync(GovKpiDbContext db, Guid id, UploadKind kind, string detail,
        IReadOnlyList<(string Name, string Path)> files, string by, CancellationToken ct)
    {
        var job = UploadJobs.Queue(id, kind, detail, [.. files.Select(f => new UploadFile(f.Name, f.Path, new FileInfo(f.Path).Length))], by, clock.GetUtcNow());
        db.UploadJobs.Add(job);
        await db.SaveChangesAsync(ct);
        _wake.Release();
        return job;
    }

    /// <summary>
    /// Runs an import's writing step. SQLite has one writer and an import holds it until it commits,
    /// so on SQLite (one node) the workers read and check their files side by side but write one
    /// after the other, rather than one failing on a lock held longer than the busy timeout.
    /// </summary>
    public async Task<T> WritingAsync<T>(GovKpiDbContext db, Func<Task<T>> write, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            return await write();
        }

        await _sqliteWriter.WaitAsync(ct);
        try
        {
            return await write();
        }
        finally
        {
            _sqliteWriter.Release();
        }
    }

    public UploadProgress? Progress(Guid id) => _progress.GetValueOrDefault(id);

    internal void Report(Guid id, UploadProgress progress) => _progress[id] = progress;

    internal void Running(Guid id, CancellationTokenSource stop) => _running[id] = stop;

    /// <summary>
    /// Stops this node's run of a job at its next safe point, for <paramref name="actor"/>; false when
    /// the job does not run here (another node sees the request on the job's row).
    /// </summary>
    public bool RequestStop(Guid id, string actor)
    {
        if (!_running.TryGetValue(id, out var stop))
        {
            return false;
        }

        _stopAskedBy.TryAdd(id, actor);
        try
        {
            stop.Cancel();
            return true;
        }
        catch (ObjectDisposedException)
        {
            // It ended meanwhile.
            return false;
        }
    }

    internal string? StopAskedBy(Guid id) => _stopAskedBy.GetValueOrDefault(id);

    internal void Forget(Guid id)
    {
        _progress.TryRemove(id, out _);
        _running.TryRemove(id, out _);
        _stopAskedBy.TryRemove(id, out _);
    }

    /// <summary>Waits until a job is queued on this node or <paramref name="timeout"/> passed.</summary>
    internal async Task WaitAsync(TimeSpan timeout, CancellationToken ct) => await _wake.WaitAsync(timeout, ct);

    /// <summary>Lets another worker look too: a worker that was woken but found the job taken passes the word on.</summary>
    internal void Wake() => _wake.Release();
}

/// <summary>
/// Imports the files of one kind of job. The import is one transaction, so a job that ends any
/// other way than by returning wrote nothing.
/// </summary>
public interface IUploadRunner
{
    UploadKind Kind { get; }

    Task<UploadRunOutcome> RunAsync(UploadJob job, IServiceProvider services, Action<UploadProgress> progress, CancellationToken ct);
}

/// <summary>A job's end: done with the kind's result (JSON), failed with the reason in words, or stopped as asked.</summary>
public sealed record UploadRunOutcome(bool Done, long Rows, string? Result, string? Error, bool Cancelled = false)
{
    /// <summary>The run was stopped at a safe point because a cancel was asked; nothing of it was written.</summary>
    public static readonly UploadRunOutcome Stopped = new(false, 0, null, null, Cancelled: true);

    public static UploadRunOutcome Completed(long rows, string result) => new(true, rows, result, null);

    public static UploadRunOutcome Failed(string error) => new(false, 0, null, error);
}

/// <summary>Called as a node starts a job and as it reports progress; tests hold a job here to see what runs beside it.</summary>
public class UploadJobEvents
{
    public virtual Task StartingAsync(UploadJob job, string node, CancellationToken ct) => Task.CompletedTask;

    /// <summary>On the import's own thread, between two batches of rows: <paramref name="stop"/> is the run's cancellation.</summary>
    public virtual void Progressed(UploadJob job, UploadProgress progress, CancellationToken stop)
    {
    }
}
