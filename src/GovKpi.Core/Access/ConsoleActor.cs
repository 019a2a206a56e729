namespace GovKpi.Core.Access;

/// <summary>
/// Who a change made at the server's command line is recorded as: <c>console:</c> and the
/// operating-system user who ran it. Every command writes the same author, so a trail tells a
/// command-line change from one made by an account, and names who made it.
/// </summary>
public static class ConsoleActor
{
    public const string Prefix = "console:";

    public static string Of(string operatingSystemUser) => Prefix + operatingSystemUser;

    public static bool Is(string actor) => actor.StartsWith(Prefix, StringComparison.Ordinal);
}
