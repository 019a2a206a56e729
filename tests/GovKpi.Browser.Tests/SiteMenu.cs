using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

/// <summary>
/// Follows a link of the top bar's menu as a person would: on a phone the "Menu" button opens the
/// menu first, and a link inside a section shows once its section is opened.
/// </summary>
public static class SiteMenu
{
    public static async Task FollowAsync(IPage page, ILocator link)
    {
        var toggle = page.GetByTestId("menu-toggle");
        if (await toggle.IsVisibleAsync() && await toggle.GetAttributeAsync("aria-expanded") != "true")
        {
            await toggle.ClickAsync();
        }

        // A link by role is found only once shown, so the sections are opened in turn (one open at a time) until it is.
        foreach (var section in await page.Locator("#site-menu details.menu-group > summary").AllAsync())
        {
            if (await link.IsVisibleAsync())
            {
                break;
            }

            await section.ClickAsync();
        }

        await link.ClickAsync();
    }
}
