using static GovKpi.Cli.Tests.CommandLine;

namespace GovKpi.Cli.Tests.Import;

/// <summary>A database server that cannot be reached is one clear line and exit 1, not a stack trace.</summary>
public sealed class UnavailableDatabaseTests
{
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    private const string NoServer = "Host=127.0.0.1;Port=1;Username=govkpi;Database=govkpi;Timeout=2";

    [Theory]
    [InlineData("migrate")]
    [InlineData("import")]
    [InlineData("backup")]
    public void Each_database_command_says_the_server_cannot_be_reached_in_one_line(string verb)
    {
        var directory = Directory.CreateTempSubdirectory("govkpi-noserver-").FullName;
        try
        {
            string[] args = verb switch
            {
                "import" => ["import", "--dir", directory, "--database", NoServer],
                "backup" => ["backup", "--out", Path.Combine(directory, "x.backup"), "--database", NoServer, "--postgres-bin", "/nonexistent"],
                _ => [verb, "--database", NoServer],
            };

            var result = Run(args);

            Assert.Equal(1, result.ExitCode);
            Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
            Assert.True(result.Error.Trim().Split('\n').Length <= 2, result.Error);
            Assert.Matches("cannot be reached|failed|no pg_dump", result.Error);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
