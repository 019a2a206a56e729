using System.Collections.Concurrent;
using GovKpi.Core.Audit;

namespace GovKpi.Data.Audit;

/// <summary>
/// The audit keys in their directory, outside the database: one file per key (<c>ID.key</c>, the
/// 32 random bytes in base64, mode 0600) and <c>current</c> naming the key that seals. The first
/// key is made on first use; <see cref="Rotate"/> adds a new current key and keeps the old ones,
/// which still verify what they sealed. One store per directory in a process.
/// </summary>
public sealed class AuditKeyStore
{
    private const string CurrentFile = "current";
    private const string Extension = ".key";
    private static readonly ConcurrentDictionary<string, AuditKeyStore> Stores = new(StringComparer.Ordinal);

    private readonly Lock _lock = new();
    private AuditKeyRing? _ring;

    private AuditKeyStore(string directory)
    {
        Directory = directory;
        Sealing = new AuditSealInterceptor(this);
    }

    /// <summary>What a database context adds to seal with these keys: one per store, so every context shares it.</summary>
    public AuditSealInterceptor Sealing { get; }

    public static AuditKeyStore For(string directory) => Stores.GetOrAdd(Path.GetFullPath(directory), d => new AuditKeyStore(d));

    public string Directory { get; }

    /// <summary>The keys, with a first key made when the directory has none: what sealing uses.</summary>
    public AuditKeyRing Ring()
    {
        lock (_lock)
        {
            return _ring ??= Read() ?? Create();
        }
    }

    /// <summary>The keys as they are on disk, or null when there are none: what verifying uses (it never makes a key).</summary>
    public AuditKeyRing? Existing()
    {
        lock (_lock)
        {
            return _ring = Read();
        }
    }

    /// <summary>Adds a new key and makes it current; the old keys stay.</summary>
    public AuditKey Rotate()
    {
        lock (_lock)
        {
            var key = AuditKey.New();
            Write(key);
            WriteCurrent(key.Id, replace: true);
            _ring = Read();
            return key;
        }
    }

    private AuditKeyRing Create()
    {
        var key = AuditKey.New();
        Write(key);
        // Another process may have made the first key at the same moment: its choice stands.
        WriteCurrent(key.Id, replace: false);
        return Read()!;
    }

    private AuditKeyRing? Read()
    {
        var current = Path.Combine(Directory, CurrentFile);
        if (!File.Exists(current))
        {
            return null;
        }

        var keys = System.IO.Directory.EnumerateFiles(Directory, "*" + Extension)
            .Select(f => new AuditKey(Convert.FromBase64String(File.ReadAllText(f).Trim())))
            .ToList();
        return new AuditKeyRing(keys, File.ReadAllText(current).Trim());
    }

    private void Write(AuditKey key) => WritePrivate(Path.Combine(Directory, key.Id + Extension), key.Export(), FileMode.CreateNew);

    private void WriteCurrent(string id, bool replace)
    {
        var path = Path.Combine(Directory, CurrentFile);
        if (!replace)
        {
            try
            {
                WritePrivate(path, id, FileMode.CreateNew);
            }
            catch (IOException) when (File.Exists(path))
            {
            }

            return;
        }

        // Written beside and moved over: a reader never sees a half-written name.
        var next = path + ".next";
        WritePrivate(next, id, FileMode.Create);
        File.Move(next, path, overwrite: true);
    }

    private void WritePrivate(string path, string text, FileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllText(path, text + "\n");
            return;
        }

        System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = mode,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        using var writer = new StreamWriter(stream);
        writer.Write(text + "\n");
    }
}
