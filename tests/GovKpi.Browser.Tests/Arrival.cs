using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

/// <summary>
/// Waiting for a navigation to land. Playwright's <c>WaitForURLAsync</c> and
/// <c>WaitForLoadStateAsync</c> check the page's state, then subscribe to its events, and lose an
/// event delivered between the two (microsoft/playwright-dotnet#3364): a test then timed out on a
/// page that had loaded (in CI, about one test in a hundred, each time another one, the log showing
/// the very event it waited for). A web-first assertion on the URL polls instead; what the page
/// shows is then awaited by the test's own assertions, which poll too.
/// </summary>
internal static class Arrival
{
    /// <summary>As long as a navigation was given before: a cold page on a busy CI machine takes seconds.</summary>
    private const float Timeout = 30_000;

    /// <summary>Waits until the page's address matches <paramref name="pattern"/> (a regular expression searched in the whole URL, run by the browser: no .NET options).</summary>
    public static Task ArrivesAtAsync(this IPage page, [StringSyntax(StringSyntaxAttribute.Regex)] string pattern) =>
        Assertions.Expect(page).ToHaveURLAsync(new Regex(pattern), new() { Timeout = Timeout });

    /// <summary>Waits until a sign-in has left the front door (<c>/</c>) for wherever it leads.</summary>
    public static Task LeavesTheFrontDoorAsync(this IPage page) => page.ArrivesAtAsync("[^/]$");
}
