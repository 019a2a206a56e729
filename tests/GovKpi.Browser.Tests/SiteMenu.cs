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

        if (!await link.IsVisibleAsync())
        {
            await page.Locator("#site-menu details.menu-group").Filter(new() { Has = link }).Locator("summary").ClickAsync();
        }

        await link.ClickAsync();
    }
}
