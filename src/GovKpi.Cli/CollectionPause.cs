using System.Runtime;

namespace GovKpi.Cli;

/// <summary>
/// Suspends garbage collections while a batch command works through large files, until disposed.
/// Nearly everything such a command allocates is kept to the end (compute: every record; import:
/// the current version of each dossier, for the KPI tallies counted as the rows stream by), so a
/// collection before then only copies live objects from generation to generation, and stops every
/// thread while it does (import: 0.5 s of pauses on a million dossiers; docs/PERFORMANCE.md). For
/// an input of 64 MB or more, collections wait until about twice its size has been allocated
/// (compute allocated 390 MB for the 235 MB of a million dossiers, import 330 MB for 218 MB); past
/// that budget, and past <see cref="MaximumBudget"/> whatever the input, the runtime collects as usual.
/// </summary>
internal sealed class CollectionPause : IDisposable
{
    private readonly bool _started;

    private CollectionPause(bool started) => _started = started;

    public static CollectionPause For(long inputBytes)
    {
        if (inputBytes < 64 << 20 || GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            return new CollectionPause(false);
        }

        try
        {
            return new CollectionPause(GC.TryStartNoGCRegion(Budget(inputBytes)));
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException)
        {
            // More than the runtime can set aside, or another caller in this process got there first.
            return new CollectionPause(false);
        }
    }

    /// <summary>
    /// The largest budget: what a million dossiers allocate (about 534 MB asked for their 235 MB of
    /// files). Past it the heap is collected as usual, so that larger files do not take memory in
    /// proportion (issue 15: the uncapped budget of 5 million dossiers let the heap reach 2.2 GB
    /// before the first collection).
    /// </summary>
    internal const long MaximumBudget = 512L << 20;

    /// <summary>Bytes that may be allocated before the first collection: about twice the input, at most <see cref="MaximumBudget"/>.</summary>
    internal static long Budget(long inputBytes) => Math.Min(2 * inputBytes + (64 << 20), MaximumBudget);

    public void Dispose()
    {
        // The region ends by itself once its budget is spent.
        if (_started && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            GC.EndNoGCRegion();
        }
    }
}
