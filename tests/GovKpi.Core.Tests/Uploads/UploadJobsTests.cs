using GovKpi.Core.Uploads;

namespace GovKpi.Core.Tests.Uploads;

public sealed class UploadJobsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 15, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private static UploadJob Queued() =>
        UploadJobs.Queue(Guid.NewGuid(), UploadKind.Measurement, "Dossier", [new UploadFile("dossiers.csv", "/tmp/x.csv", 10)], "hr", Now);

    [Fact]
    public void A_job_is_claimed_once_and_each_transition_changes_its_version()
    {
        var job = Queued();

        var first = UploadJobs.Claim(job, "a", Now, Lease);
        var second = UploadJobs.Claim(job, "b", Now, Lease);

        Assert.Equal((true, false), (first, second));
        Assert.Equal((UploadJobState.Running, "a", 1, 1), (job.State, job.ClaimedBy, job.Runs, job.Version));
        Assert.Equal(Now + Lease, job.LeaseUntil);
    }

    [Fact]
    public void Only_the_claiming_node_renews_and_a_lapsed_claim_is_failed_as_a_restart()
    {
        var job = Queued();
        UploadJobs.Claim(job, "a", Now, Lease);

        Assert.False(UploadJobs.Renew(job, "b", Now + Lease / 2, Lease, 5, 5, 0));
        Assert.False(UploadJobs.Abandon(job, Now + Lease / 2));
        Assert.True(UploadJobs.Renew(job, "a", Now + Lease / 2, Lease, 5, 5, 0));
        Assert.False(UploadJobs.Abandon(job, Now + Lease));
        Assert.True(UploadJobs.Abandon(job, Now + 2 * Lease));
        Assert.Equal((UploadJobState.Failed, UploadJobs.RestartedKey, (DateTimeOffset?)(Now + 2 * Lease)), (job.State, job.ErrorKey, job.FinishedAt));
        Assert.False(UploadJobs.Complete(job, Now + 3 * Lease, 1, "{}"));
    }

    [Fact]
    public void A_queued_job_is_cancelled_by_its_uploader_or_hr_but_not_by_others_nor_once_it_ended()
    {
        var job = Queued();
        Assert.Equal(CancelOutcome.NotAllowed, UploadJobs.Cancel(job, "someone", isHr: false, Now));
        Assert.Equal(CancelOutcome.Cancelled, UploadJobs.Cancel(job, "hr", isHr: false, Now));
        Assert.Equal((UploadJobState.Cancelled, "hr"), (job.State, job.CancelledBy));
        Assert.False(UploadJobs.Claim(job, "a", Now, Lease));

        var done = Queued();
        UploadJobs.Claim(done, "a", Now, Lease);
        UploadJobs.Complete(done, Now, 1, "{}");
        Assert.Equal(CancelOutcome.TooLate, UploadJobs.Cancel(done, "boss", isHr: true, Now));
    }

    [Fact]
    public void A_running_job_asked_to_cancel_runs_until_its_node_stops_it_and_is_then_cancelled_with_the_time_and_who_asked()
    {
        var job = Queued();
        UploadJobs.Claim(job, "a", Now, Lease);
        Assert.False(UploadJobs.StopRequested(job));
        Assert.False(UploadJobs.Stopped(job, Now));

        Assert.Equal(CancelOutcome.NotAllowed, UploadJobs.Cancel(job, "someone", isHr: false, Now));
        Assert.Equal(CancelOutcome.Requested, UploadJobs.Cancel(job, "boss", isHr: true, Now));
        var version = job.Version;
        Assert.Equal(CancelOutcome.Requested, UploadJobs.Cancel(job, "hr", isHr: false, Now));

        Assert.Equal((UploadJobState.Running, "boss", version), (job.State, job.CancelledBy, job.Version));
        Assert.True(UploadJobs.StopRequested(job));
        Assert.True(UploadJobs.Renew(job, "a", Now + Lease / 2, Lease, 5, 5, 0));
        Assert.True(UploadJobs.Stopped(job, Now + Lease));
        Assert.Equal((UploadJobState.Cancelled, "boss", (DateTimeOffset?)(Now + Lease), (DateTimeOffset?)null), (job.State, job.CancelledBy, job.FinishedAt, job.LeaseUntil));
        Assert.False(UploadJobs.Complete(job, Now + Lease, 1, "{}"));
    }

    [Fact]
    public void A_job_stopped_on_a_request_that_reached_its_node_directly_is_cancelled_by_the_asker()
    {
        var job = Queued();
        UploadJobs.Claim(job, "a", Now, Lease);

        Assert.False(UploadJobs.Stopped(job, Now));
        Assert.True(UploadJobs.Stopped(job, Now + Lease, "hr"));
        Assert.Equal((UploadJobState.Cancelled, "hr", (DateTimeOffset?)(Now + Lease)), (job.State, job.CancelledBy, job.FinishedAt));
    }

    [Fact]
    public void A_cancel_asked_after_the_import_committed_leaves_the_job_done_and_cancelled_by_nobody()
    {
        var job = Queued();
        UploadJobs.Claim(job, "a", Now, Lease);
        UploadJobs.Cancel(job, "hr", isHr: false, Now);

        Assert.True(UploadJobs.Complete(job, Now + Lease, 7, "{}"));
        Assert.False(UploadJobs.Stopped(job, Now + Lease));
        Assert.Equal((UploadJobState.Done, (string?)null), (job.State, job.CancelledBy));
    }

    [Fact]
    public void A_finished_job_keeps_its_result_and_cannot_fail_afterwards()
    {
        var job = Queued();
        UploadJobs.Claim(job, "a", Now, Lease);

        Assert.True(UploadJobs.Complete(job, Now + Lease, 7, "{\"problems\":[]}"));
        Assert.False(UploadJobs.Fail(job, Now + Lease, "late"));
        Assert.Equal((UploadJobState.Done, 7L, 10L, (DateTimeOffset?)null), (job.State, job.Rows, job.BytesRead, job.LeaseUntil));
    }
}
