using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace GovKpi.Data;

/// <summary>
/// Failures that say the database cannot serve right now (server gone, a lock held too long, a
/// full disk) rather than that a request was wrong: the web app answers them 503 with
/// Retry-After and the command line with one clear line, never a stack trace. Whatever was not
/// committed is rolled back by the database.
/// </summary>
public static class DatabaseFaults
{
    public enum Kind
    {
        None,
        /// <summary>The server is unreachable or the connection was lost.</summary>
        Unreachable,
        /// <summary>A lock was held longer than the wait allows (SQLite busy, PostgreSQL lock timeout).</summary>
        Busy,
        /// <summary>The disk or the database is full.</summary>
        Full,
    }

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteFull = 13;
    private const int SqliteIoErr = 10;

    /// <summary>
    /// The I/O errors SQLite reports when a file cannot grow: a write (IOERR_WRITE), a truncate that
    /// extends (IOERR_TRUNCATE), the WAL index (IOERR_SHMSIZE — on a full disk a connection opened
    /// after every other closed cannot make it again, and SQLite says "disk I/O error", not "full").
    /// </summary>
    private static readonly int[] SqliteCannotGrow = [SqliteIoErr | (3 << 8), SqliteIoErr | (6 << 8), SqliteIoErr | (19 << 8)];
    private const int DiskFullHResult = 0x70;
    private const int EnospcHResult = 28;

    public static Kind Classify(Exception exception) => Find(exception).Kind;

    /// <summary>The database's own words for the fault (e.g. "Exception while writing to stream"), without the wrappers' text.</summary>
    public static string Reason(Exception exception) => (Find(exception).Fault ?? exception).Message.Trim();

    private static (Kind Kind, Exception? Fault) Find(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var kind = Of(e);
            if (kind != Kind.None)
            {
                return (kind, e);
            }
        }

        return (Kind.None, null);
    }

    private static Kind Of(Exception e)
    {
        switch (e)
        {
            case SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }:
                return Kind.Busy;
            case SqliteException { SqliteErrorCode: SqliteFull }:
                return Kind.Full;
            case SqliteException { SqliteErrorCode: SqliteIoErr } io when SqliteCannotGrow.Contains(io.SqliteExtendedErrorCode):
                return Kind.Full;
            // 55P03 lock_not_available, 57014 query_canceled (statement or lock timeout), 40P01 deadlock.
            case PostgresException { SqlState: "55P03" or "57014" or "40P01" }:
                return Kind.Busy;
            // 53100 disk_full, 53200 out_of_memory, 53300 too_many_connections.
            case PostgresException { SqlState: "53100" }:
                return Kind.Full;
            case PostgresException { SqlState: "53300" or "57P01" or "57P02" or "57P03" }:
                return Kind.Unreachable;
            case NpgsqlException { InnerException: SocketException or IOException or TimeoutException }:
            case NpgsqlException { IsTransient: true }:
            case SocketException:
                return Kind.Unreachable;
            case IOException io when (io.HResult & 0xFFFF) is DiskFullHResult or EnospcHResult:
                return Kind.Full;
        }

        return Kind.None;
    }
}
