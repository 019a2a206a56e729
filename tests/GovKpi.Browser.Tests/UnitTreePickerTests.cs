using GovKpi.Web.Features.DemoData;
using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

/// <summary>Opening a cycle starts from the manager's own unit in a tree of their scope, not a flat list of the province's units.</summary>
public sealed class UnitTreePickerTests(DemoSite site) : IClassFixture<DemoSite>
{
    private async Task<IPage> SignedInAsync(string userName, int width, int height)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var context = await site.Browser!.NewContextAsync(new() { BaseURL = site.BaseAddress.ToString(), ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.ArrivesAtAsync("/home$");
        return page;
    }

    [SkippableTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task A_manager_opening_a_cycle_starts_from_their_own_centre_and_finds_another_unit_by_name(int width, int height)
    {
        var page = await SignedInAsync(DemoAccounts.Manager, width, height);
        var own = await page.EvaluateAsync<string>("fetch('/api/auth/me').then(r => r.json()).then(me => fetch('/api/staff/' + me.staffCode)).then(r => r.json()).then(s => s.unitCode)");
        await page.GotoAsync("/evaluation");

        var tree = page.GetByTestId("unit-tree");
        var chosen = tree.Locator("input[name=UnitCode]:checked");
        Assert.Equal(own, await chosen.GetAttributeAsync("value"));
        Assert.True(await chosen.IsVisibleAsync());
        Assert.True(await chosen.EvaluateAsync<bool>("r => { const box = r.closest('fieldset').getBoundingClientRect(), me = r.getBoundingClientRect(); return me.top >= box.top && me.bottom <= box.bottom; }"),
            "the chosen unit is scrolled into the tree's box");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"unit-tree-manager-{width}.png"), FullPage = true });

        // Another unit of the manager's scope, found by typing part of its name without its diacritics.
        var other = tree.Locator($"li:not(:has(input[value='{own}'])) > input[name=UnitCode]").First;
        var code = await other.GetAttributeAsync("value");
        var name = await tree.Locator($"label[for='UnitCode-{code}']").InnerTextAsync();
        var firstWord = name.Split(' ')[0].Normalize(System.Text.NormalizationForm.FormD);
        var plain = new string([.. firstWord.Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)]).Replace('đ', 'd').Replace('Đ', 'D');
        await tree.GetByPlaceholder("Tìm đơn vị theo tên hoặc mã").FillAsync(plain + " " + code);
        await page.GetByLabel(name, new() { Exact = true }).CheckAsync();
        Assert.Equal(code, await tree.Locator("input[name=UnitCode]:checked").GetAttributeAsync("value"));
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
    }

    [SkippableFact]
    public async Task Hr_sees_the_province_as_one_tree_open_only_along_the_way_to_their_own_unit()
    {
        var page = await SignedInAsync(DemoAccounts.Hr, 1366, 768);
        var own = await page.EvaluateAsync<string>(
            "fetch('/api/auth/me').then(r => r.json()).then(me => me.staffCode ? fetch('/api/staff/' + me.staffCode).then(r => r.json()).then(s => s.unitCode) : me.scopeUnitCode)");
        await page.GotoAsync("/evaluation");
        var tree = page.GetByTestId("unit-tree");
        Assert.Equal(1, await tree.Locator("> ul > li").CountAsync());
        var chosen = tree.Locator("input[name=UnitCode]:checked");
        Assert.Equal(own, await chosen.GetAttributeAsync("value"));
        Assert.True(await chosen.IsVisibleAsync());
        var units = await tree.Locator("input[name=UnitCode]").CountAsync();
        var open = await tree.Locator("details[open]").CountAsync();
        Assert.True(units > 100 && open is >= 1 and <= 3, $"{units} units, {open} branches open");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("unit-tree-hr-1366.png") });
    }
}
