namespace GovKpi.Cli.Tests;

/// <summary>Runs <c>govkpi</c> in-process, as a test of a command needs it: exit code, standard output, standard error.</summary>
internal static class CommandLine
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = Program.Run(args, output, error);
        return new Result(exit, output.ToString(), error.ToString());
    }

    /// <summary>As <see cref="Run"/>, with <paramref name="input"/> piped to standard input (null: nothing piped, as at a terminal).</summary>
    public static Result RunWithInput(string? input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = Program.Run(args, output, error, Environment.GetEnvironmentVariable, input is null ? null : new StringReader(input));
        return new Result(exit, output.ToString(), error.ToString());
    }
}
