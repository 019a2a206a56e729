using GovKpi.Core.Search;
using GovKpi.Data;
using GovKpi.Web.Features.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

public sealed class SearchPageTests(DemoSite site) : IClassFixture<DemoSite>
{
    [SkippableTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task A_manager_finds_a_person_typed_without_diacritics_and_a_dossier_by_the_start_of_its_id_from_the_top_bar(int width, int height)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        string name, typed, dossier;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovKpiDbContext>();
            var manager = await db.Accounts.AsNoTracking().SingleAsync(a => a.UserName == DemoAccounts.Manager);
            var units = await db.Units.AsNoTracking().Where(u => u.Code == manager.ScopeUnitCode || u.ParentCode == manager.ScopeUnitCode)
                .Select(u => u.Code).ToListAsync();
            var people = await db.Staff.AsNoTracking().Where(s => units.Contains(s.UnitCode)).Select(s => s.FullName).ToListAsync();
            name = people.First(n => SearchText.Fold(n) != n.ToLowerInvariant());
            typed = string.Join(' ', SearchText.Fold(name).Split(' ')[^2..]);
            dossier = await db.Dossiers.AsNoTracking().Where(d => units.Contains(d.UnitCode)).OrderBy(d => d.DossierId).Select(d => d.DossierId).FirstAsync();
        }

        var context = await site.Browser!.NewContextAsync(new()
        {
            BaseURL = site.BaseAddress.ToString(), Locale = "vi-VN", ViewportSize = new() { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };
        await page.GotoAsync("/");
        await page.GetByLabel("Tên đăng nhập").FillAsync(DemoAccounts.Manager);
        await page.GetByLabel("Mật khẩu").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.GetByTestId("current-user").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        var toggle = page.GetByTestId("menu-toggle");
        if (await toggle.IsVisibleAsync())
        {
            await toggle.ClickAsync();
        }

        // On a laptop the field opens over the menu when the pointer is on the search button.
        var form = page.GetByRole(AriaRole.Search);
        await form.GetByRole(AriaRole.Button).HoverAsync();
        var box = form.GetByRole(AriaRole.Searchbox);
        await box.FillAsync(typed);
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"search-topbar-{width}.png") });
        await box.PressAsync("Enter");
        await page.ArrivesAtAsync(@"/search\?q=");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Tìm kiếm");
        await Assertions.Expect(page.GetByTestId("search-people")).ToContainTextAsync(name);
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"search-people-{width}.png"), FullPage = true });
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the results fit the screen");

        var field = page.Locator("#search-q");
        await field.FillAsync(dossier[..^2]);
        await page.GetByTestId("search-form").GetByRole(AriaRole.Button, new() { Name = "Tìm" }).ClickAsync();
        var hit = page.GetByTestId("search-dossiers").GetByRole(AriaRole.Link, new() { Name = dossier });
        await Assertions.Expect(hit).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"search-dossiers-{width}.png"), FullPage = true });
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the dossiers fit the screen");

        await hit.ClickAsync();
        await page.ArrivesAtAsync(@"/kpis/explain\?");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(dossier);
        Assert.Empty(problems);
        await context.CloseAsync();
    }
}
