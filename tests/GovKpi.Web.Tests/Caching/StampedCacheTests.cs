using GovKpi.Data;
using GovKpi.Data.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace GovKpi.Web.Tests.Caching;

/// <summary>
/// Concurrent misses of one key wait for one load (issue 15, item 9), and never for a load that
/// will not finish: a page hung when the request that started a load went away.
/// </summary>
public sealed class StampedCacheTests : IAsyncLifetime
{
    /// <summary>How long a test waits before calling a wait a hang: a guard against hanging the suite, not a timing assert.</summary>
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(2);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "govkpi-stamped-" + Guid.NewGuid().ToString("N"));
    private DatabaseOptions _options = null!;

    public async Task InitializeAsync()
    {
        _options = DatabaseOptions.DefaultSqlite(_directory) with { AuditKeyDirectory = Path.Combine(_directory, "audit-keys") };
        await using var db = NewContext();
        await db.MigrateAsync();
    }

    public Task DisposeAsync()
    {
        _options.Cache.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    private GovKpiDbContext NewContext() => new(_options.ToContextOptions());

    [Fact]
    public async Task A_node_claiming_a_rounds_lease_moves_no_stamp_so_no_page_is_drawn_again()
    {
        // Every node claims the notices' lease each minute: were it data, every cached page of every node would be dropped each minute.
        var ct = CancellationToken.None;
        await using var db = NewContext();
        var before = await CacheStamps.ReadAsync(db, ct);
        var lease = await db.NotificationMailLease.SingleOrDefaultAsync(l => l.Name == GovKpi.Core.Notifications.MailRoundLease.Notices, ct);
        if (lease is null)
        {
            lease = new GovKpi.Core.Notifications.MailRoundLease { Name = GovKpi.Core.Notifications.MailRoundLease.Notices };
            db.Add(lease);
        }

        Assert.True(lease.TryClaim("node-a", DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(15)));
        await db.SaveChangesAsync(ct);

        await using var other = NewContext();
        Assert.Equal(before, await CacheStamps.ReadAsync(other, ct));
    }

    [Fact]
    public async Task Two_concurrent_misses_of_one_key_load_it_once()
    {
        var ct = CancellationToken.None;
        var cache = _options.Cache;
        await using var first = NewContext();
        await using var second = NewContext();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loads = 0;
        async Task<string> Load(CancellationToken c)
        {
            Interlocked.Increment(ref loads);
            started.TrySetResult();
            await gate.Task.WaitAsync(c);
            return "answer";
        }

        var a = cache.GetOrLoadAsync(first, "key", [CacheArea.Measurement], 1, Load, ct);
        await started.Task.WaitAsync(Hang, ct);
        var b = cache.GetOrLoadAsync(second, "key", [CacheArea.Measurement], 1, Load, ct);
        gate.SetResult();

        Assert.Equal("answer", await a.WaitAsync(Hang, ct));
        Assert.Equal("answer", await b.WaitAsync(Hang, ct));
        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task A_load_whose_requester_went_away_still_ends_for_those_waiting_and_is_kept()
    {
        var ct = CancellationToken.None;
        var cache = _options.Cache;
        await using var first = NewContext();
        await using var second = NewContext();
        using var gone = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loads = 0;
        var cancelledLoads = 0;

        var a = cache.GetOrLoadAsync(first, "page", [CacheArea.Measurement], 1, async c =>
        {
            Interlocked.Increment(ref loads);
            started.TrySetResult();
            try
            {
                await gate.Task.WaitAsync(c);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref cancelledLoads);
                throw;
            }

            return "first's answer";
        }, gone.Token);
        await started.Task.WaitAsync(Hang, ct);
        var b = cache.GetOrLoadAsync(second, "page", [CacheArea.Measurement], 1, _ => Task.FromResult("loaded twice"), ct);
        Assert.False(b.IsCompleted);

        // The client of the first request gives up (wrk's timeout, a closed tab) before the load ends.
        await gone.CancelAsync();
        gate.SetResult();

        Assert.Equal("first's answer", await b.WaitAsync(Hang, ct));
        Assert.Equal("first's answer", await a.WaitAsync(Hang, ct));
        Assert.Equal((1, 0), (loads, cancelledLoads));
        await using var third = NewContext();
        Assert.Equal("first's answer", await cache.GetOrLoadAsync(third, "page", [CacheArea.Measurement], 1,
            _ => Task.FromResult("not loaded again"), ct).WaitAsync(Hang, ct));
    }

    [Fact]
    public async Task A_miss_waiting_for_a_load_stops_when_its_own_request_ends()
    {
        var ct = CancellationToken.None;
        var cache = _options.Cache;
        await using var first = NewContext();
        await using var second = NewContext();
        using var gone = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var a = cache.GetOrLoadAsync(first, "slow", [CacheArea.Training], 1, async _ =>
        {
            started.TrySetResult();
            await gate.Task;
            return "answer";
        }, ct);
        await started.Task.WaitAsync(Hang, ct);
        var b = cache.GetOrLoadAsync(second, "slow", [CacheArea.Training], 1, _ => Task.FromResult("loaded twice"), gone.Token);

        await gone.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => b.WaitAsync(Hang, ct));
        gate.SetResult();
        Assert.Equal("answer", await a.WaitAsync(Hang, ct));
    }

    [Fact]
    public async Task A_miss_waiting_for_a_load_that_failed_loads_it_itself()
    {
        var ct = CancellationToken.None;
        var cache = _options.Cache;
        await using var first = NewContext();
        await using var second = NewContext();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fail = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var a = cache.GetOrLoadAsync<string>(first, "failing", [CacheArea.Library], 1, async _ =>
        {
            started.TrySetResult();
            await fail.Task;
            throw new InvalidOperationException("the database went away");
        }, ct);
        await started.Task.WaitAsync(Hang, ct);
        var b = cache.GetOrLoadAsync(second, "failing", [CacheArea.Library], 1, _ => Task.FromResult("loaded again"), ct);
        fail.SetResult();

        await Assert.ThrowsAsync<InvalidOperationException>(() => a.WaitAsync(Hang, ct));
        Assert.Equal("loaded again", await b.WaitAsync(Hang, ct));
    }

    [Fact]
    public async Task A_save_that_wrote_nothing_does_not_keep_the_answer_from_being_kept()
    {
        var cache = _options.Cache;
        var loads = 0;
        await using (var db = NewContext())
        {
            Assert.Equal("answer", await cache.GetOrLoadAsync(db, "saves-nothing", [CacheArea.Evaluation], 1, async c =>
            {
                loads++;
                await db.SaveChangesAsync(c);
                return "answer";
            }, CancellationToken.None));
        }

        await using var next = NewContext();
        Assert.Equal("answer", await cache.GetOrLoadAsync(next, "saves-nothing", [CacheArea.Evaluation], 1, _ =>
        {
            loads++;
            return Task.FromResult("loaded again");
        }, CancellationToken.None));
        Assert.Equal(1, loads);
    }

    /// <summary>The web app pools its contexts: one that read the stamps in a request must read them again in the next.</summary>
    [Fact]
    public async Task A_pooled_context_reads_the_stamps_again_in_its_next_lease()
    {
        var ct = CancellationToken.None;
        var pool = new PooledDbContextFactory<GovKpiDbContext>(_options.ToContextOptions(), poolSize: 1);
        GovKpiDbContext first;
        IReadOnlyDictionary<string, Guid> before;
        await using (var db = await pool.CreateDbContextAsync(ct))
        {
            first = db;
            before = await CacheStamps.ReadAsync(db, ct);
        }

        await using (var writer = NewContext())
        {
            CacheStamps.Touch(writer, CacheArea.Evaluation);
            await writer.SaveChangesAsync(ct);
        }

        await using var again = await pool.CreateDbContextAsync(ct);
        Assert.Same(first, again);
        var after = await CacheStamps.ReadAsync(again, ct);
        Assert.NotEqual(before[CacheArea.Evaluation], after[CacheArea.Evaluation]);
    }
}
