using System.CommandLine;
using System.Globalization;
using GovKpi.Cli.Commands;
using GovKpi.Data;

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
            ComputeCommand.Create(environment),
            ClassifyCommand.Create(),
            ForecastCommand.Create(),
            AnomaliesCommand.Create(),
            ImportCommand.Create(),
            ImportTasksCommand.Create(),
            BenchCommand.Create(),
            MigrateCommand.Create(),
            BackupCommand.CreateBackup(),
            BackupCommand.CreateRestore(),
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

        // The command line speaks English (its help, its summaries); the readers' refusals follow it.
        var uiCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (DatabaseFaults.Classify(e) is var kind && kind != DatabaseFaults.Kind.None)
        {
            error.WriteLine($"govkpi: {Unavailable(kind)} ({DatabaseFaults.Reason(e)}); nothing after the last committed step was kept. Try again.");
            return ExitCode.Failure;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // One line for the operator; the stack trace only when asked for, since it says nothing to them.
            error.WriteLine($"govkpi: unexpected error ({e.GetType().Name}): {e.Message.Trim()}");
            error.WriteLine(environment("GOVKPI_TRACE") == "1" ? e.ToString() : "Set GOVKPI_TRACE=1 to see where it happened.");
            return ExitCode.Failure;
        }
        finally
        {
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    internal static string Unavailable(DatabaseFaults.Kind kind) => kind switch
    {
        DatabaseFaults.Kind.Busy => "the database was locked by another writer for too long",
        DatabaseFaults.Kind.Full => "the disk or the database is full",
        _ => "the database server cannot be reached",
    };
}
