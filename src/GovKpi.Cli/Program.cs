using System.CommandLine;
using GovKpi.Cli.Commands;

namespace GovKpi.Cli;

/// <summary>Exit codes of every command (CONTRACTS.md).</summary>
public static class ExitCode
{
    public const int Success = 0;
    /// <summary>Something outside the input failed (a disk, a permission).</summary>
    public const int Failure = 1;
    /// <summary>Invalid options or input; the message on standard error says which and why.</summary>
    public const int InvalidInput = 2;
}

public static class Program
{
    public static int Main(string[] args) =>
        Run(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable, Console.IsInputRedirected ? Console.In : null);

    /// <summary>Runs one command line in-process, writing to <paramref name="output"/> and <paramref name="error"/> instead of the console.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error) =>
        Run(args, output, error, Environment.GetEnvironmentVariable);

    /// <summary>
    /// As <see cref="Run(IReadOnlyList{string}, TextWriter, TextWriter)"/>, reading settings (the language model of <c>ask</c>) from
    /// <paramref name="environment"/> and the password of <c>users</c> from <paramref name="input"/> (null: nothing piped in).
    /// </summary>
    internal static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, Func<string, string?> environment, TextReader? input = null)
    {
        var root = new RootCommand("GovKpi: measure, evaluate and improve the work of public-sector staff.")
        {
            SeedCommand.Create(),
            ComputeCommand.Create(),
            ClassifyCommand.Create(),
            ForecastCommand.Create(),
            AnomaliesCommand.Create(),
            ImportCommand.Create(),
            ImportTasksCommand.Create(),
            BenchCommand.Create(),
            MigrateCommand.Create(),
            AskCommand.Create(environment),
            UsersCommand.Create(input),
            AuditCommand.Create(),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // System.CommandLine would exit with 1; the contract reserves 2 for invalid input.
            foreach (var parseError in parsed.Errors)
            {
                error.WriteLine($"govkpi: {parseError.Message}");
            }

            error.WriteLine("Run 'govkpi --help' for usage.");
            return ExitCode.InvalidInput;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
