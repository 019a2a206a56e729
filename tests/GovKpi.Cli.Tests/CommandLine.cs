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
}
