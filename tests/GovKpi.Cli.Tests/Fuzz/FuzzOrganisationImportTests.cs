using System.Text.RegularExpressions;
using GovKpi.Tests.Fuzz;
using static GovKpi.Cli.Tests.CommandLine;

namespace GovKpi.Cli.Tests.Fuzz;

/// <summary>
/// Malformed organisation files through <c>import --dir</c>, into one SQLite database: exit 0 or 2,
/// never a stack trace; an invalid file refused with exit 2 and a message naming it and the line.
/// </summary>
public sealed class FuzzOrganisationImportTests(FuzzImportTests.Store store) : IClassFixture<FuzzImportTests.Store>
{
    public static TheoryData<string> Cases => OrganisationFuzzCorpus.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Import_of_a_directory_with_a_malformed_organisation_file_never_crashes_and_locates_its_refusal(string name)
    {
        var c = OrganisationFuzzCorpus.Named(name);
        var directory = Directory.CreateDirectory(Path.Combine(store.Root, "organisation-" + c.Name)).FullName;
        foreach (var (file, content) in c.Files)
        {
            File.WriteAllBytes(Path.Combine(directory, file), content);
        }

        var result = Run("import", "--dir", directory, "--database", $"Data Source={Path.Combine(store.Root, "organisation.db")}");

        var said = result.Output + result.Error;
        Assert.True(result.ExitCode is 0 or 2, $"{c.Name}: exit code {result.ExitCode}\n{said}");
        Assert.False(said.Contains("   at ", StringComparison.Ordinal), $"{c.Name}: a stack trace\n{said}");
        Assert.False(said.Contains("Exception", StringComparison.Ordinal), $"{c.Name}: an exception's name\n{said}");
        switch (c.Expect)
        {
            case FuzzExpectation.Accepted:
                Assert.True(result.ExitCode == 0, $"{c.Name}: a valid directory was refused\n{said}");
                break;
            case FuzzExpectation.Refused:
                var located = new Regex($"(^|[\\s/\\\\]){Regex.Escape(c.Damaged)}:{(c.Line is { } line ? line.ToString(System.Globalization.CultureInfo.InvariantCulture) : "[0-9]+")}:", RegexOptions.Multiline);
                Assert.True(result.ExitCode == 2 && located.IsMatch(result.Error), $"{c.Name}: no refusal naming {located} (exit {result.ExitCode})\n{said}");
                break;
        }
    }
}
