namespace GovKpi.Core.Uploads;

/// <summary>What an uploaded job imports: contract records (one file) or the organisation (several files).</summary>
public enum UploadKind
{
    Measurement,
    Organisation,
}

public enum UploadJobState
{
    Queued,
    Running,
    Done,
    Failed,
    Cancelled,
}

/// <summary>One uploaded file as the job keeps it: the name the user gave and where its temporary copy lies.</summary>
public sealed record UploadFile(string Name, string Path, long Bytes);

/// <summary>
/// An uploaded import waiting, running or ended, kept in the database so that it outlives the node
/// that accepted it. Only <see cref="UploadJobs"/> changes its state; <see cref="Version"/> changes
/// with every transition so that two nodes cannot both apply one (the store checks it on save).
/// </summary>
public sealed class UploadJob
{
    public Guid Id { get; init; }
    public UploadKind Kind { get; init; }
    /// <summary>The record kind of a measurement upload (<c>Dossier</c>…); empty for the organisation.</summary>
    public string Detail { get; init; } = "";
    public UploadJobState State { get; set; }
    public required string CreatedBy { get; init; }
    public IReadOnlyList<UploadFile> Files { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public long Rows { get; set; }
    public long BytesRead { get; set; }
    public int Step { get; set; }
    /// <summary>The kind's own account of a finished job (JSON: counts, located problems, warnings).</summary>
    public string? Result { get; set; }
    /// <summary>Why the job failed, already in words; or null when <see cref="ErrorKey"/> names a message.</summary>
    public string? Error { get; set; }
    /// <summary>A localised message naming why the job failed or was cancelled, shown in the reader's language.</summary>
    public string? ErrorKey { get; set; }
    /// <summary>Who cancelled the job; while it still runs, who asked it to stop at its next safe point.</summary>
    public string? CancelledBy { get; set; }
    /// <summary>The node running the job, and until when its claim holds unless renewed.</summary>
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    /// <summary>How many times a node started the job: one, since a job never runs twice.</summary>
    public int Runs { get; set; }
    public int Version { get; set; }

    public long TotalBytes => Files.Sum(f => f.Bytes);

    public bool IsOver => State is UploadJobState.Done or UploadJobState.Failed or UploadJobState.Cancelled;
}

public enum CancelOutcome
{
    Cancelled,
    /// <summary>Running: its node stops it at the next safe point, rolls it back and marks it cancelled.</summary>
    Requested,
    NotAllowed,
    /// <summary>Ended already.</summary>
    TooLate,
}

/// <summary>
/// The life of an upload job: queued → running → done or failed; queued → cancelled; running →
/// cancelled once its node stopped it at a safe point after a cancel was asked (the import is one
/// transaction, so nothing of it was written); running → failed when its node stopped renewing its
/// claim. Every method returns whether it changed the job.
/// </summary>
public static class UploadJobs
{
    /// <summary>The message of a job whose node died while running it.</summary>
    public const string RestartedKey = "Uploads.Error.Restarted";

    /// <summary>The message of a job whose temporary file is gone before it could run.</summary>
    public const string FileLostKey = "Uploads.Error.FileLost";

    public static UploadJob Queue(Guid id, UploadKind kind, string detail, IReadOnlyList<UploadFile> files, string by, DateTimeOffset now) => new()
    {
        Id = id, Kind = kind, Detail = detail, Files = files, CreatedBy = by, CreatedAt = now, State = UploadJobState.Queued,
    };

    public static bool Claim(UploadJob job, string node, DateTimeOffset now, TimeSpan lease)
    {
        if (job.State != UploadJobState.Queued)
        {
            return false;
        }

        job.State = UploadJobState.Running;
        job.ClaimedBy = node;
        job.StartedAt = now;
        job.LeaseUntil = now + lease;
        job.Runs++;
        job.Version++;
        return true;
    }

    /// <summary>The running node renews its claim and records how far it got.</summary>
    public static bool Renew(UploadJob job, string node, DateTimeOffset now, TimeSpan lease, long rows, long bytesRead, int step)
    {
        if (job.State != UploadJobState.Running || job.ClaimedBy != node)
        {
            return false;
        }

        job.LeaseUntil = now + lease;
        (job.Rows, job.BytesRead, job.Step) = (rows, bytesRead, step);
        job.Version++;
        return true;
    }

    public static bool Complete(UploadJob job, DateTimeOffset now, long rows, string result)
    {
        if (job.State != UploadJobState.Running)
        {
            return false;
        }

        End(job, UploadJobState.Done, now);
        (job.Rows, job.BytesRead, job.Result) = (rows, job.TotalBytes, result);
        return true;
    }

    /// <summary>A running job failed with <paramref name="error"/> in words, or a queued one whose file is lost (<paramref name="key"/>).</summary>
    public static bool Fail(UploadJob job, DateTimeOffset now, string? error, string? key = null)
    {
        if (job.IsOver)
        {
            return false;
        }

        End(job, UploadJobState.Failed, now);
        (job.Error, job.ErrorKey) = (error, key);
        return true;
    }

    /// <summary>A running job whose node stopped renewing its claim: that node died or restarted.</summary>
    public static bool Abandon(UploadJob job, DateTimeOffset now) =>
        job.State == UploadJobState.Running && job.LeaseUntil < now && Fail(job, now, null, RestartedKey);

    /// <summary>
    /// The uploader or HR cancels a job: a queued one at once; a running one is asked to stop, which
    /// its node does at the next safe point (<see cref="StopRequested"/>, then <see cref="Stopped"/>).
    /// Asking again changes nothing; the first asker is kept.
    /// </summary>
    public static CancelOutcome Cancel(UploadJob job, string actor, bool isHr, DateTimeOffset now)
    {
        if (!isHr && !string.Equals(job.CreatedBy, actor, StringComparison.Ordinal))
        {
            return CancelOutcome.NotAllowed;
        }

        switch (job.State)
        {
            case UploadJobState.Queued:
                End(job, UploadJobState.Cancelled, now);
                job.CancelledBy = actor;
                return CancelOutcome.Cancelled;
            case UploadJobState.Running:
                if (job.CancelledBy is null)
                {
                    job.CancelledBy = actor;
                    job.Version++;
                }

                return CancelOutcome.Requested;
            default:
                return CancelOutcome.TooLate;
        }
    }

    /// <summary>Whether the node running the job should stop it.</summary>
    public static bool StopRequested(UploadJob job) => job.State == UploadJobState.Running && job.CancelledBy is not null;

    /// <summary>
    /// The node stopped the running job as asked and rolled it back: cancelled, now, by whom asked —
    /// on the row, or <paramref name="askedBy"/> when the request reached the node directly (one
    /// node on SQLite, where the import holds the only write lock and the request could not be saved).
    /// </summary>
    public static bool Stopped(UploadJob job, DateTimeOffset now, string? askedBy = null)
    {
        if (job.State != UploadJobState.Running || (job.CancelledBy ??= askedBy) is null)
        {
            return false;
        }

        End(job, UploadJobState.Cancelled, now);
        return true;
    }

    private static void End(UploadJob job, UploadJobState state, DateTimeOffset now)
    {
        job.State = state;
        job.FinishedAt = now;
        job.LeaseUntil = null;
        // A cancel asked too late (the import committed, or failed first) did not cancel it.
        if (state != UploadJobState.Cancelled)
        {
            job.CancelledBy = null;
        }

        job.Version++;
    }
}
