using System.Globalization;
using System.Runtime.CompilerServices;

namespace GovKpi.Tests;

/// <summary>
/// Runs a test assembly under the default culture named by <c>GOVKPI_TEST_CULTURE</c> (e.g.
/// th-TH, whose calendar counts Buddhist years), set before any test starts: scripts/test runs
/// the suite once more that way, so an unnamed culture anywhere shows as a failing test.
/// </summary>
internal static partial class TestCulture
{
    public const string Variable = "GOVKPI_TEST_CULTURE";

#pragma warning disable CA2255 // A test assembly, not a library: its culture must be set before xUnit starts any test.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Apply()
    {
        ApplyUiCulture();
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } name)
        {
            return;
        }

        // Throws for an unknown name (or under invariant globalization): the pass must not
        // silently run under the invariant culture.
        var culture = CultureInfo.GetCultureInfo(name, predefinedOnly: true);
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = culture;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        ApplyUiCulture();
    }

    /// <summary>A test assembly whose code speaks one language whatever the pass (the command line's English) sets it here.</summary>
    static partial void ApplyUiCulture();
}
