using GovKpi.Tests.Fuzz;
using static GovKpi.Cli.Tests.CommandLine;

namespace GovKpi.Cli.Tests.Fuzz;

/// <summary>
/// Every file of the fuzz corpus through <c>govkpi import</c>, by its option and in a directory,
/// into one SQLite database: exit 0 or 2, never a stack trace; an invalid file refused (exit 2) or
/// its invalid row quarantined and listed, each located <c>file:line:</c>; a valid one lands whole.
/// </summary>
public sealed class FuzzImportTests(FuzzImportTests.Store store) : IClassFixture<FuzzImportTests.Store>
{
    public sealed class Store : IDisposable
    {
        // In memory when the host has it: each import commits a few times, and a disk's flushes would
        // make the thousand imports of these tests take minutes.
        public string Root { get; } = (Directory.Exists("/dev/shm")
            ? Directory.CreateDirectory(Path.Combine("/dev/shm", "govkpi-fuzz-import-" + Guid.NewGuid().ToString("N")))
            : Directory.CreateTempSubdirectory("govkpi-fuzz-import-")).FullName;

        /// <summary>
        /// One database for the corpus; a case with an implausible year gets one of its own until
        /// such rows are refused: a stored row of year 1800 beside one of 2999 makes every later
        /// import recompute twelve centuries of monthly aggregates.
        /// </summary>
        public string Database(FuzzCase c) =>
            $"Data Source={Path.Combine(Root, c.Name.Contains("-year-", StringComparison.Ordinal) ? c.Name + ".db" : "govkpi.db")}";

        /// <summary>The case's file, alone in a directory of its own, under its contract name.</summary>
        public string Write(FuzzCase c)
        {
            var directory = Directory.CreateDirectory(Path.Combine(Root, Path.GetFileNameWithoutExtension(c.Name) + c.Extension.Replace('.', '-'))).FullName;
            var path = Path.Combine(directory, c.FileName);
            File.WriteAllBytes(path, c.Content);
            return path;
        }

        public void Dispose()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Root, recursive: true);
        }
    }

    public static TheoryData<string> Cases => FuzzCorpus.Names(_ => true);

    /// <summary>
    /// <c>--dir</c> reads a record file as its option does: every workbook and one CSV case in
    /// five show it, so that the directory path is fuzzed without doubling the run.
    /// </summary>
    public static TheoryData<string> DirectoryCases => FuzzCorpus.Names(c => c.IsWorkbook || FuzzCorpus.IndexOf(c) % 5 == 0);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Import_of_a_malformed_file_never_crashes_and_locates_every_refusal(string name)
    {
        var c = FuzzCorpus.Named(name);
        var path = store.Write(c);

        var result = Run("import", "--" + FuzzCorpus.Stem(c.Kind), path, "--database", store.Database(c));

        Judge(c, result);
    }

    [Theory]
    [MemberData(nameof(DirectoryCases))]
    public void Import_of_a_directory_holding_a_malformed_file_never_crashes_and_locates_every_refusal(string name)
    {
        var c = FuzzCorpus.Named(name);
        var path = store.Write(c);

        var result = Run("import", "--dir", Path.GetDirectoryName(path)!, "--database", store.Database(c));

        Judge(c, result);
    }

    private static void Judge(FuzzCase c, Result result)
    {
        FuzzVerdict.NoCrash(c, result);
        switch (c.Expect)
        {
            case FuzzExpectation.Accepted:
                Assert.True(result.ExitCode == 0 && !result.Output.Contains("quarantined", StringComparison.Ordinal),
                    $"{c.Name}: a valid file was refused\n{result.Output}{result.Error}");
                break;
            case FuzzExpectation.Refused:
                var where = result.ExitCode == 2 ? result.Error : result.Output;
                Assert.True(FuzzVerdict.Located(c).IsMatch(where), $"{c.Name}: no refusal naming {FuzzVerdict.Located(c)} (exit {result.ExitCode})\n{result.Output}{result.Error}");
                break;
        }
    }
}
