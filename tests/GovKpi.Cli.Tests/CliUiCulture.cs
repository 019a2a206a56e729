using System.Globalization;

namespace GovKpi.Tests;

internal static partial class TestCulture
{
    // The command line speaks English (Program.Run sets en-US); tests that call its readers
    // directly read the refusals in the same words, also in the th-TH pass.
    static partial void ApplyUiCulture()
    {
        var english = CultureInfo.GetCultureInfo("en-US");
        CultureInfo.DefaultThreadCurrentUICulture = english;
        CultureInfo.CurrentUICulture = english;
    }
}
