using GovKpi.Web.Features.DemoData;
using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

/// <summary>HR edits the workload norms and the procedure → skill table on the demo province, from the staffing view.</summary>
public sealed class WorkforceNormsPageTests(DemoSite site) : IClassFixture<DemoSite>
{
    [SkippableTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task Hr_opens_the_norms_from_the_staffing_view_sees_a_wrong_value_refused_beside_its_field_and_saves_a_norm_and_a_procedure_skill(int width, int height)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var context = await site.Browser!.NewContextAsync(new()
        {
            BaseURL = site.BaseAddress.ToString(), Locale = "vi-VN", ViewportSize = new() { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Tên đăng nhập").FillAsync(DemoAccounts.Hr);
        await page.GetByLabel("Mật khẩu").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.LeavesTheFrontDoorAsync();

        await page.GotoAsync("/workforce");
        await page.GetByTestId("norms-link").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Định mức và kỹ năng yêu cầu");

        var row = page.Locator("[data-testid=norms] tbody tr").First;
        var dossiers = row.GetByLabel("Hồ sơ một ngày");
        var original = await dossiers.InputValueAsync();
        await dossiers.FillAsync("bốn");
        await page.GetByTestId("norms-form").GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=norms] .field-error").First).ToHaveTextAsync("Phải là một số, ví dụ 8 hoặc 1,5.");
        await Assertions.Expect(page.GetByTestId("errors")).ToBeVisibleAsync();
        await row.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"workforce-norms-refused-{width}.png") });

        await page.Locator("[data-testid=norms] tbody tr").First.GetByLabel("Hồ sơ một ngày").FillAsync("6");
        await page.GetByTestId("norms-form").GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("saved")).ToHaveTextAsync("Đã lưu.");
        await Assertions.Expect(page.Locator("[data-testid=norms] tbody tr").First.GetByLabel("Hồ sơ một ngày")).ToHaveValueAsync("6");

        var procedures = page.GetByTestId("procedures-form");
        var empty = procedures.Locator("tbody tr").Last;
        await empty.GetByLabel("Mã thủ tục hành chính").FillAsync($"9.{width}");
        await empty.GetByLabel("Kỹ năng").FillAsync("tu-phap");
        await procedures.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("saved")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"[data-testid=procedures] input[value='9.{width}']")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"workforce-norms-{width}.png"), FullPage = true });

        await page.Locator("[data-testid=norms] tbody tr").First.GetByLabel("Hồ sơ một ngày").FillAsync(original);
        await page.GetByTestId("norms-form").GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("saved")).ToBeVisibleAsync();
    }
}
