using System.Diagnostics;

namespace GovKpi.Data.Measurement;

/// <summary>
/// With the environment variable <c>GOVKPI_IMPORT_TIMING=1</c>, the import prints how long each of
/// its phases took on standard error (docs/PERFORMANCE.md, Import); otherwise it does nothing.
/// </summary>
public sealed class ImportTiming
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("GOVKPI_IMPORT_TIMING") == "1";
    private readonly Stopwatch? _stopwatch;
    private TimeSpan _last;
    private TimeSpan _lastCpu = Process.GetCurrentProcess().TotalProcessorTime;
    private TimeSpan _lastPause = GC.GetTotalPauseDuration();
    private long _lastAllocated = GC.GetTotalAllocatedBytes();

    private ImportTiming(Stopwatch? stopwatch) => _stopwatch = stopwatch;

    public static ImportTiming Start() => new(Enabled ? Stopwatch.StartNew() : null);

    /// <summary>CPU time of the calling thread (Linux; zero elsewhere or when timing is off).</summary>
    public static TimeSpan ThreadCpu()
    {
        if (!Enabled || !File.Exists("/proc/thread-self/stat"))
        {
            return TimeSpan.Zero;
        }

        // Fields after the command name: state is 3rd, utime 14th, stime 15th (clock ticks of 10 ms).
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return TimeSpan.FromMilliseconds(10 * (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)));
    }

    public void Note(string what)
    {
        if (_stopwatch is not null)
        {
            Console.Error.WriteLine($"govkpi import timing:            {what}");
        }
    }

    public void Lap(string what)
    {
        if (_stopwatch is null)
        {
            return;
        }

        var now = _stopwatch.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var pause = GC.GetTotalPauseDuration();
        var allocated = GC.GetTotalAllocatedBytes();
        Console.Error.WriteLine(
            $"govkpi import timing: {(now - _last).TotalSeconds,7:0.000} s wall {(cpu - _lastCpu).TotalSeconds,7:0.000} s cpu " +
            $"{(pause - _lastPause).TotalSeconds,6:0.000} s gc {(allocated - _lastAllocated) >> 20,5} MB  {what}");
        (_last, _lastCpu, _lastPause, _lastAllocated) = (now, cpu, pause, allocated);
    }
}
