using System.Runtime.InteropServices;
using SQLitePCL;

namespace GovKpi.Data.Measurement;

/// <summary>
/// The few SQLite calls the import makes once per row and column, straight into the native
/// library Microsoft.Data.Sqlite loads (e_sqlite3, through SQLitePCLRaw). Compared with the
/// SQLitePCLRaw wrappers they skip the safe-handle reference counting and the GC transition of
/// each call, and bind text without copying it (SQLITE_STATIC): the caller keeps the bytes pinned
/// and unchanged until the statement is reset. Measured on the import of 1.2 M dossier rows
/// (docs/PERFORMANCE.md, Import).
/// </summary>
internal static class SqliteNative
{
    private const string Library = "e_sqlite3";

    /// <summary>SQLITE_STATIC: SQLite uses the bytes where they are, without a copy.</summary>
    private static readonly IntPtr Static = IntPtr.Zero;

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl, EntryPoint = "sqlite3_bind_int64")]
    [SuppressGCTransition]
    public static extern int BindInt64(IntPtr statement, int index, long value);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl, EntryPoint = "sqlite3_bind_null")]
    [SuppressGCTransition]
    public static extern int BindNull(IntPtr statement, int index);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl, EntryPoint = "sqlite3_bind_text")]
    [SuppressGCTransition]
    private static extern int BindText(IntPtr statement, int index, ref byte text, int length, IntPtr destructor);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl, EntryPoint = "sqlite3_changes64")]
    [SuppressGCTransition]
    public static extern long Changes(IntPtr db);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl, EntryPoint = "sqlite3_last_insert_rowid")]
    [SuppressGCTransition]
    public static extern long LastInsertRowid(IntPtr db);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl, EntryPoint = "sqlite3_step")]
    private static extern int Step(IntPtr statement);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl, EntryPoint = "sqlite3_reset")]
    private static extern int Reset(IntPtr statement);

    public static IntPtr Pointer(sqlite3_stmt statement) => statement.DangerousGetHandle();

    public static IntPtr Pointer(sqlite3 db) => db.DangerousGetHandle();

    /// <summary>Binds <paramref name="length"/> UTF-8 bytes at <paramref name="text"/>, which must stay pinned and unchanged until the statement is reset.</summary>
    public static int BindPinnedText(IntPtr statement, int index, ref byte text, int length) => BindText(statement, index, ref text, length, Static);

    /// <summary>Runs a statement that returns no row and resets it; the result code of the step.</summary>
    public static int Execute(IntPtr statement)
    {
        var rc = Step(statement);
        Reset(statement);
        return rc;
    }
}
