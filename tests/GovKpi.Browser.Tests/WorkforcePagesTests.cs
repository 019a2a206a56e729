using GovKpi.Web.Features.DemoData;
using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

/// <summary>The workforce pages on the demo province: the staffing view, skill coverage, the assistant's proposal, a draft with its effect, and a leader's approval.</summary>
public sealed class WorkforcePagesTests(DemoSite site) : IClassFixture<DemoSite>
{
    private async Task<IPage> SignedInAsync(string userName, int width, int height)
    {
        var context = await site.Browser!.NewContextAsync(new()
        {
            BaseURL = site.BaseAddress.ToString(), Locale = "vi-VN", ViewportSize = new() { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.LeavesTheFrontDoorAsync();
        return page;
    }

    [SkippableTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task Hr_drafts_a_secondment_from_the_staffing_view_sees_its_effect_on_both_units_and_a_leader_approves_it(int width, int height)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var hr = await SignedInAsync(DemoAccounts.Hr, width, height);
        await hr.GotoAsync("/workforce");
        var top = hr.Locator("[data-testid=units] tbody tr").First;
        await Assertions.Expect(top).ToBeVisibleAsync();
        await hr.ScreenshotAsync(new() { Path = Screenshots.PathFor($"workforce-{width}.png") });
        var topUnit = (await top.GetAttributeAsync("data-unit"))!;

        // Two viewports, two people: the first run's approval seconds its person from tomorrow.
        var others = hr.Locator($"[data-testid=staff] tbody tr:not([data-unit='{topUnit}'])");
        var person = others.Nth(width < 800 ? 0 : 1);
        var staffCode = (await person.GetAttributeAsync("data-staff"))!;

        await hr.GotoAsync("/workforce/skills");
        await Assertions.Expect(hr.Locator("h1")).ToHaveTextAsync("Kỹ năng");
        await hr.ScreenshotAsync(new() { Path = Screenshots.PathFor($"workforce-skills-{width}.png") });

        await hr.GotoAsync("/workforce/plans");
        await hr.ScreenshotAsync(new() { Path = Screenshots.PathFor($"workforce-plans-{width}.png") });
        await hr.GetByRole(AriaRole.Button, new() { Name = "Trợ lý đề xuất kế hoạch" }).ClickAsync();
        await Assertions.Expect(hr.GetByTestId("status")).ToContainTextAsync("trợ lý đề xuất");
        await hr.ScreenshotAsync(new() { Path = Screenshots.PathFor($"workforce-proposal-{width}.png") });

        await hr.GotoAsync("/workforce/plans");
        var draft = hr.GetByTestId("draft");
        await draft.GetByLabel("Tên kế hoạch").FillAsync($"Tăng cường {topUnit}");
        var line = draft.GetByTestId("line-0");
        await line.GetByLabel("Mã cán bộ").FillAsync(staffCode);
        await line.GetByLabel("Đến đơn vị").FillAsync(topUnit);
        await line.GetByLabel("Từ ngày").FillAsync("2026-12-09");
        await line.GetByLabel("Đến ngày").FillAsync("2027-03-09");
        await line.GetByLabel("Lý do").FillAsync("Đơn vị nhận vượt định mức");
        await draft.GetByRole(AriaRole.Button, new() { Name = "Lưu dự thảo" }).ClickAsync();
        await Assertions.Expect(hr.GetByTestId("status")).ToContainTextAsync("Dự thảo");
        await Assertions.Expect(hr.Locator("[data-testid=effect] tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(hr.Locator($"[data-testid=effect] tr[data-unit='{topUnit}']")).ToContainTextAsync("→");
        await hr.ScreenshotAsync(new() { Path = Screenshots.PathFor($"workforce-plan-draft-{width}.png"), FullPage = true });
        var planUrl = hr.Url;

        var leader = await SignedInAsync(DemoAccounts.Leader, width, height);
        await leader.GotoAsync(planUrl);
        await leader.GetByRole(AriaRole.Button, new() { Name = "Phê duyệt", Exact = true }).ClickAsync();
        await Assertions.Expect(leader.GetByTestId("status")).ToContainTextAsync("Đã phê duyệt");
        await Assertions.Expect(leader.GetByTestId("trail")).ToContainTextAsync("phê duyệt");
        await leader.ScreenshotAsync(new() { Path = Screenshots.PathFor($"workforce-plan-approved-{width}.png") });
    }
}
