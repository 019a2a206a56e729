using Deque.AxeCore.Playwright;
using GovKpi.Web.Features.DemoData;
using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

/// <summary>
/// Every page a role's menu leads to, on a phone (390 and 360 px wide) and a laptop (1366 px):
/// no wider than the screen, no console error, and no serious or critical axe violation. The
/// pages are read from the menu itself, so a page added to the menu is checked without touching
/// this test. Screenshots at 390×844 and 1366×768 are left for a person to look at.
/// </summary>
public sealed class PhoneReadyTests(DemoSite site) : IClassFixture<DemoSite>
{
    private static readonly ViewportSize Laptop = new() { Width = 1366, Height = 768 };
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    private static readonly ViewportSize SmallPhone = new() { Width = 360, Height = 740 };

    public static TheoryData<string> DemoRoles => [DemoAccounts.Staff, DemoAccounts.Manager, DemoAccounts.Hr, DemoAccounts.Leader, DemoAccounts.Auditor];

    [SkippableTheory]
    [MemberData(nameof(DemoRoles))]
    public async Task Every_page_of_the_menu_fits_a_phone_without_console_errors_or_serious_axe_violations(string account)
    {
        var (page, problems) = await NewPageAsync();
        await SignInAsync(page, account);

        var paths = await MenuPathsAsync(page);
        Assert.Contains(paths, path => path != "/");
        foreach (var path in paths)
        {
            await page.SetViewportSizeAsync(Laptop.Width, Laptop.Height);
            var response = await page.GotoAsync(path);
            if (response is not { Ok: true })
            {
                problems.Add($"{path}: HTTP {response?.Status}");
                continue;
            }

            var name = $"{account}{(path == "/" ? "-home" : path.Replace('/', '-'))}";
            await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"phone-ready-{name}-1366.png") });
            problems.AddRange(await SeriousAxeViolationsAsync(page, $"{path} at 1366"));

            await ResizeAsync(page, Phone);
            problems.AddRange(await OverflowAsync(page, $"{path} at 390"));
            problems.AddRange(await SeriousAxeViolationsAsync(page, $"{path} at 390"));
            await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"phone-ready-{name}-390.png"), FullPage = true });

            await ResizeAsync(page, SmallPhone);
            problems.AddRange(await OverflowAsync(page, $"{path} at 360"));
        }

        Assert.True(problems.Count == 0, $"{account}:\n{string.Join("\n", problems)}");
    }

    [SkippableFact]
    public async Task The_sign_in_page_fits_a_phone_and_has_no_serious_axe_violation()
    {
        var (page, problems) = await NewPageAsync();

        foreach (var size in new[] { Laptop, Phone, SmallPhone })
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
            await page.GotoAsync("/");
            problems.AddRange(await OverflowAsync(page, $"sign-in at {size.Width}"));
            problems.AddRange(await SeriousAxeViolationsAsync(page, $"sign-in at {size.Width}"));
            await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"phone-ready-sign-in-{size.Width}.png"), FullPage = true });
        }

        Assert.Empty(problems);
    }

    [SkippableFact]
    public async Task On_a_phone_the_menu_opens_and_closes_from_the_keyboard_and_the_skip_link_leads_to_the_content()
    {
        var (page, problems) = await NewPageAsync();
        await SignInAsync(page, DemoAccounts.Manager);
        await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await page.GotoAsync("/evaluation");

        // The first Tab reaches the skip link, which moves the focus past the menu into the page.
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Bỏ qua menu, đến nội dung chính" });
        Assert.True(await skip.EvaluateAsync<bool>("e => e === document.activeElement"));
        Assert.True(await skip.IsVisibleAsync(), "the focused skip link is shown");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("document.activeElement.closest('main')?.id ?? ''"));

        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
        var signOut = page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" });
        Assert.Equal("false", await toggle.GetAttributeAsync("aria-expanded"));
        Assert.False(await signOut.IsVisibleAsync(), "the account links wait inside the closed menu");

        await toggle.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("true", await toggle.GetAttributeAsync("aria-expanded"));
        Assert.True(await signOut.IsVisibleAsync());
        Assert.True(await page.GetByTestId("current-user").IsVisibleAsync());
        Assert.True(await page.GetByTestId("notification-badge").IsVisibleAsync());
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("phone-ready-menu-open-390.png"), FullPage = true });

        // Tab walks past the search box to the first section; Enter opens it; Tab walks into it; Escape closes the section, then the menu.
        for (var i = 0; i < 4 && await page.EvaluateAsync<string>("document.activeElement.tagName") != "SUMMARY"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Equal("SUMMARY", await page.EvaluateAsync<string>("document.activeElement.tagName"));
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        var inSection = await page.EvaluateAsync<string>("document.activeElement.closest('.menu-group')?.querySelector('summary')?.textContent.trim() ?? ''");
        Assert.NotEqual("", inSection);
        Assert.Equal("A", await page.EvaluateAsync<string>("document.activeElement.tagName"));
        await page.Keyboard.PressAsync("Escape");
        Assert.Equal("SUMMARY", await page.EvaluateAsync<string>("document.activeElement.tagName"));
        await page.Keyboard.PressAsync("Escape");
        Assert.Equal("false", await toggle.GetAttributeAsync("aria-expanded"));
        Assert.True(await toggle.EvaluateAsync<bool>("e => e === document.activeElement"), "Escape hands the focus back to the toggle");
        Assert.False(await signOut.IsVisibleAsync());
        Assert.Empty(problems);
    }

    [SkippableFact]
    public async Task Without_javascript_the_phone_menu_is_still_reachable()
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var context = await site.Browser!.NewContextAsync(new() { BaseURL = site.BaseAddress.ToString(), JavaScriptEnabled = false, ViewportSize = Phone });
        var page = await context.NewPageAsync();
        await SignInAsync(page, DemoAccounts.Staff);

        await page.GotoAsync("/evaluation");
        var signOut = page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" });
        Assert.True(await signOut.IsVisibleAsync(), "without script the account links are on the page");
        var section = page.Locator("#site-menu summary").First;
        await section.ClickAsync();
        var link = page.Locator("#site-menu .menu-group[open] a").First;
        Assert.True(await link.IsVisibleAsync());
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("phone-ready-no-script-390.png"), FullPage = true });
        await context.CloseAsync();
    }

    [SkippableFact]
    public async Task On_a_laptop_the_whole_menu_and_the_account_fit_on_one_line()
    {
        var (page, problems) = await NewPageAsync();
        await SignInAsync(page, DemoAccounts.Hr);
        await page.GotoAsync("/evaluation");

        var header = await page.Locator("header.topbar").BoundingBoxAsync();
        var brand = await page.Locator("header .brand").BoundingBoxAsync();
        Assert.NotNull(header);
        Assert.NotNull(brand);
        foreach (var item in await page.Locator("#site-menu summary, #site-menu nav > ul > li > a, [data-testid=current-user], header button.link").AllAsync())
        {
            var box = await item.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Y < brand.Y + brand.Height && box.Y + box.Height > brand.Y, $"{await item.InnerTextAsync()} is on the brand's line");
        }

        // A section opens as a drop-down over the page, and a click elsewhere closes it.
        var section = page.Locator("#site-menu summary").First;
        await section.ClickAsync();
        Assert.True(await page.Locator("#site-menu .menu-group[open] a").First.IsVisibleAsync());
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("phone-ready-menu-section-1366.png") });
        await page.Locator("main h1").ClickAsync();
        Assert.Equal(0, await page.Locator("#site-menu .menu-group[open]").CountAsync());

        // From the keyboard: Enter opens a section, Tab walks its links, Escape closes it on its title.
        await section.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("A", await page.EvaluateAsync<string>("document.activeElement.closest('.menu-group[open]') ? document.activeElement.tagName : ''"));
        await page.Keyboard.PressAsync("Escape");
        Assert.Equal(0, await page.Locator("#site-menu .menu-group[open]").CountAsync());
        Assert.True(await section.EvaluateAsync<bool>("e => e === document.activeElement"));
        Assert.Empty(problems);
    }

    private async Task<(IPage Page, List<string> Problems)> NewPageAsync()
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var context = await site.Browser!.NewContextAsync(new() { BaseURL = site.BaseAddress.ToString(), ViewportSize = Laptop });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"{page.Url}: console error: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add($"{page.Url}: script error: {error}");
        return (page, problems);
    }

    private static async Task SignInAsync(IPage page, string account)
    {
        await page.GotoAsync("/");
        await page.GetByLabel("Tên đăng nhập").FillAsync(account);
        await page.GetByLabel("Mật khẩu").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.GetByTestId("current-user").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>The site's own pages the header links to, read from the markup whether or not the menu is open.</summary>
    private static async Task<IReadOnlyList<string>> MenuPathsAsync(IPage page)
    {
        var hrefs = await page.Locator("header a[href^='/']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        return [.. hrefs.Select(href => href.Split('#')[0]).Distinct()];
    }

    /// <summary>Resizes the window and waits a frame, as a person would, so the page's resize handlers have run.</summary>
    private static async Task ResizeAsync(IPage page, ViewportSize size)
    {
        await page.SetViewportSizeAsync(size.Width, size.Height);
        await page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");
    }

    internal static async Task<IEnumerable<string>> OverflowAsync(IPage page, string where)
    {
        var widths = await page.EvaluateAsync<int[]>("[document.documentElement.scrollWidth, window.innerWidth]");
        if (widths[0] <= widths[1])
        {
            return [];
        }

        // Name the widest elements that stick out, so a failure says what to fix.
        var culprits = await page.EvaluateAsync<string[]>("""
            (() => {
              const limit = window.innerWidth;
              const out = [];
              for (const e of document.body.querySelectorAll('*')) {
                const r = e.getBoundingClientRect();
                if (r.right > limit + 1 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > limit + 1)) {
                  out.push(`${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\s+/g, '.') : ''} → ${Math.round(r.right)}px`);
                }
              }
              return out.slice(0, 5);
            })()
            """);
        return [$"{where}: page is {widths[0]} px wide on a {widths[1]} px screen ({string.Join("; ", culprits)})"];
    }

    internal static async Task<IEnumerable<string>> SeriousAxeViolationsAsync(IPage page, string where)
    {
        var result = await page.RunAxe();
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{where}: axe {v.Impact} {v.Id} ({v.Help}) at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}");
    }
}
