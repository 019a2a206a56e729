using System.Runtime.CompilerServices;

namespace GovKpi.Browser.Tests;

internal static class TestProcess
{
    /// <summary>
    /// A first page of a freshly started site takes up to 6 s on a busy 2-core CI machine
    /// (<see cref="RequestWatch"/>'s reports); the assertions that wait for it must not give up
    /// before a navigation would have.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize() => Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(15_000);
}
