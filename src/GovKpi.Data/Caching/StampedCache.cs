using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Caching.Memory;

namespace GovKpi.Data.Caching;

/// <summary>
/// Answers kept in memory on one node, each under the stamps of the areas it was read from
/// (<see cref="CacheStamps"/>): a request that reads newer stamps misses the old answer and reads
/// again, so every node answers right after any node's change at the price of one small query a
/// request. Bounded: past <see cref="SizeLimit"/> units of size the least recently used answers go.
/// </summary>
/// <remarks>
/// Only immutable values may be cached: every request on the node gets the same instance.
/// </remarks>
public sealed class StampedCache : IDisposable
{
    public const long SizeLimit = 20_000;

    private readonly MemoryCache _memory = new(new MemoryCacheOptions { SizeLimit = SizeLimit, CompactionPercentage = 0.25 });

    /// <summary>The loads in progress on this node, by stamped key: later misses of the key wait for them.</summary>
    private readonly ConcurrentDictionary<string, Task<object>> _loading = new(StringComparer.Ordinal);

    public StampedCache()
    {
        Stamping = new CacheStampInterceptor(this);
    }

    /// <summary>What a database context adds so that its saves move the stamps of what they change.</summary>
    public CacheStampInterceptor Stamping { get; }

    /// <summary>The cache of the node whose options built <paramref name="db"/>; none for a context built without them.</summary>
    public static StampedCache? Of(DbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<CacheStampInterceptor>().FirstOrDefault()?.Cache;

    /// <summary>
    /// The answer under <paramref name="key"/> read from <paramref name="areas"/> at their current
    /// stamps, loaded by <paramref name="load"/> when there is none. An answer loaded after this
    /// context changed one of the areas is returned but not kept: it may be newer than the stamps read.
    /// Concurrent misses of one key on this node wait for a single load (a cold page under load
    /// would otherwise be counted once per waiting request). The load runs to its end whatever
    /// happens to the request that started it: under load clients give up after a few seconds,
    /// and a load cancelled with each of them in turn would never be kept. A waiter stops waiting
    /// when its own request ends; when the load failed it loads again itself, so nobody waits on
    /// a load nobody finishes.
    /// </summary>
    public async Task<T> GetOrLoadAsync<T>(DbContext db, string key, IReadOnlyList<string> areas, int size, Func<CancellationToken, Task<T>> load,
        CancellationToken ct) where T : class
    {
        var stamps = await CacheStamps.ReadAsync(db, ct);
        var stamped = StampedKey(key, areas, stamps);
        while (true)
        {
            if (_memory.TryGetValue(stamped, out var hit) && hit is T value)
            {
                return value;
            }

            var mine = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
            var loading = _loading.GetOrAdd(stamped, mine.Task);
            if (loading != mine.Task)
            {
                try
                {
                    if (await loading.WaitAsync(ct) is T loaded)
                    {
                        return loaded;
                    }
                }
                catch (Exception) when (!ct.IsCancellationRequested)
                {
                    // That load failed or its requester went away: try again, loading it ourselves if nobody else does.
                }

                continue;
            }

            try
            {
                // Not the requester's token: the load is for every waiter and the next requests too.
                // The requester's context stays alive meanwhile, as this request waits for its own load.
                value = await load(CancellationToken.None);
                if (CacheStamps.AreCurrent(db, stamps))
                {
                    _memory.Set(stamped, value, new MemoryCacheEntryOptions { Size = size });
                }

                mine.SetResult(value);
                return value;
            }
            catch (Exception e)
            {
                mine.SetException(e);
                // Observed here so that a load nobody waited for does not surface as an unobserved task exception.
                _ = mine.Task.Exception;
                throw;
            }
            finally
            {
                _loading.TryRemove(new KeyValuePair<string, Task<object>>(stamped, mine.Task));
            }
        }
    }

    /// <summary>The key of <paramref name="key"/> under the current stamps of <paramref name="areas"/>: it changes with any change of them, on any node.</summary>
    public static async Task<string> StampedKeyAsync(DbContext db, string key, IReadOnlyList<string> areas, CancellationToken ct) =>
        StampedKey(key, areas, await CacheStamps.ReadAsync(db, ct));

    private static string StampedKey(string key, IReadOnlyList<string> areas, IReadOnlyDictionary<string, Guid> stamps) =>
        key + "@" + string.Join(",", areas.Select(a => stamps.GetValueOrDefault(a).ToString("N")));

    public void Dispose() => _memory.Dispose();
}

/// <summary>
/// Moves the stamp of every area a save adds to, changes or deletes from, in that save (so in
/// its transaction), and makes the context read the stamps again after it.
/// </summary>
public sealed class CacheStampInterceptor(StampedCache cache) : SaveChangesInterceptor
{
    public StampedCache Cache => cache;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        CacheStamps.TouchChangedAreas(eventData.Context!);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        CacheStamps.TouchChangedAreas(eventData.Context!);
        return ValueTask.FromResult(result);
    }

    // A save that wrote nothing moved no stamp: the stamps read stay right, and forgetting them
    // kept every page that saves "just in case" (the province view, the manager's home) from being kept.
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (result > 0)
        {
            CacheStamps.Forget(eventData.Context!);
        }

        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (result > 0)
        {
            CacheStamps.Forget(eventData.Context!);
        }

        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => CacheStamps.Forget(eventData.Context!);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        CacheStamps.Forget(eventData.Context!);
        return Task.CompletedTask;
    }
}
