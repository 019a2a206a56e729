using System.Text.RegularExpressions;
using GovKpi.Tests.Fuzz;

namespace GovKpi.Cli.Tests.Fuzz;

/// <summary>What every run of a fuzz case must show: no crash, and for an invalid input a message naming the file and the line.</summary>
internal static class FuzzVerdict
{
    public static void NoCrash(FuzzCase c, CommandLine.Result result)
    {
        var said = result.Output + result.Error;
        Assert.True(result.ExitCode is 0 or 2, $"{c.Name}: exit code {result.ExitCode}\n{said}");
        Assert.False(said.Contains("   at ", StringComparison.Ordinal), $"{c.Name}: a stack trace\n{said}");
        Assert.False(said.Contains("Exception", StringComparison.Ordinal), $"{c.Name}: an exception's name\n{said}");
    }

    /// <summary><c>dossiers.csv:3:</c> (the line the case names, or any line), after a path or a space.</summary>
    public static Regex Located(FuzzCase c) =>
        new($"(^|[\\s/\\\\]){Regex.Escape(c.FileName)}:{(c.Line is { } line ? line.ToString(System.Globalization.CultureInfo.InvariantCulture) : "[0-9]+")}:", RegexOptions.Multiline);
}
