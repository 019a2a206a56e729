using GovKpi.Web.Features.DemoData;
using Microsoft.Playwright;

namespace GovKpi.Browser.Tests;

/// <summary>The early-warning page on the demo province: alerts by unit with their level in words, and HR's policy form.</summary>
public sealed class AlertsPageTests(DemoSite site) : IClassFixture<DemoSite>
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
    public async Task HR_evaluates_now_reads_the_alerts_of_each_unit_by_level_in_words_and_a_wrong_policy_is_refused_at_its_field(int width, int height)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var hr = await SignedInAsync(DemoAccounts.Hr, width, height);
        await hr.GotoAsync("/alerts");
        await hr.GetByTestId("evaluate").ClickAsync();
        await Assertions.Expect(hr.GetByTestId("evaluated")).ToContainTextAsync("Đã rà soát");

        // The demo has open dossiers past their due date: each level reads as a word, not only a colour.
        var late = hr.Locator("[data-testid=unit-alerts] tr[data-level=red] .status").First;
        await Assertions.Expect(late).ToHaveTextAsync("Đỏ — trễ hạn nghiêm trọng");
        // A division of the demo has no head: its alert is listed as a post to fill, not lost.
        await Assertions.Expect(hr.GetByTestId("vacancies")).ToContainTextAsync("Trưởng phòng — ");
        await Assertions.Expect(hr.Locator("[data-testid=unit-alerts] tr[data-vacant=true]").First).ToContainTextAsync("Vị trí đang trống (chưa có người)");
        await hr.ScreenshotAsync(new() { Path = Screenshots.PathFor($"alerts-hr-{width}.png") });
        await late.ScrollIntoViewIfNeededAsync();
        await hr.ScreenshotAsync(new() { Path = Screenshots.PathFor($"alerts-hr-units-{width}.png") });

        var form = hr.GetByTestId("policy-form");
        await form.GetByLabel("Xanh khi còn không quá (giờ làm việc)").FillAsync("0");
        await form.GetByLabel("Kết thúc khoảng 2").FillAsync("12:00");
        await form.GetByRole(AriaRole.Button, new() { Name = "Lưu quy tắc" }).ClickAsync();
        await Assertions.Expect(hr.GetByTestId("policy-errors")).ToContainTextAsync("greenWithinHours: Số giờ làm việc phải lớn hơn 0");
        await Assertions.Expect(hr.GetByTestId("policy-errors")).ToContainTextAsync("periods[1].end: Giờ kết thúc phải sau giờ bắt đầu");
        // The form keeps what was typed, so it can be corrected rather than typed again.
        await Assertions.Expect(hr.GetByTestId("policy-form").GetByLabel("Kết thúc khoảng 2")).ToHaveValueAsync("12:00");
        await hr.GetByTestId("policy-form").ScreenshotAsync(new() { Path = Screenshots.PathFor($"alerts-policy-errors-{width}.png") });

        form = hr.GetByTestId("policy-form");
        await form.GetByLabel("Xanh khi còn không quá (giờ làm việc)").FillAsync("16");
        await form.GetByLabel("Kết thúc khoảng 2").FillAsync("17:00");
        await form.GetByRole(AriaRole.Button, new() { Name = "Lưu quy tắc" }).ClickAsync();
        await Assertions.Expect(hr.GetByTestId("policy-version")).ToContainTextAsync("Sửa lần cuối bởi hr");
        await Assertions.Expect(hr.GetByTestId("policy-form").GetByLabel("Xanh khi còn không quá (giờ làm việc)")).ToHaveValueAsync("16");
    }
}
