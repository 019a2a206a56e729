using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace GovKpi.Tests;

/// <summary>
/// A PostgreSQL cluster of one test's own, which the test may stop (<c>pg_ctl stop -m immediate</c>,
/// as a crash or a pulled cable would) and start again, without touching the cluster other tests
/// share. Made as <c>scripts/start-postgres</c> makes one: binaries from <c>PG_BINDIR</c>, else
/// /usr/lib/postgresql/15/bin, else the newest /usr/lib/postgresql/*/bin; as root every server-side
/// command runs as <c>postgres</c> (initdb refuses root); trust on 127.0.0.1 only. Unlike the shared
/// cluster it keeps PostgreSQL's durability settings: what was committed before a stop must be
/// there after it (with <c>synchronous_commit = off</c> a just-made sign-in session was lost).
/// </summary>
internal sealed class ThrowawayPostgres : IDisposable
{
    private readonly string _bin;
    private readonly string _directory;
    private readonly bool _asPostgres;
    private readonly int _port;

    private ThrowawayPostgres(string bin)
    {
        _bin = bin;
        _asPostgres = Environment.IsPrivilegedProcess;
        // As root TMPDIR may lie under /root, where `postgres` cannot go.
        _directory = Path.Combine(_asPostgres ? "/tmp" : Path.GetTempPath(), "govkpi-pglost-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_directory);
        if (_asPostgres)
        {
            Own();
        }

        Command("initdb", "-D", Data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync");
        File.WriteAllText(Path.Combine(Data, "pg_hba.conf"), "local all all trust\nhost all all 127.0.0.1/32 trust\n");
        _port = FreePort();
        File.AppendAllText(Path.Combine(Data, "postgresql.conf"), string.Create(CultureInfo.InvariantCulture,
            $"\nlisten_addresses = '127.0.0.1'\nport = {_port}\nunix_socket_directories = '{_directory}'\n"));
        if (_asPostgres)
        {
            Own();
        }

        Start();
        Run(Path.Combine(_bin, "createdb"), asOwner: false, "-h", "127.0.0.1", "-p", _port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "govkpi");
    }

    /// <summary>Npgsql's connection string to the cluster's <c>govkpi</c> database, pooled as in production: the pool's dead connections after a stop are Npgsql's to drop.</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture,
        $"Host=127.0.0.1;Port={_port};Username=postgres;Database=govkpi;Pooling=true;Timeout=5");

    private string Data => Path.Combine(_directory, "data");

    /// <summary>
    /// A new cluster; or null with the reason when this machine has no PostgreSQL binaries. Under
    /// <c>CI=true</c> the absence is a failure rather than a skip.
    /// </summary>
    public static ThrowawayPostgres? TryStart(out string? skipReason)
    {
        var bin = FindBinaries();
        if (bin is null)
        {
            skipReason = "no PostgreSQL binaries (initdb, pg_ctl) in PG_BINDIR or /usr/lib/postgresql/*/bin";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"CI=true and {skipReason}: the lost-server tests must run in CI.");
            }

            return null;
        }

        skipReason = null;
        return new ThrowawayPostgres(bin);
    }

    /// <summary>Stops the server at once: every session is cut, nothing uncommitted survives.</summary>
    public void StopImmediately() => Command("pg_ctl", "stop", "-D", Data, "-m", "immediate", "-s");

    public void Start() => Command("pg_ctl", "start", "-D", Data, "-l", Path.Combine(_directory, "log"), "-w", "-t", "60", "-s");

    public void Dispose()
    {
        if (File.Exists(Path.Combine(Data, "postmaster.pid")))
        {
            try
            {
                StopImmediately();
            }
            catch (InvalidOperationException)
            {
                // Already stopped.
            }
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static string? FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("PG_BINDIR") is { Length: > 0 } given)
        {
            return File.Exists(Path.Combine(given, "pg_ctl")) ? given : null;
        }

        if (File.Exists("/usr/lib/postgresql/15/bin/initdb"))
        {
            return "/usr/lib/postgresql/15/bin";
        }

        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
                .FirstOrDefault()
            : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Own() => Run("chown", asOwner: false, "-R", "postgres:", _directory);

    private void Command(string tool, params string[] args) => Run(Path.Combine(_bin, tool), asOwner: _asPostgres, args);

    private static void Run(string file, bool asOwner, params string[] args)
    {
        var start = new ProcessStartInfo(asOwner ? "runuser" : file)
        {
            // From / so that `postgres` never has to read a working directory it cannot enter.
            WorkingDirectory = "/",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (asOwner)
        {
            foreach (var a in (string[])["-u", "postgres", "--", file])
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} exited {process.ExitCode}: {error}{output.Result}");
        }
    }
}
